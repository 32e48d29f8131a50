"""Campaign figures have one owner (``campaigns.selectors``): the campaign page, the
API and the weekly update give the same totals on the same known data."""

from datetime import date
from decimal import Decimal

import pytest

from core.periods import Week
from insights import selectors as insights
from tests.campaigns.factories import MetricFactory, enrolled_campaign

pytestmark = pytest.mark.django_db

WEEK = Week.parse("2026-W10")  # Monday 2 March 2026


@pytest.fixture
def known(network_a, network_b, manager):
    """Spring Cup: on Monday A had 10 peak viewers and B 20 (30 together); on
    Tuesday A alone had 25. Live hours 4 + 6 + 5. Another campaign running the same
    week has figures of its own that must not mix in."""
    cup = enrolled_campaign(network_a, network_b, owner=manager, name="Spring Cup")
    other = enrolled_campaign(network_a, owner=manager, name="Other Cup")
    monday, tuesday = date(2026, 3, 2), date(2026, 3, 3)
    for campaign, network, day, metric, value in [
        (cup, network_a, monday, "peak_viewers", "10"),
        (cup, network_b, monday, "peak_viewers", "20"),
        (cup, network_a, tuesday, "peak_viewers", "25"),
        (cup, network_a, monday, "live_hours", "4"),
        (cup, network_b, monday, "live_hours", "6"),
        (cup, network_a, tuesday, "live_hours", "5"),
        (other, network_a, monday, "peak_viewers", "500"),
        (cup, network_a, date(2026, 3, 9), "live_hours", "99"),  # next week
    ]:
        MetricFactory(
            campaign=campaign,
            network=network,
            date=day,
            metric=metric,
            value=Decimal(value),
        )
    return cup


def page_totals(client, campaign) -> dict:
    performance = client.get(campaign.get_absolute_url()).context["performance"]
    return {code: performance.totals[code] for code in performance.metrics}


def api_totals(client, campaign) -> dict:
    body = client.get(f"/api/v1/campaigns/{campaign.pk}/").json()
    return {code: Decimal(value) for code, value in body["totals"].items()}


def weekly_totals(campaign, **narrow) -> dict:
    section = insights.campaigns_section(week=WEEK, **narrow)
    return {
        f["code"]: f["value"] for f in section["figures"] if f["campaign"] == campaign
    }


def test_peak_viewers_add_networks_per_day_then_take_the_peak_day_everywhere(
    known, client_as, api_as, manager
):
    # given the week's figures exclude next Monday's 99 live hours, the page's
    # and the API's cover the whole campaign
    whole = {"peak_viewers": Decimal("30"), "live_hours": Decimal("114")}
    week = {"peak_viewers": Decimal("30"), "live_hours": Decimal("15")}
    # then
    assert page_totals(client_as(manager), known) == whole
    assert api_totals(api_as(manager), known) == whole
    assert weekly_totals(known) == week


def test_a_network_sees_its_own_days_only_and_the_same_figure_everywhere(
    known, client_as, api_as, member_b, network_b
):
    own = {"peak_viewers": Decimal("20"), "live_hours": Decimal("6")}
    assert page_totals(client_as(member_b), known) == own
    assert api_totals(api_as(member_b), known) == own
    assert weekly_totals(known, network=network_b) == own


def test_the_weekly_update_keeps_each_campaigns_figures_apart(known):
    section = insights.campaigns_section(week=WEEK)
    rows = {(f["campaign"].name, f["code"]): f["value"] for f in section["figures"]}
    assert rows == {
        ("Other Cup", "peak_viewers"): Decimal("500"),
        ("Spring Cup", "live_hours"): Decimal("15"),
        ("Spring Cup", "peak_viewers"): Decimal("30"),
    }
    networks = {
        (f["campaign"].name, f["code"]): f["networks"] for f in section["figures"]
    }
    assert networks[("Spring Cup", "peak_viewers")] == 2


def test_the_weekly_csv_names_the_campaign_of_each_figure(known):
    from django.core.cache import cache

    from insights.exports import weekly_csv

    cache.clear()
    body = weekly_csv(insights.weekly_update(week=WEEK)).content.decode()
    assert "campaigns,Spring Cup: Peak viewers,30.00" in body
    assert "campaigns,Other Cup: Peak viewers,500.00" in body
