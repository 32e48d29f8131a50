import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from faq.models import Article
from tests.faq.factories import ArticleFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/faq/articles/"


def _titles(response) -> set[str]:
    return {row["title"] for row in response.json()["results"]}


def test_anonymous_clients_read_only_published_articles_for_everyone(library):
    response = APIClient().get(URL)
    assert response.status_code == 200
    assert _titles(response) == {"Payout basics for everyone"}


def test_network_members_also_read_articles_for_networks(api_as, member_a, library):
    assert _titles(api_as(member_a).get(URL)) == {
        "Payout basics for everyone",
        "Payout statements for networks",
    }


def test_staff_read_every_article(api_as, intern, library):
    assert len(_titles(api_as(intern).get(URL))) == 5


@pytest.mark.parametrize("key", ["networks", "staff", "draft", "archived"])
def test_anonymous_retrieve_of_a_hidden_article_answers_404(library, key):
    response = APIClient().get(f"{URL}{library[key].slug}/")
    assert response.status_code == 404
    assert response.json()["message"]


@pytest.mark.parametrize("key", ["staff", "draft"])
def test_network_member_retrieve_of_staff_or_draft_answers_404(
    api_as, member_a, library, key
):
    assert api_as(member_a).get(f"{URL}{library[key].slug}/").status_code == 404


def test_retrieve_by_slug_returns_markdown_and_sanitised_html(
    api_as, member_a, payouts
):
    article = ArticleFactory(
        title="Safe", body="**Hi** <script>alert(1)</script>", category=payouts
    )
    data = api_as(member_a).get(f"{URL}{article.slug}/").json()
    assert data["body"].startswith("**Hi**")
    assert "<strong>Hi</strong>" in data["body_html"]
    assert "<script" not in data["body_html"]
    assert data["category"] == "payouts"


def test_search_applies_the_audience(api_as, member_a, library):
    response = api_as(member_a).get(URL, {"search": "payout"})
    assert _titles(response) == {
        "Payout basics for everyone",
        "Payout statements for networks",
    }


@pytest.mark.postgres
def test_search_is_ranked_typo_tolerant_and_highlighted(api_as, member_a, payouts):
    ArticleFactory(
        title="Who can go LIVE", body="Payout details later.", category=payouts
    )
    ArticleFactory(
        title="How diamond payouts work",
        body="Diamonds become a payout.",
        category=payouts,
    )
    rows = api_as(member_a).get(URL, {"search": "diamnods payot"}).json()["results"]
    assert rows[0]["title"] == "How diamond payouts work"
    rows = api_as(member_a).get(URL, {"search": "payout"}).json()["results"]
    assert rows[0]["title"] == "How diamond payouts work"
    assert "<mark>" in rows[0]["snippet"]
    assert rows[0]["score"] >= rows[1]["score"]


def test_filters_narrow_the_list(api_as, intern, library):
    response = api_as(intern).get(URL, {"status": "draft"})
    assert _titles(response) == {"Payout draft"}
    response = api_as(intern).get(URL, {"audience": "staff"})
    assert _titles(response) == {"Payout escalation for staff"}


def test_the_api_is_read_only(api_as, intern, library):
    response = api_as(intern).post(URL, {"title": "x"}, format="json")
    assert response.status_code == 405


@pytest.mark.parametrize("count", [3, 20])
def test_the_list_uses_a_constant_number_of_queries(
    api_as, member_a, payouts, count, django_assert_num_queries
):
    for i in range(count):
        ArticleFactory(
            title=f"Payout {i}",
            category=payouts,
            audience=Article.Audience.NETWORKS if i % 2 else Article.Audience.EVERYONE,
        )
    client = api_as(member_a)
    with django_assert_num_queries(3):
        assert client.get(URL).status_code == 200
    with django_assert_num_queries(3):  # +1: the search log's insert
        assert client.get(URL, {"search": "payout"}).status_code == 200


def test_a_search_counts_its_matches_in_the_query_that_reads_the_page(
    api_as, intern, payouts, django_assert_num_queries
):
    for i in range(30):
        ArticleFactory(title=f"Payout {i}", category=payouts)
    ArticleFactory(title="Linking a creator account", category=payouts)
    client = api_as(intern)  # staff: no membership lookup
    # SQLite's fallback search first asks whether the plain search found anything
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        response = client.get(URL, {"search": "payout", "page": 2})
    body = response.json()
    assert body["count"] == 30 and len(body["results"]) == 5
    assert body["previous"] and not body["next"]
    assert client.get(URL, {"search": "payout", "page": 3}).status_code == 404


def test_lists_do_not_load_article_bodies(api_as, intern, payouts):
    ArticleFactory(title="Payout 1", category=payouts)
    with CaptureQueriesContext(connection) as queries:
        api_as(intern).get(URL, {"search": "payout"})
    reads = [q["sql"] for q in queries if "faq_article" in q["sql"]]
    assert reads
    assert not any('"faq_article"."body_html"' in sql for sql in reads)
