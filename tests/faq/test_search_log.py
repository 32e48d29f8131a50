"""The FAQ search log: recorded from the hub page, the API and the ticket-form
suggestions (typing merged), opens tracked by signed token, pruned, erased."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from faq import search_log
from faq.models import SearchRecord
from tests.faq.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def payout_article(payouts):
    return ArticleFactory(
        title="Diamonds not credited after a LIVE",
        body="When diamonds are missing after a LIVE, wait 48 hours.",
        category=payouts,
    )


def _token_of(url: str) -> str:
    return parse_qs(urlparse(url).query)["s"][0]


# --- the hub page -------------------------------------------------------------------


def test_a_hub_search_is_recorded_with_its_result_count_and_network(
    client_as, member_a, network_a, payout_article
):
    # when
    response = client_as(member_a).get("/faq/", {"q": "  Diamonds  NOT credited "})

    # then
    assert response.status_code == 200
    record = SearchRecord.objects.get()
    assert record.query == "diamonds not credited"
    assert record.source == SearchRecord.Source.HUB
    assert record.result_count == 1
    assert record.network_id == network_a.pk
    assert record.user == member_a
    assert record.opened_at is None


def test_a_hub_search_that_finds_nothing_is_recorded_with_zero_results(
    client, payout_article
):
    client.get("/faq/", {"q": "backstage rebate form"})

    record = SearchRecord.objects.get()
    assert (record.result_count, record.user, record.network) == (0, None, None)


def test_browsing_a_category_or_an_empty_query_records_nothing(client, payouts):
    client.get("/faq/", {"category": payouts.slug})
    client.get("/faq/", {"q": "   "})

    assert not SearchRecord.objects.exists()


def test_staff_searches_are_not_recorded(client_as, intern, payout_article):
    client_as(intern).get("/faq/", {"q": "diamonds"})

    assert not SearchRecord.objects.exists()


def test_opening_a_result_link_marks_the_search_opened(
    client_as, member_a, payout_article
):
    browser = client_as(member_a)
    page = browser.get("/faq/", {"q": "diamonds"})
    record = SearchRecord.objects.get()
    links = re.findall(r'href="/faq/[\w-]+/\?s=([^"]+)"', page.content.decode())
    assert len(links) == 1
    token = links[0]

    # when
    browser.get(f"{payout_article.get_absolute_url()}?s={token}")

    # then
    record.refresh_from_db()
    assert record.opened_article == payout_article
    assert record.opened_at is not None


def test_a_tampered_token_is_refused_and_marks_nothing(
    client_as, member_a, payout_article
):
    browser = client_as(member_a)
    browser.get("/faq/", {"q": "diamonds"})
    record = SearchRecord.objects.get()
    token = search_log.search_token(record)
    forged = token.replace(token.split(":")[0], str(record.pk + 1), 1)

    response = browser.get(f"{payout_article.get_absolute_url()}?s={forged}")

    assert response.status_code == 200  # the article still reads
    record.refresh_from_db()
    assert record.opened_at is None
    assert search_log.search_record_open("not-a-token", payout_article) is False
    assert search_log.search_record_open(token + "x", payout_article) is False


def test_an_expired_token_is_refused(member_a, payout_article):
    record = search_log.search_record(
        "diamonds", source="hub", results=1, user=member_a
    )
    token = search_log.search_token(record)
    later = timezone.now() + timedelta(seconds=search_log.TOKEN_MAX_AGE + 5)

    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        assert search_log.search_record_open(token, payout_article) is False


def test_only_the_first_open_counts(member_a, payout_article, payouts):
    other = ArticleFactory(title="Other", category=payouts)
    record = search_log.search_record(
        "diamonds", source="hub", results=2, user=member_a
    )
    token = search_log.search_token(record)

    assert search_log.search_record_open(token, payout_article) is True
    assert search_log.search_record_open(token, other) is False
    record.refresh_from_db()
    assert record.opened_article == payout_article


# --- the API ------------------------------------------------------------------------


def test_an_api_search_is_recorded_and_answers_a_token_header(
    api_as, member_a, network_a, payout_article
):
    client = api_as(member_a)

    response = client.get("/api/v1/faq/articles/", {"search": "diamonds"})

    assert response.status_code == 200
    record = SearchRecord.objects.get()
    assert (record.source, record.result_count, record.network_id) == (
        SearchRecord.Source.API,
        1,
        network_a.pk,
    )
    token = response[search_log.TOKEN_HEADER]

    # when the client opens the article with the token
    opened = client.get(
        f"/api/v1/faq/articles/{payout_article.slug}/",
        headers={search_log.TOKEN_HEADER: token},
    )

    # then
    assert opened.status_code == 200
    assert opened.json()["slug"] == payout_article.slug
    record.refresh_from_db()
    assert record.opened_article == payout_article


def test_an_api_article_read_with_a_tampered_token_still_reads_and_marks_nothing(
    api_as, member_a, payout_article
):
    client = api_as(member_a)
    client.get("/api/v1/faq/articles/", {"search": "diamonds"})

    opened = client.get(
        f"/api/v1/faq/articles/{payout_article.slug}/",
        headers={search_log.TOKEN_HEADER: "1:forged"},
    )

    assert opened.status_code == 200
    assert SearchRecord.objects.get().opened_at is None


def test_an_api_search_that_finds_nothing_is_recorded(api_as, member_a, payouts):
    response = api_as(member_a).get("/api/v1/faq/articles/", {"search": "rebate"})

    assert response.status_code == 200 and response.json()["count"] == 0
    assert response[search_log.TOKEN_HEADER]
    record = SearchRecord.objects.get()
    assert (record.query, record.result_count) == ("rebate", 0)


def test_only_the_first_page_of_an_api_search_is_recorded(api_as, member_a, payouts):
    for i in range(30):
        ArticleFactory(title=f"Payout {i}", category=payouts)
    client = api_as(member_a)

    client.get("/api/v1/faq/articles/", {"search": "payout"})
    client.get("/api/v1/faq/articles/", {"search": "payout", "page": 2})

    assert SearchRecord.objects.get().result_count == 30


def test_an_api_list_without_search_records_nothing(api_as, member_a, payout_article):
    response = api_as(member_a).get("/api/v1/faq/articles/")

    assert response.status_code == 200
    assert search_log.TOKEN_HEADER not in response
    assert not SearchRecord.objects.exists()


# --- ticket-form suggestions --------------------------------------------------------


def test_suggestion_typing_within_the_window_merges_into_one_record(
    client_as, member_a, payout_article
):
    browser = client_as(member_a)

    # when the subject is typed in pauses
    for typed in ("dia", "diamo", "diamonds not", "diamonds not credited"):
        response = browser.get("/faq/suggest/", {"q": typed})
        assert response.status_code == 200

    # then one search, the last and longest query
    record = SearchRecord.objects.get()
    assert record.source == SearchRecord.Source.TICKET_FORM
    assert record.query == "diamonds not credited"
    assert record.result_count == 1
    url = response.json()["results"][0]["url"]
    assert search_log.search_record_open(_token_of(url), payout_article)


def test_deleting_back_keeps_the_longer_query(member_a):
    search_log.search_record(
        "diamonds not credited", source="ticket-form", results=0, user=member_a
    )
    search_log.search_record("diamonds", source="ticket-form", results=3, user=member_a)

    record = SearchRecord.objects.get()
    assert (record.query, record.result_count) == ("diamonds not credited", 0)


def test_typing_after_the_window_starts_a_new_search(member_a):
    start = timezone.now()
    search_log.search_record(
        "payout date", source="ticket-form", results=0, user=member_a, now=start
    )
    search_log.search_record(
        "payout date changed",
        source="ticket-form",
        results=0,
        user=member_a,
        now=start + search_log.TYPING_WINDOW + timedelta(seconds=1),
    )

    assert SearchRecord.objects.count() == 2


def test_two_people_typing_at_once_get_a_search_each(member_a, member_b):
    search_log.search_record("payout", source="ticket-form", results=0, user=member_a)
    search_log.search_record("payout", source="ticket-form", results=0, user=member_b)

    assert SearchRecord.objects.count() == 2


def test_hub_searches_are_never_merged(member_a):
    search_log.search_record("payout", source="hub", results=0, user=member_a)
    search_log.search_record("payout date", source="hub", results=0, user=member_a)

    assert SearchRecord.objects.count() == 2


def test_anonymous_suggestions_merge_by_session(client, payout_article):
    client.get("/faq/suggest/", {"q": "diam"})
    client.get("/faq/suggest/", {"q": "diamonds"})

    record = SearchRecord.objects.get()
    assert record.user is None and record.session_key
    assert record.query == "diamonds"


def test_suggestions_shorter_than_the_minimum_record_nothing(client_as, member_a):
    client_as(member_a).get("/faq/suggest/", {"q": "di"})

    assert not SearchRecord.objects.exists()


def test_opening_a_suggestion_marks_the_ticket_form_search_opened(
    client_as, member_a, payout_article
):
    browser = client_as(member_a)
    url = browser.get("/faq/suggest/", {"q": "diamonds"}).json()["results"][0]["url"]

    browser.get(url)

    record = SearchRecord.objects.get()
    assert record.opened_article == payout_article


def test_an_unknown_source_is_refused(member_a):
    with pytest.raises(ValueError):
        search_log.search_record("payout", source="email", results=0, user=member_a)


# --- pruning and erasure ------------------------------------------------------------


def test_prune_drops_records_older_than_the_setting(settings, member_a):
    settings.HUB_SEARCH_LOG_DAYS = 30
    now = timezone.now()
    old = search_log.search_record(
        "old", source="hub", results=0, user=member_a, now=now - timedelta(days=31)
    )
    kept = search_log.search_record(
        "recent", source="hub", results=0, user=member_a, now=now - timedelta(days=29)
    )

    assert search_log.search_records_prune(now=now) == 1

    assert list(SearchRecord.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not SearchRecord.objects.filter(pk=old.pk).exists()


def test_the_prune_task_is_on_the_nightly_schedule():
    from hub.schedule import SCHEDULE

    tasks = {entry["task"] for entry in SCHEDULE.values()}
    assert "faq.tasks.search_records_prune_task" in tasks
    assert "insights.tasks.search_gaps_compute_task" in tasks


def test_the_prune_task_runs_the_prune(member_a):
    from faq.tasks import search_records_prune_task

    search_log.search_record(
        "old",
        source="hub",
        results=0,
        user=member_a,
        now=timezone.now() - timedelta(days=365),
    )

    assert search_records_prune_task() == 1
    assert not SearchRecord.objects.exists()


def test_erasing_a_person_deletes_their_searches(member_a, member_b, manager):
    from hub.privacy.erasure import DELETE, POLICIES

    assert POLICIES["faq.SearchRecord.user"] == DELETE
    search_log.search_record("mine", source="hub", results=0, user=member_a)
    theirs = search_log.search_record("theirs", source="hub", results=0, user=member_b)

    from hub.privacy import erasure

    erasure.person_erase(person=member_a, actor=manager)

    assert list(SearchRecord.objects.values_list("pk", flat=True)) == [theirs.pk]
