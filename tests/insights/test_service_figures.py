"""The weekly update's service standards, satisfaction and onboarding sections, and
the managers' "networks needing attention" signals, on known data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from insights import selectors
from insights.filters import WeeklyFilter
from onboarding.models import Onboarding, OnboardingStep
from onboarding.services import onboarding_start
from tests.hub.factories import NetworkFactory, RegionFactory
from tests.insights.conftest import WEEK
from tests.onboarding.factories import PlanFactory, PlanStepFactory
from tests.tickets.factories import TicketFactory
from tickets.models import SatisfactionRating, Ticket

pytestmark = pytest.mark.django_db


def _update(**data):
    filterset = WeeklyFilter(data, queryset=Ticket.objects.all()) if data else None
    return selectors.weekly_update(week=WEEK, filterset=filterset)


def test_the_sla_section_has_business_hour_medians_attainment_and_satisfaction(
    service_tickets,
):
    sla = _update()["sla"]
    assert sla["first_response_median_seconds"] == 2.5 * 3600
    assert sla["first_response_median_hours"] == 2.5
    assert (sla["resolution_median_hours"], sla["resolution_count"]) == (7.0, 4)
    assert (sla["first_response_met"], sla["first_response_total"]) == (3, 4)
    assert (sla["first_response_pct"], sla["resolution_pct"]) == (75.0, 75.0)
    assert sla["satisfaction_count"] == 4
    assert sla["satisfaction_average"] == 3.0
    assert sla["satisfaction_positive_pct"] == 50.0
    by_priority = {row["key"]: row for row in sla["by_priority"]}
    assert [row["key"] for row in sla["by_priority"]] == ["urgent", "normal"]
    assert by_priority["urgent"]["first_response_pct"] == 50.0
    assert by_priority["urgent"]["resolution_pct"] == 100.0
    assert by_priority["normal"]["first_response_pct"] == 100.0
    assert by_priority["normal"]["resolution_pct"] == 50.0


def test_the_week_before_has_its_own_figures(service_tickets):
    sla = selectors.weekly_update(week=WEEK.shift(-1))["sla"]
    assert sla["first_response_median_hours"] == 100.0
    assert (sla["first_response_pct"], sla["satisfaction_average"]) == (0.0, 1.0)


def test_the_sla_section_follows_the_network_and_region_filter(
    service_tickets, network_a, network_b
):
    sla = _update(network=network_a.slug)["sla"]
    assert (sla["first_response_median_hours"], sla["resolution_median_hours"]) == (
        2.0,
        6.0,
    )
    assert (sla["first_response_pct"], sla["resolution_pct"]) == (66.7, 66.7)
    assert (sla["satisfaction_count"], sla["satisfaction_average"]) == (3, 3.67)

    elsewhere = RegionFactory(code="emea", name="Europe")
    network_b.region = elsewhere
    network_b.save(update_fields=["region"])
    sla = _update(region="emea")["sla"]
    assert sla["first_response_median_hours"] == 5.0
    assert (sla["satisfaction_count"], sla["satisfaction_average"]) == (1, 1.0)
    # a network outside the chosen region: nothing, as for the ticket figures
    sla = _update(region="emea", network=network_a.slug)["sla"]
    assert sla["first_response_count"] == 0 and sla["satisfaction_count"] == 0


def test_a_week_without_service_figures_shows_none_not_zero(db):
    sla = _update()["sla"]
    assert sla["first_response_median_hours"] is None
    assert sla["first_response_pct"] is None
    assert sla["satisfaction_average"] is None
    assert sla["by_priority"] == []


@pytest.fixture
def onboardings(network_a, network_b):
    """Three checklists of 4 steps: A has 3 done, B 1 done and stalled, C complete."""
    plan = PlanFactory(name="Standard")
    for order in range(4):
        PlanStepFactory(plan=plan, order=order)
    network_c = NetworkFactory(name="Charlie Crew", slug="charlie-crew")
    made = {}
    for network, done in [(network_a, 3), (network_b, 1), (network_c, 4)]:
        onboarding = onboarding_start(network=network, plan=plan)
        ids = list(onboarding.steps.order_by("order").values_list("pk", flat=True))
        OnboardingStep.objects.filter(pk__in=ids[:done]).update(done_at=timezone.now())
        made[network.slug] = onboarding
    Onboarding.objects.filter(network=network_c).update(completed_at=timezone.now())
    Onboarding.objects.filter(network=network_b).update(
        last_progress_at=timezone.now() - timedelta(days=30)
    )
    return made


def test_the_onboarding_section_counts_progress_and_stalls(onboardings, network_b):
    onboarding = _update()["onboarding"]
    assert onboarding == {
        "in_progress": 2,
        "completed": 1,
        "stalled": 1,
        "steps_total": 8,
        "steps_done": 4,
        "steps_done_pct": 50,
    }
    narrowed = _update(network=network_b.slug)["onboarding"]
    assert (narrowed["in_progress"], narrowed["stalled"]) == (1, 1)
    assert narrowed["steps_done_pct"] == 25


def test_the_weekly_update_costs_a_constant_number_of_queries(
    service_tickets, onboardings, network_a, django_assert_num_queries
):
    with django_assert_num_queries(18):
        selectors.weekly_update(week=WEEK)
    with django_assert_num_queries(21):  # + the region and its networks
        _update(region=network_a.region.code)
    for _ in range(20):
        TicketFactory(
            network=NetworkFactory(), created_at=service_tickets[0].created_at
        )
    with django_assert_num_queries(18):
        selectors.weekly_update(week=WEEK)


# --- networks needing attention ----------------------------------------------------


def _rate(network, *scores, days_ago: int = 1):
    for score in scores:
        ticket = TicketFactory(network=network, status="solved")
        SatisfactionRating.objects.create(
            ticket=ticket,
            score=score,
            created_at=timezone.now() - timedelta(days=days_ago),
        )


def test_stalled_onboarding_and_low_satisfaction_flag_a_network(
    onboardings, network_a, network_b
):
    _rate(network_a, 2, 3)  # average 2.5 over the last 30 days: low
    _rate(network_b, 1, 1, days_ago=selectors.ATTENTION_SATISFACTION_DAYS + 2)  # old
    charlie = onboardings["charlie-crew"].network
    _rate(charlie, 1)  # a single rating is not a trend
    for _ in range(selectors.ATTENTION_OPEN_TICKETS):
        TicketFactory(network=network_a, status="open")

    rows = selectors.networks_needing_attention()

    assert rows == [
        {
            "name": network_a.name,
            "slug": network_a.slug,
            "reasons": [
                {"code": "open_tickets", "active": selectors.ATTENTION_OPEN_TICKETS},
                {
                    "code": "low_satisfaction",
                    "average": 2.5,
                    "ratings": 2,
                    "days": selectors.ATTENTION_SATISFACTION_DAYS,
                },
            ],
        },
        {
            "name": network_b.name,
            "slug": network_b.slug,
            "reasons": [{"code": "stalled_onboarding", "days": 30}],
        },
    ]


def test_satisfaction_at_the_threshold_is_not_low(network_a):
    _rate(network_a, 3, 3)
    assert selectors.networks_needing_attention() == []


def test_the_attention_signals_cost_three_queries_whatever_the_data(
    onboardings, network_a, network_b, django_assert_num_queries
):
    with django_assert_num_queries(3):
        selectors.networks_needing_attention()
    for i in range(6):
        network = NetworkFactory(name=f"Extra {i}", slug=f"extra-{i}")
        _rate(network, 1, 2)
        for _ in range(selectors.ATTENTION_OPEN_TICKETS):
            TicketFactory(network=network, status="new")
    with django_assert_num_queries(3):
        rows = selectors.networks_needing_attention(limit=5)
    assert len(rows) == 5
    assert all(len(row["reasons"]) == 2 for row in rows)
