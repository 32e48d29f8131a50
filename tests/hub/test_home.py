"""The portal home's own panel (networks) and the cache panels share."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from core.cache import HOME, request_scope
from hub import permissions as access
from hub.home import PANELS, networks_panel, shared_figures, slug_url
from tests.hub.factories import MembershipFactory, NetworkFactory, RegionFactory

pytestmark = pytest.mark.django_db


def _section(page: str, css_class: str) -> str:
    start = page.index(f'<section class="card {css_class}">')
    return page[start : page.index("</section>", start)]


def test_a_manager_sees_the_networks_they_manage_with_region_tier_and_status(
    client_as, manager
):
    region = RegionFactory(code="tst", name="Test Region")
    NetworkFactory(
        name="Zed & <Co>", slug="zed", region=region, tier="premier", manager=manager
    )
    NetworkFactory(name="Alpha", slug="alpha", status="paused", manager=manager)
    NetworkFactory(name="Someone else's", slug="other")

    panel = _section(client_as(manager).get("/").content.decode(), "panel-networks")

    assert "3 networks in the hub." in panel
    assert panel.index('href="/hub/networks/alpha/"') < panel.index("zed/")
    assertInHTML(
        '<li><a href="/hub/networks/zed/">Zed &amp; &lt;Co&gt;</a> '
        '<span class="muted">Test Region · Premier · Active</span></li>',
        panel,
    )
    assert "Australia &amp; New Zealand · Growth · Paused" in panel
    assert "Someone else" not in panel


def test_a_manager_without_networks_is_told_so(client_as, manager):
    panel = _section(client_as(manager).get("/").content.decode(), "panel-networks")
    assert "No networks are assigned to you yet." in panel


def test_a_member_sees_their_networks_and_role(client_as, member_a, network_a):
    panel = _section(client_as(member_a).get("/").content.decode(), "panel-networks")
    assertInHTML(
        '<li><a href="/hub/networks/alpha-agency/">Alpha Agency</a> '
        '<span class="badge">Member</span></li>',
        panel,
    )


def test_the_networks_panel_answers_the_other_panels_network_question(
    member_a, network_b, django_assert_num_queries
):
    MembershipFactory(user=member_a, network=network_b, role="owner")
    with request_scope():
        networks_panel(member_a)  # runs first: hub.home registers it before the apps
        with django_assert_num_queries(0):
            assert len(access.network_ids(member_a)) == 2
    assert PANELS[0] is networks_panel


def test_slug_url_gives_what_reverse_gives():
    network_url = slug_url("hub:network_detail")
    for slug in ("alpha", "a-b_c-9", "--slug--x"):
        assert network_url(slug) == reverse("hub:network_detail", kwargs={"slug": slug})


def test_shared_figures_are_kept_for_the_configured_seconds(settings):
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    settings.HUB_CACHE_HOME_SECONDS = 0
    assert shared_figures("test", compute) == {"n": 1}
    assert shared_figures("test", compute) == {"n": 2}
    settings.HUB_CACHE_HOME_SECONDS = 30
    HOME.invalidate()
    assert shared_figures("test", compute) == {"n": 3}
    assert shared_figures("test", compute) == {"n": 3}
    HOME.invalidate()
    assert shared_figures("test", compute) == {"n": 4}


@pytest.mark.parametrize("count", [1, 4])
def test_a_member_home_has_a_constant_number_of_queries(
    client_as, member_a, count, django_assert_num_queries
):
    from django.utils import timezone

    from tests.onboarding.factories import AnnouncementFactory
    from tests.tickets.factories import TicketFactory

    for _ in range(count):
        network = MembershipFactory(user=member_a).network
        TicketFactory(network=network, status="open")
        AnnouncementFactory(published_at=timezone.now(), networks=[network])
    browser = client_as(member_a)
    # session, user, memberships, tickets, articles, campaigns, onboarding, banners,
    # upcoming events (one query each panel)
    with django_assert_num_queries(9):
        page = browser.get("/").content.decode()
    assert page.count('<div class="message message-warning banner">') == min(count, 3)


def test_a_cache_that_cannot_be_reached_is_skipped_not_fatal(settings, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    settings.HUB_CACHE_HOME_SECONDS = 30
    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    assert shared_figures("test-down", lambda: {"n": 1}) == {"n": 1}
