"""Issue 17: the admin's article preview did not look like the published article.
It is now the published page's partial and stylesheets."""

import re

import pytest
from django.urls import reverse

from tests.faq.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _article_markup(html: str) -> str:
    """The article element's content (its tag carries the article's lang and dir)."""
    opening = re.search(r'<article class="card faq-article"[^>]*>', html)
    return html[opening.end() :].split("</article>")[0]


def test_the_preview_is_the_published_articles_markup_and_stylesheets(
    client_as, intern, member_a
):
    member_a.time_zone = intern.time_zone = "UTC"  # the same "Updated" day for both
    member_a.save()
    intern.save()
    article = ArticleFactory(
        title="Payout schedule",
        summary="When diamonds are paid.",
        body="## When\n\nThe **10th**.",
        tags="payout, schedule",
    )
    preview = client_as(intern).post(
        reverse("faq:preview"),
        {
            "title": article.title,
            "summary": article.summary,
            "body": article.body,
            "tags": article.tags,
            "kind": "article",
        },
    )
    page = preview.json()["page"]
    assert "/static/css/hub.css" in page and "/static/css/faq.css" in page
    assert "<script" not in page
    published = client_as(member_a).get(article.get_absolute_url()).content.decode()
    head = _article_markup(published).split('<section class="faq-vote"')[0]
    assert _article_markup(page).strip() == head.strip()
