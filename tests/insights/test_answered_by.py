"""Which articles may answer a recurring question."""

import pytest


@pytest.mark.django_db
def test_an_articles_translations_are_not_rival_answers():
    """A translation is a version of its source: as candidates they stood beside
    it (same meaning, another language) and the margin rule then refused both."""
    from faq.services import article_translate
    from insights.recurring import published_answers
    from tests.faq.factories import ArticleFactory
    from tests.hub.factories import StaffFactory

    source = ArticleFactory(title="How diamond payouts work")
    article_translate(
        source=source,
        language="id",
        title="Cara kerja pembayaran berlian",
        body="Hadiah menjadi berlian.",
        editor=StaffFactory(),
        status="published",
    )
    assert [article for article, _text in published_answers()] == [source]
