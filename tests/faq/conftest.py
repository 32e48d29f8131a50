import pytest

from faq.models import Article
from tests.faq.factories import ArticleFactory, CategoryFactory


@pytest.fixture
def payouts(db):
    return CategoryFactory(name="Payouts and diamonds", slug="payouts")


@pytest.fixture
def library(payouts):
    """One article of each audience and status (all in the payouts category)."""
    make = ArticleFactory
    return {
        "everyone": make(title="Payout basics for everyone", category=payouts),
        "networks": make(
            title="Payout statements for networks",
            category=payouts,
            audience=Article.Audience.NETWORKS,
        ),
        "staff": make(
            title="Payout escalation for staff",
            category=payouts,
            audience=Article.Audience.STAFF,
        ),
        "draft": make(
            title="Payout draft", category=payouts, status=Article.Status.DRAFT
        ),
        "archived": make(
            title="Payout archived", category=payouts, status=Article.Status.ARCHIVED
        ),
    }
