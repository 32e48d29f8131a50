"""Issue 14, finding 12: "helpful" votes and deflection clicks were stuffed one
fresh anonymous session at a time. They are now counted per client address in
the shared cache (``HUB_ANONYMOUS_FEEDBACK_PER_ADDRESS`` per article an hour)."""

import pytest
from django.core.cache import cache
from django.test import Client

from faq.models import Article, Deflection
from tests.faq.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.HUB_ANONYMOUS_FEEDBACK_PER_ADDRESS = 3
    cache.clear()
    yield
    cache.clear()


def _fresh_session(address="203.0.113.50"):
    return Client(REMOTE_ADDR=address)


def test_fresh_sessions_from_one_address_cannot_stuff_votes():
    article = ArticleFactory(status="published")
    for _ in range(10):
        _fresh_session().post(f"/faq/{article.slug}/vote/", {"helpful": "yes"})
    article.refresh_from_db()
    assert article.helpful_yes == 3
    assert article.votes.count() == 3


def test_another_address_and_signed_in_people_still_count(member_a, member_b):
    article = ArticleFactory(status="published")
    for _ in range(5):
        _fresh_session().post(f"/faq/{article.slug}/vote/", {"helpful": "yes"})
    _fresh_session("198.51.100.8").post(f"/faq/{article.slug}/vote/", {"helpful": "no"})
    for person in (member_a, member_b):
        browser = _fresh_session()
        browser.force_login(person)
        browser.post(f"/faq/{article.slug}/vote/", {"helpful": "yes"})
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (5, 1)  # 3 + 2 people


def test_a_session_may_still_change_its_own_vote_after_the_limit():
    article = ArticleFactory(status="published")
    first = _fresh_session()
    first.post(f"/faq/{article.slug}/vote/", {"helpful": "yes"})
    for _ in range(4):
        _fresh_session().post(f"/faq/{article.slug}/vote/", {"helpful": "yes"})
    first.post(f"/faq/{article.slug}/vote/", {"helpful": "no"})
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (2, 1)


def test_the_limit_follows_the_client_behind_the_trusted_proxy(settings):
    settings.HUB_TRUSTED_PROXY_COUNT = 1
    article = ArticleFactory(status="published")
    for n in range(6):
        # the proxy's address is the same for everyone; the client's is not
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").post(
            f"/faq/{article.slug}/vote/", {"helpful": "yes"}
        )
    assert Article.objects.get(pk=article.pk).helpful_yes == 6
    for _ in range(5):  # one client forging the entries left of the proxy's
        Client(
            REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.9"
        ).post(f"/faq/{article.slug}/vote/", {"helpful": "yes"})
    assert Article.objects.get(pk=article.pk).helpful_yes == 9


def test_fresh_sessions_cannot_stuff_deflection_opens():
    article = ArticleFactory(status="published")
    for _ in range(8):
        browser = _fresh_session()
        response = browser.get(
            f"/faq/{article.slug}/", {"from": "ticket-form", "q": "payout"}
        )
        assert response.status_code == 200  # the page still reads fine
    assert Deflection.objects.filter(article=article).count() == 3


def test_fresh_sessions_cannot_stuff_solved_clicks():
    article = ArticleFactory(status="published")
    for _ in range(8):
        _fresh_session().post(f"/faq/{article.slug}/solved/", {"q": "payout"})
    assert Deflection.objects.filter(article=article, outcome="solved").count() == 3


def test_the_counts_live_in_the_shared_cache_every_process_sees(settings):
    """With Redis as the cache (production's CACHE_URL), a second process that
    never saw the votes is refused too: the counter is in Redis, not in memory."""
    import uuid

    from django.core.cache import caches

    if not settings.REDIS_AVAILABLE:
        pytest.skip("needs Redis (not reachable)")
    prefix = f"test-anon-{uuid.uuid4().hex}"
    local = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    article = ArticleFactory(status="published")
    try:
        for _ in range(3):
            _fresh_session().post(f"/faq/{article.slug}/vote/", {"helpful": "yes"})
        # "another process": a new connection to the same Redis, no local state
        caches["default"].close()
        import redis

        keys = redis.Redis.from_url(settings.REDIS_URL).keys(f"{prefix}:*faq:anon:*")
        assert len(keys) == 1
        _fresh_session().post(f"/faq/{article.slug}/vote/", {"helpful": "yes"})
        assert Article.objects.get(pk=article.pk).helpful_yes == 3
    finally:
        import redis

        settings.CACHES = local  # never FLUSHDB the shared Redis in teardown
        client = redis.Redis.from_url(settings.REDIS_URL)
        for key in client.keys(f"{prefix}:*"):
            client.delete(key)
