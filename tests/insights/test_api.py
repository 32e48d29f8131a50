import pytest

from tests.faq.factories import ArticleFactory
from tests.insights.factories import RecurringGroupFactory
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/insights/recurring/"


def test_staff_list_recurring_groups_with_references_and_article(api_as, intern):
    article = ArticleFactory(title="Appeal a LIVE ban")
    group = RecurringGroupFactory(label="LIVE ban appeal", size=2, article=article)
    tickets = [TicketFactory(), TicketFactory()]
    group.tickets.add(*tickets)
    RecurringGroupFactory(label="smaller", size=1)
    data = api_as(intern).get(URL).json()
    assert data["count"] == 2
    first = data["results"][0]
    assert first["label"] == "LIVE ban appeal" and first["size"] == 2
    assert sorted(first["tickets"]) == sorted(t.reference for t in tickets)
    assert first["article"] == article.slug
    assert data["results"][1]["article"] is None


def test_network_members_are_refused(api_as, member_a):
    assert api_as(member_a).get(URL).status_code == 403


def test_anonymous_clients_are_refused(api_client):
    assert api_client.get(URL).status_code == 401


def test_the_list_keeps_a_constant_query_count(
    api_as, manager, django_assert_num_queries
):
    client = api_as(manager)
    for size in (2, 20):
        for group in RecurringGroupFactory.create_batch(size):
            group.tickets.add(TicketFactory())
        with django_assert_num_queries(4):
            assert client.get(URL).status_code == 200
