"""Report figures: counts, business-time medians, SLA attainment, satisfaction."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.hub.factories import NetworkFactory
from tests.tickets.factories import CategoryFactory, TicketFactory
from tickets import reports
from tickets.models import SatisfactionRating

NOW = timezone.now()
START, END = NOW - timedelta(days=7), NOW + timedelta(minutes=1)


@pytest.fixture
def data(db):
    alpha = NetworkFactory(name="Alpha", slug="alpha")
    beta = NetworkFactory(name="Beta", slug="beta")
    payouts = CategoryFactory(name="Payouts", slug="payouts")
    day = timedelta(days=1)
    rows = [
        # network, priority, first response s, resolution s, fr late, res late, score
        (alpha, "urgent", 600, 3600, False, False, 5),
        (alpha, "urgent", 1800, 7200, True, False, 4),
        (alpha, "normal", 3000, 9000, False, True, 2),
        (beta, "normal", None, None, False, False, None),
    ]
    for network, priority, first, resolution, fr_late, res_late, score in rows:
        ticket = TicketFactory(
            network=network,
            priority=priority,
            category=payouts,
            created_at=NOW - 2 * day,
            status="solved" if resolution else "open",
            first_response_at=NOW - day if first else None,
            first_response_due_at=NOW - day,
            first_response_business_seconds=first,
            first_response_breached_at=NOW - day if fr_late else None,
            resolved_at=NOW - day / 2 if resolution else None,
            resolution_due_at=NOW,
            resolution_business_seconds=resolution,
            resolution_breached_at=NOW if res_late else None,
        )
        if score:
            SatisfactionRating.objects.create(
                ticket=ticket, score=score, created_at=NOW - day / 4
            )
    # outside the period
    TicketFactory(network=alpha, created_at=NOW - 30 * day)
    return {"alpha": alpha, "beta": beta}


def test_the_summary_of_everything(data):
    (row,) = reports.summary(start=START, end=END)
    assert row["key"] == "all"
    assert (row["created"], row["solved"]) == (4, 3)
    assert row["first_response_median_seconds"] == 1800
    assert row["resolution_median_seconds"] == 7200
    assert (row["first_response_met"], row["first_response_total"]) == (2, 3)
    assert row["first_response_pct"] == pytest.approx(66.7)
    assert row["resolution_pct"] == pytest.approx(66.7)
    assert row["satisfaction_count"] == 3
    assert row["satisfaction_average"] == pytest.approx(3.67)
    assert row["satisfaction_positive_pct"] == pytest.approx(66.7)


def test_grouped_by_network(data):
    rows = {
        r["key"]: r for r in reports.summary(start=START, end=END, group_by="network")
    }
    assert set(rows) == {"alpha", "beta"}
    assert rows["alpha"]["label"] == "Alpha"
    assert rows["beta"]["created"] == 1
    assert rows["beta"]["first_response_median_seconds"] is None
    assert rows["beta"]["satisfaction_average"] is None


def test_grouped_by_priority_and_category(data):
    by_priority = {
        r["key"]: r
        for r in reports.response_times(start=START, end=END, group_by="priority")
    }
    assert by_priority["urgent"]["first_response_median_seconds"] == 1200
    assert by_priority["urgent"]["label"] == "Urgent"
    (category,) = reports.ticket_counts(start=START, end=END, group_by="category")
    assert (category["key"], category["label"], category["created"]) == (
        "payouts",
        "Payouts",
        4,
    )


def test_restricted_to_networks(data):
    (row,) = reports.sla_attainment(start=START, end=END, networks=[data["beta"].pk])
    assert row["first_response_total"] == 0 and row["first_response_pct"] is None


def test_a_bad_grouping_is_refused(db):
    with pytest.raises(ValueError):
        reports.summary(start=START, end=END, group_by="colour")


def test_the_report_is_a_constant_number_of_queries(data, django_assert_num_queries):
    with django_assert_num_queries(9):
        reports.summary(start=START, end=END, group_by="network")
    for _ in range(10):  # more tickets and another network: the same queries
        TicketFactory(network=NetworkFactory(), created_at=NOW - timedelta(days=1))
    with django_assert_num_queries(9):
        reports.summary(start=START, end=END, group_by="network")
