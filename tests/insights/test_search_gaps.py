"""Search gaps: unanswered FAQ searches grouped by meaning (the real grouping), the
answered-by call, the section on /hub/recurring/, the draft button and the API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from faq import search_log
from faq.models import Article, SearchRecord
from insights import services
from insights.models import SearchGap
from tests.faq.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

DIAMONDS = [
    "diamonds not credited",
    "diamonds missing after live",
    "my diamonds did not arrive",
]
BANK = ["change payout bank account", "update bank details for payouts"]
URL = "/api/v1/insights/search-gaps/"


def _search(query, user, *, minutes_ago=60, results=0, source="hub", opened=None):
    record = search_log.search_record(
        query,
        source=source,
        results=results,
        user=user,
        now=timezone.now() - timedelta(minutes=minutes_ago),
    )
    if opened is not None:
        SearchRecord.objects.filter(pk=record.pk).update(
            opened_article=opened,
            opened_at=record.created_at + timedelta(minutes=5),
        )
    return record


@pytest.fixture
def searches(member_a, member_b):
    """Three ways of asking about missing diamonds (two networks), two about the
    payout bank account, one lone search, one search answered by an opened article
    and one too recent to judge."""
    category = CategoryFactory(slug="live", name="LIVE")
    opened = ArticleFactory(title="Going LIVE for the first time", category=category)
    for i, query in enumerate(DIAMONDS):
        _search(query, member_a if i else member_b, minutes_ago=300 - i)
    for query in BANK:
        _search(query, member_a, results=2, source="api", minutes_ago=200)
    _search("creator contract template", member_a)
    _search("how to go live", member_a, results=1, opened=opened)
    _search("change payout bank account", member_b, results=2, minutes_ago=5)
    return opened


def _gap_of(query) -> SearchGap:
    return next(gap for gap in SearchGap.objects.all() if query in gap.sample_queries)


def test_unanswered_searches_are_grouped_by_meaning_into_gaps(searches, network_b):
    # when
    gaps = services.search_gaps_compute()

    # then
    assert len(gaps) == 2
    diamonds, bank = _gap_of(DIAMONDS[0]), _gap_of(BANK[0])
    assert diamonds.pk != bank.pk
    assert sorted(diamonds.sample_queries) == sorted(DIAMONDS)
    assert (diamonds.size, diamonds.no_results, diamonds.network_count) == (3, 3, 2)
    assert sorted(bank.sample_queries) == sorted(BANK)
    assert (bank.size, bank.no_results, bank.network_count) == (2, 0, 1)
    assert diamonds.first_seen < diamonds.last_seen
    assert not diamonds.answered and diamonds.article is None
    stored = " ".join(q for gap in SearchGap.objects.all() for q in gap.sample_queries)
    assert "how to go live" not in stored  # its result was opened
    assert "creator contract template" not in stored  # searched once


def test_a_search_opened_after_half_an_hour_still_counts_as_unanswered(member_a):
    article = ArticleFactory(title="Payout schedule")
    for query in BANK:
        record = _search(query, member_a, results=1, minutes_ago=120)
        SearchRecord.objects.filter(pk=record.pk).update(
            opened_article=article, opened_at=record.created_at + timedelta(hours=1)
        )

    services.search_gaps_compute()

    assert _gap_of(BANK[0]).size == 2


def test_searches_older_than_the_weeks_looked_at_are_left_out(member_a, settings):
    settings.HUB_RECURRING_WEEKS = 1
    for query in BANK:
        _search(query, member_a, minutes_ago=8 * 24 * 60)

    assert services.search_gaps_compute() == []


def test_a_later_published_article_marks_the_gap_answered(searches, admin_user):
    services.search_gaps_compute()
    gap = _gap_of(DIAMONDS[0])
    services.search_gap_draft_article(gap=gap, actor=admin_user)

    # when an article that answers the searches is published, and gaps recompute
    answer = ArticleFactory(
        title="Diamonds not credited after a LIVE",
        body="If diamonds are missing after a LIVE, or not credited, wait 48 hours.",
    )
    services.search_gaps_compute()

    # then
    diamonds, bank = _gap_of(DIAMONDS[0]), _gap_of(BANK[0])
    assert diamonds.answered and diamonds.article == answer
    assert diamonds.draft_article is not None  # kept across the recompute
    assert not bank.answered and bank.article is None


def test_an_article_older_than_the_searches_does_not_answer_them(searches):
    old = ArticleFactory(
        title="Diamonds not credited after a LIVE",
        body="If diamonds are missing after a LIVE, or not credited, wait 48 hours.",
    )
    long_ago = timezone.now() - timedelta(days=30)
    Article.objects.filter(pk=old.pk).update(published_at=long_ago, updated_at=long_ago)

    services.search_gaps_compute()

    assert not _gap_of(DIAMONDS[0]).answered


def test_a_draft_or_staff_only_article_does_not_answer_a_gap(searches):
    for audience, status in (("staff", "published"), ("everyone", "draft")):
        ArticleFactory(
            title="Diamonds not credited after a LIVE",
            body="If diamonds are missing after a LIVE, or not credited, wait.",
            audience=audience,
            status=status,
        )

    services.search_gaps_compute()

    assert not _gap_of(DIAMONDS[0]).answered


def test_the_hourly_task_recomputes_the_gaps(searches):
    from insights.tasks import search_gaps_compute_task

    assert search_gaps_compute_task() == 2
    assert SearchGap.objects.count() == 2


# --- the page section ---------------------------------------------------------------


def _gaps(n, **fields):
    now = timezone.now()
    return SearchGap.objects.bulk_create(
        SearchGap(
            label=f"search gap {i}",
            size=n - i + 1,
            network_count=1,
            no_results=1,
            sample_queries=[f"search gap {i}", f"gap number {i}"],
            first_seen=now - timedelta(days=1),
            last_seen=now,
            **fields,
        )
        for i in range(n)
    )


def test_the_page_shows_search_gaps_beside_the_ticket_groups(client_as, intern):
    from tests.insights.factories import RecurringGroupFactory

    RecurringGroupFactory(label="How do I appeal a LIVE ban?")
    _gaps(3)

    html = client_as(intern).get("/hub/recurring/").content.decode()

    assert "How do I appeal a LIVE ban?" in html
    assert 'id="search-gaps"' in html
    assert html.index("search gap 0") < html.index("search gap 2")  # largest first
    assert "gap number 1" in html  # sample searches shown
    assert "3 gaps" in html


def test_the_page_says_so_when_there_are_no_gaps(client_as, intern):
    html = client_as(intern).get("/hub/recurring/").content.decode()

    assert "No search gaps yet" in html


def test_the_gaps_are_paginated(client_as, intern):
    _gaps(25)
    browser = client_as(intern)

    first = browser.get("/hub/recurring/").content.decode()
    second = browser.get("/hub/recurring/", {"page": 2}).content.decode()
    bad = browser.get("/hub/recurring/", {"page": "x"})

    assert "search gap 19<" in first and "search gap 20<" not in first
    assert "search gap 20<" in second and "search gap 0<" not in second
    assert "Page 2 of 2" in second
    assert bad.status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_the_page_keeps_an_exact_query_count(
    client_as, intern, count, django_assert_num_queries
):
    article = ArticleFactory(title="Answer")
    draft = ArticleFactory(title="Draft", status="draft")
    _gaps(count // 2, article=article, answered=True)
    _gaps(count - count // 2, draft_article=draft)
    browser = client_as(intern)
    browser.get("/hub/recurring/")  # warm the session and per-process caches

    # session, user, recurring groups, banners, then the gaps: count, rows
    with django_assert_num_queries(6):
        assert browser.get("/hub/recurring/").status_code == 200


# --- drafting from a gap ------------------------------------------------------------


@pytest.mark.parametrize("who", ["intern", "manager"])
def test_staff_draft_an_article_from_a_gap(client_as, who, request):
    staff = request.getfixturevalue(who)
    gap = _gaps(1)[0]
    browser = client_as(staff)

    response = browser.post(f"/hub/recurring/gaps/{gap.pk}/draft/")

    gap.refresh_from_db()
    article = gap.draft_article
    assert response.status_code == 302
    assert response["Location"] == f"/admin/faq/article/{article.pk}/change/"
    assert (article.status, article.audience) == ("draft", "networks")
    assert article.title == "Search gap 0"
    assert "- gap number 0" in article.body
    assert article.author == staff
    assert article.revisions.count() == 1
    # asking again opens the same draft
    again = browser.post(f"/hub/recurring/gaps/{gap.pk}/draft/")
    assert again["Location"] == response["Location"]
    assert Article.objects.filter(status="draft").count() == 1


def test_a_member_cannot_draft_from_a_gap(client_as, member_a):
    gap = _gaps(1)[0]

    response = client_as(member_a).post(f"/hub/recurring/gaps/{gap.pk}/draft/")

    assert response.status_code == 404
    gap.refresh_from_db()
    assert gap.draft_article is None
    assert not Article.objects.exists()


def test_anonymous_drafting_goes_to_sign_in(client):
    gap = _gaps(1)[0]

    response = client.post(f"/hub/recurring/gaps/{gap.pk}/draft/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Article.objects.exists()


def test_drafting_from_a_gap_on_get_is_not_allowed(client_as, intern):
    gap = _gaps(1)[0]

    assert (
        client_as(intern).get(f"/hub/recurring/gaps/{gap.pk}/draft/").status_code == 405
    )


def test_drafting_from_a_missing_gap_answers_404(client_as, intern):
    assert (
        client_as(intern).post("/hub/recurring/gaps/999999/draft/").status_code == 404
    )


def test_the_draft_service_refuses_network_people(member_a):
    from core.exceptions import PermissionDeniedError

    gap = _gaps(1)[0]

    with pytest.raises(PermissionDeniedError):
        services.search_gap_draft_article(gap=gap, actor=member_a)


# --- the API ------------------------------------------------------------------------


def test_staff_list_the_gaps_over_the_api(api_as, intern):
    article = ArticleFactory(title="Answer")
    answered = _gaps(1, article=article, answered=True)[0]
    open_gap = _gaps(1)[0]

    response = api_as(intern).get(URL)

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    rows = data["results"]
    assert [row["id"] for row in rows] == [open_gap.pk, answered.pk]  # open first
    assert set(rows[0]) == {
        "id",
        "label",
        "size",
        "network_count",
        "no_results",
        "sample_queries",
        "first_seen",
        "last_seen",
        "article",
        "answered",
        "draft_article",
        "computed_at",
    }
    assert rows[1]["article"] == article.slug and rows[1]["answered"] is True
    assert rows[0]["sample_queries"] == ["search gap 0", "gap number 0"]


@pytest.mark.parametrize("who, status", [("member_a", 403), ("member_b", 403)])
def test_network_people_are_refused_the_gaps_api(api_as, who, status, request):
    _gaps(1)

    response = api_as(request.getfixturevalue(who)).get(URL)

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


def test_anonymous_clients_are_refused_the_gaps_api(api_client):
    response = api_client.get(URL)

    assert response.status_code == 401
    assert response.json()["message"]


def test_a_page_past_the_end_is_a_json_error(api_as, manager):
    _gaps(2)

    response = api_as(manager).get(URL, {"page": 9})

    assert response.status_code == 404
    assert response.json()["message"]


@pytest.mark.parametrize("count", [2, 30])
def test_the_gaps_api_keeps_an_exact_query_count(
    api_as, manager, count, django_assert_num_queries
):
    _gaps(count, article=ArticleFactory(title="Answer"))
    client = api_as(manager)

    with django_assert_num_queries(2):  # the count, the page (with its articles)
        assert client.get(URL).status_code == 200


def test_the_schema_documents_the_gaps_endpoint(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/v1/insights/search-gaps/"]["get"]
    assert operation["tags"] == ["insights"]
    component = schema["components"]["schemas"]["SearchGap"]["properties"]
    assert "answers them" in component["article"]["description"]
    assert "no_results" in component


# --- strictness of the answered-by call, and the demo -------------------------------


def test_a_fuzzy_title_match_does_not_answer_a_gap(member_a):
    from faq.selectors import article_answering_queries

    ArticleFactory(title="Agency code of conduct", body="Be kind on LIVE.")

    assert (
        article_answering_queries(["agency logo upload", "change agency logo"]) is None
    )


def test_an_article_must_top_half_of_the_searches(member_a):
    from faq.selectors import article_answering_queries

    answer = ArticleFactory(
        title="Gift stickers in LIVE", body="Stickers missing? Update the app."
    )
    queries = ["gift stickers", "stickers missing", "backstage dark mode"]

    assert article_answering_queries(queries) == answer
    assert article_answering_queries(queries + ["payout calendar"]) == answer
    assert article_answering_queries(queries + ["payout", "calendar"]) is None


def test_seed_demo_shows_search_gaps_and_changes_nothing_the_second_time():
    from django.core.management import call_command

    from faq.demo_searches import SEARCHES

    call_command("seed_demo")
    assert SearchRecord.objects.count() == len(SEARCHES)
    labels = {gap.label for gap in SearchGap.objects.all()}
    assert len(labels) >= 2 and all(gap.size >= 2 for gap in SearchGap.objects.all())

    call_command("seed_demo")

    assert SearchRecord.objects.count() == len(SEARCHES)
    assert {gap.label for gap in SearchGap.objects.all()} == labels
