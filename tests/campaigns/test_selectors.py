from datetime import date
from decimal import Decimal

import pytest

from campaigns.selectors import (
    campaign_performance,
    campaign_results_for_network,
    upcoming_campaigns_for_network,
)
from tests.campaigns.factories import (
    CampaignFactory,
    EnrolmentFactory,
    MetricFactory,
    enrolled_campaign,
)

pytestmark = pytest.mark.django_db


def test_performance_rolls_metrics_up_by_their_aggregate(
    campaign, network_a, network_b
):
    # peak viewers: networks add up per day, then the best day counts
    MetricFactory(
        campaign=campaign, network=network_a, metric="peak_viewers", value=100
    )
    MetricFactory(campaign=campaign, network=network_b, metric="peak_viewers", value=50)
    MetricFactory(
        campaign=campaign,
        network=network_a,
        metric="peak_viewers",
        date=date(2026, 3, 3),
        value=120,
    )
    # engagement rate: averaged
    MetricFactory(
        campaign=campaign, network=network_a, metric="engagement_rate", value=4
    )
    MetricFactory(
        campaign=campaign, network=network_b, metric="engagement_rate", value=6
    )
    # live hours: summed
    MetricFactory(campaign=campaign, network=network_a, value=3)
    MetricFactory(campaign=campaign, network=network_a, date=date(2026, 3, 3), value=4)
    performance = campaign_performance(campaign=campaign)
    assert performance.totals["peak_viewers"] == Decimal("150")
    assert performance.totals["engagement_rate"] == Decimal("5.00")
    assert performance.totals["live_hours"] == Decimal("7")
    own = campaign_performance(campaign=campaign, network_ids=[network_b.pk])
    assert own.totals == {
        "peak_viewers": Decimal("50"),
        "engagement_rate": Decimal("6"),
    }
    assert [row["name"] for row in own.per_network] == ["Bravo Talent"]


def test_results_for_a_network_hold_only_its_own_figures_in_the_period(
    network_a, network_b
):
    campaign = enrolled_campaign(network_a, network_b, status="closed")
    campaign.review_summary = "Alpha led with 500 hours."
    campaign.save()
    MetricFactory(campaign=campaign, network=network_a, value=500)
    MetricFactory(campaign=campaign, network=network_b, value=20)
    MetricFactory(campaign=campaign, network=network_b, date=date(2026, 3, 30), value=9)
    enrolled_campaign(network_a, start_date=date(2026, 1, 1), end_date=date(2026, 1, 9))
    results = campaign_results_for_network(
        network=network_b, start=date(2026, 3, 1), end=date(2026, 3, 15)
    )
    assert [r["campaign"] for r in results] == [campaign]
    assert results[0]["totals"] == {"live_hours": Decimal("20")}
    assert results[0]["labels"] == {"live_hours": "Live hours"}
    assert "Alpha" not in results[0]["summary"]
    assert "Live hours: 20" in results[0]["summary"]


def test_declined_and_draft_campaigns_are_not_in_a_networks_results(network_a):
    declined = enrolled_campaign()
    EnrolmentFactory(campaign=declined, network=network_a, status="declined")
    enrolled_campaign(network_a, status="draft")
    assert (
        campaign_results_for_network(
            network=network_a, start=date(2026, 1, 1), end=date(2026, 12, 31)
        )
        == []
    )


def test_upcoming_campaigns_for_a_network(network_a, network_b):
    soon = CampaignFactory(
        name="Soon",
        status="setup",
        start_date=date(2026, 6, 1),
        end_date=date(2026, 6, 9),
    )
    EnrolmentFactory(campaign=soon, network=network_a, status="invited")
    past = CampaignFactory(status="live")
    EnrolmentFactory(campaign=past, network=network_a)
    other = CampaignFactory(
        status="setup", start_date=date(2026, 6, 1), end_date=date(2026, 6, 2)
    )
    EnrolmentFactory(campaign=other, network=network_b)
    upcoming = list(
        upcoming_campaigns_for_network(network=network_a, today=date(2026, 5, 1))
    )
    assert upcoming == [soon]
    assert upcoming[0].enrolment_status == "invited"
