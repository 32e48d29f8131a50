"""Issue 17: a network saw its share of a campaign against the whole campaign's
target, in warning colours. Its view holds its figures to its own share."""

from decimal import Decimal

import pytest

from campaigns.selectors import campaign_performance, network_share_of_target
from tests.campaigns.factories import GoalFactory, MetricFactory, enrolled_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(network_a, network_b):
    campaign = enrolled_campaign(network_a, network_b, name="Spring Cup")
    GoalFactory(campaign=campaign, metric="live_hours", target=100)
    GoalFactory(campaign=campaign, metric="engagement_rate", target=5)
    MetricFactory(campaign=campaign, network=network_a, metric="live_hours", value=60)
    MetricFactory(campaign=campaign, network=network_b, metric="live_hours", value=30)
    for network, rate in ((network_a, 6), (network_b, 4)):
        MetricFactory(
            campaign=campaign, network=network, metric="engagement_rate", value=rate
        )
    return campaign


def test_a_network_is_held_to_its_share_of_a_total_and_to_a_mean_as_it_is(
    campaign, network_a
):
    own = campaign_performance(campaign=campaign, network_ids=[network_a.pk])
    goals = {goal.metric: goal for goal in own.goals}
    assert goals["live_hours"].target == Decimal("50.00")  # 100 between 2 networks
    assert goals["live_hours"].actual == Decimal("60") and goals["live_hours"].met
    assert goals["engagement_rate"].target == Decimal("5")
    assert goals["engagement_rate"].met


def test_the_manager_still_sees_the_whole_target(campaign):
    goals = {g.metric: g for g in campaign_performance(campaign=campaign).goals}
    assert goals["live_hours"].target == Decimal("100")
    assert goals["live_hours"].actual == Decimal("90")


def test_no_network_taking_part_means_no_target():
    assert (
        network_share_of_target(metric="live_hours", target=100, taking_part=0) is None
    )
    assert network_share_of_target(
        metric="live_hours", target=Decimal("100"), taking_part=3
    ) == Decimal("33.33")


def test_the_network_page_shows_its_share_met_not_a_warning(
    client_as, member_a, campaign
):
    page = client_as(member_a).get(campaign.get_absolute_url()).content.decode()
    table = page.split('class="table goals-table"')[1].split("</table>")[0]
    assert "Your share of the target" in table
    assert ">50<" in table and ">100<" not in table
    assert "120%" in table and 'class="goal-met"' in table
    chart = page.split("chart-goals")[1].split("</svg>")[0]
    assert "goal-short" not in chart and "goal-met" in chart
