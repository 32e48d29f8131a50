"""``core.cache``: families kept for their lifetime and dropped by invalidation,
request memos, and a cache that cannot be reached costing time, never an error."""

import pytest
from django.urls import reverse

from core import cache
from tests.tickets.factories import TicketFactory

CLOSED_PORT_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
    }
}


@pytest.fixture
def every_family_on(settings):
    for family in cache.FAMILIES:
        setattr(settings, family.setting, 30)


def _counter():
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    return compute


def test_a_family_keeps_a_value_until_it_is_invalidated(every_family_on):
    compute = _counter()
    cache.HOME.invalidate()

    assert cache.HOME.get_or_compute("x", compute) == {"n": 1}
    assert cache.HOME.get_or_compute("x", compute) == {"n": 1}
    cache.PICK_LISTS.invalidate()  # another family: this one is untouched
    assert cache.HOME.get_or_compute("x", compute) == {"n": 1}
    cache.HOME.invalidate()
    assert cache.HOME.get_or_compute("x", compute) == {"n": 2}


def test_a_lifetime_of_zero_computes_every_time(settings):
    settings.HUB_CACHE_HOME_SECONDS = 0
    compute = _counter()

    assert cache.HOME.get_or_compute("x", compute) == {"n": 1}
    assert cache.HOME.get_or_compute("x", compute) == {"n": 2}


def test_ticket_changes_invalidate_the_figures_that_count_tickets(every_family_on):
    counts, health = _counter(), _counter()
    cache.tickets_changed()  # nothing kept by an earlier test (one locmem cache)
    cache.TICKET_COUNTS.get_or_compute("q", counts)
    cache.QUEUE_HEALTH.get_or_compute("all", health)

    cache.tickets_changed()

    assert cache.TICKET_COUNTS.get_or_compute("q", counts) == {"n": 2}
    assert cache.QUEUE_HEALTH.get_or_compute("all", health) == {"n": 2}


def test_a_request_memo_lives_for_one_request_only():
    compute = _counter()
    owner = object()

    # outside a request nothing is memoised
    assert cache.request_memo("x", owner, compute) == {"n": 1}
    assert cache.request_memo("x", owner, compute) == {"n": 2}

    seen = []

    def view(request):
        seen.append(cache.request_memo("x", owner, compute))
        seen.append(cache.request_memo("x", owner, compute))
        cache.request_memo_forget(owner)
        seen.append(cache.request_memo("x", owner, compute))
        return "response"

    assert cache.RequestMemoMiddleware(view)(None) == "response"
    assert seen == [{"n": 3}, {"n": 3}, {"n": 4}]
    assert cache.request_memo("x", owner, compute) == {"n": 5}


@pytest.fixture
def cache_down(settings, every_family_on):
    settings.CACHES = CLOSED_PORT_REDIS


def test_with_the_cache_down_values_are_computed_and_limits_let_through(cache_down):
    compute = _counter()

    assert cache.HOME.get_or_compute("x", compute) == {"n": 1}
    assert cache.HOME.get_or_compute("x", compute) == {"n": 2}
    cache.HOME.invalidate()  # no error either
    assert cache.within_limit("k", limit=0, seconds=60)
    assert cache.get("k", "default") == "default"
    cache.put("k", 1, seconds=60)
    cache.forget("k")


@pytest.mark.django_db
def test_pages_answer_with_the_cache_down(
    cache_down, client, client_as, manager, intern, member_a, network_a
):
    TicketFactory(network=network_a, requester=member_a, status="open")
    pages = [
        (manager, "/"),
        (manager, reverse("tickets:list")),
        (manager, reverse("tickets:list") + "?status=open&q=a"),
        (intern, "/"),
        (member_a, "/"),
        (member_a, reverse("tickets:list")),
        (manager, "/faq/"),
    ]
    for user, url in pages:
        assert client_as(user).get(url).status_code == 200, url


@pytest.mark.django_db
def test_signing_in_works_with_the_cache_down(cache_down, client, member_a):
    member_a.set_password("a long password 1")
    member_a.save()
    login = reverse("login")

    refused = client.post(login, {"username": member_a.email, "password": "wrong"})
    signed_in = client.post(
        login, {"username": member_a.email, "password": "a long password 1"}
    )

    assert refused.status_code == 200  # the form again, not an error
    assert signed_in.status_code == 302


# --- services invalidate what they change (bulk updates too) -------------------------


@pytest.mark.django_db
def test_the_sla_sweep_refreshes_the_cached_breach_count_at_once(
    every_family_on, network_a, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from tickets.models import Ticket
    from tickets.selectors import queue_health
    from tickets.services.sweep import sla_sweep

    # given a ticket past its first-response target, counted before the sweep
    cache.QUEUE_HEALTH.invalidate()
    ticket = TicketFactory(network=network_a, status="open")
    Ticket.objects.filter(pk=ticket.pk).update(
        first_response_due_at=timezone.now() - timezone.timedelta(minutes=5),
        first_response_at=None,
        sla_paused_at=None,
        sla_breached_at=None,
        first_response_breached_at=None,
    )
    assert queue_health()["breached"] == 0

    # when the sweep marks it (one bulk update, no signal)
    with django_capture_on_commit_callbacks(execute=True):
        assert sla_sweep()["breach"] >= 1

    # then the staff home's figure counts it now, not 30 s later
    assert queue_health()["breached"] == 1


@pytest.mark.django_db
def test_archiving_an_article_takes_it_off_the_home_page_at_once(
    every_family_on, client_as, member_a, manager, django_capture_on_commit_callbacks
):
    from faq import services as faq_services
    from tests.faq.factories import ArticleFactory

    cache.HOME.invalidate()
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(title="Payout calendar explained")
    browser = client_as(member_a)
    assert article.get_absolute_url() in browser.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        faq_services.article_archive(article=article, editor=manager)

    assert article.get_absolute_url() not in browser.get("/").content.decode()


@pytest.mark.django_db
def test_a_new_network_is_in_the_queue_filters_at_once(
    every_family_on, client_as, manager, network_a, django_capture_on_commit_callbacks
):
    from tests.hub.factories import NetworkFactory

    cache.PICK_LISTS.invalidate()
    browser = client_as(manager)
    assert (
        "Brand new network" not in browser.get(reverse("tickets:list")).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        NetworkFactory(name="Brand new network")  # onboarding.services.network_create

    assert "Brand new network" in browser.get(reverse("tickets:list")).content.decode()
