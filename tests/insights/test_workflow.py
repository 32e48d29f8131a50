"""Workflow figures on a fixed data set whose answers are worked out by hand.

Week 2026-W10 (Mon 2 March); the week before is 2026-W09. Without a business
calendar the clock runs round the day, so hours below are wall-clock hours.

T1 (Payouts, managed by a manager): created Mon 09:00; new→open 10:00 (1 h new),
open→pending 14:00 (4 h open), pending→open Tue 14:00 (24 h pending), open→solved
Tue 16:00 (2 h open), solved→open Wed 10:00 (18 h solved: reopened), open→solved
Wed 12:00 (2 h open); assigned to Ann, then Bob, then Cy. Solved in 10 business h.
T2 (Account, with an intern): created Mon 08:00; new→pending 10:00 (2 h new),
pending→solved 20:00 (10 h pending); assigned to Ann. Solved in 5 business h.
T3 (previous week): created Mon 23 Feb 09:00; new→pending 09:30 (0.5 h),
pending→open 11:30 (2 h pending).
"""

import datetime as dt

import pytest

from core.periods import Week
from insights.selectors.workflow import (
    handling_time,
    handoffs,
    reopen_rate,
    time_in_status,
    workflow_csv_rows,
    workflow_section,
)
from tests.hub.factories import StaffFactory
from tests.tickets.factories import CategoryFactory, TicketFactory
from tickets.models import TicketChange

pytestmark = pytest.mark.django_db

W10 = Week(2026, 10)
UTC = dt.UTC


def at(day: int, hour: float, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, tzinfo=UTC) + dt.timedelta(hours=hour)


def _moves(ticket, field, moves):
    for when, old, new in moves:
        TicketChange.objects.create(
            ticket=ticket, field=field, old_value=old, new_value=new, created_at=when
        )


@pytest.fixture
def data(db):
    manager = StaffFactory(group="Agency managers")
    intern = StaffFactory(group="Support interns")
    payouts = CategoryFactory(name="Payouts", slug="payouts")
    account = CategoryFactory(name="Account", slug="account")
    t1 = TicketFactory(
        category=payouts,
        created_at=at(2, 9),
        assignee=manager,
        status="solved",
        resolved_at=at(4, 12),
        resolution_business_seconds=10 * 3600,
    )
    _moves(
        t1,
        "status",
        [
            (at(2, 10), "new", "open"),
            (at(2, 14), "open", "pending"),
            (at(3, 14), "pending", "open"),
            (at(3, 16), "open", "solved"),
            (at(4, 10), "solved", "open"),
            (at(4, 12), "open", "solved"),
        ],
    )
    _moves(
        t1,
        "assignee",
        [(at(2, 10), "", "Ann"), (at(3, 9), "Ann", "Bob"), (at(4, 9), "Bob", "Cy")],
    )
    t2 = TicketFactory(
        category=account,
        created_at=at(2, 8),
        assignee=intern,
        status="solved",
        resolved_at=at(2, 20),
        resolution_business_seconds=5 * 3600,
    )
    _moves(
        t2, "status", [(at(2, 10), "new", "pending"), (at(2, 20), "pending", "solved")]
    )
    _moves(t2, "assignee", [(at(2, 10), "", "Ann")])
    t3 = TicketFactory(category=account, created_at=at(23, 9, month=2))
    _moves(
        t3,
        "status",
        [(at(23, 9.5, 2), "new", "pending"), (at(23, 11.5, 2), "pending", "open")],
    )
    return {"t1": t1, "t2": t2, "t3": t3}


def test_time_in_each_status_overall_and_by_category(data):
    figures = time_in_status(week=W10)
    assert figures["overall"] == {
        "new": 1.5,
        "open": 2.7,  # (4 + 2 + 2) / 3
        "pending": 17.0,
        "on_hold": None,
        "solved": 18.0,
    }
    by = {row["category"]: row for row in figures["by_category"]}
    assert (by["Payouts"]["pending"], by["Payouts"]["open"]) == (24.0, 2.7)
    assert (by["Account"]["new"], by["Account"]["pending"]) == (2.0, 10.0)
    assert time_in_status(week=W10.shift(-1))["overall"]["pending"] == 2.0


def test_time_in_status_counts_business_hours_of_the_support_calendar(data):
    from tickets.models import BusinessCalendar

    BusinessCalendar.objects.create(name="UTC office", time_zone="UTC")
    # T1 pending Mon 14:00 → Tue 14:00 = 3 h Monday + 5 h Tuesday (09:00–17:00)
    by = {row["category"]: row for row in time_in_status(week=W10)["by_category"]}
    assert by["Payouts"]["pending"] == 8.0
    # T2 pending Mon 10:00 → 20:00 = 7 h (until 17:00)
    assert by["Account"]["pending"] == 7.0


def test_reopen_rate_counts_tickets_solved_then_reopened(data):
    assert reopen_rate(week=W10) == {"solved": 2, "reopened": 1, "pct": 50.0}
    assert reopen_rate(week=W10.shift(-1))["pct"] is None


def test_tickets_passed_between_more_than_two_people(data):
    assert handoffs(week=W10) == {"tickets": 2, "passed": 1, "pct": 50.0}
    assert handoffs(week=W10.shift(-1)) == {"tickets": 0, "passed": 0, "pct": None}


def test_handling_time_by_category_and_agent_group(data):
    figures = handling_time(week=W10)
    assert figures["hours"] == 7.5
    assert {r["label"]: r["hours"] for r in figures["by_category"]} == {
        "Payouts": 10.0,
        "Account": 5.0,
    }
    assert {r["label"]: r["hours"] for r in figures["by_group"]} == {
        "Agency managers": 10.0,
        "Support interns": 5.0,
    }


def test_the_biggest_change_is_called_out_in_words(data):
    section = workflow_section(week=W10)
    change = section["biggest_change"]
    assert change["code"] == "status_pending"
    assert change["text"] == (
        "Time in pending rose 750% (from 2.0 to 17.0 business hours)."
    )
    rows = {row["code"]: row for row in section["rows"]}
    assert (rows["reopen"]["value"], rows["reopen"]["previous"]) == (50.0, None)
    assert (rows["handoffs"]["value"], rows["handoffs"]["previous"]) == (1, 0)
    csv_rows = list(workflow_csv_rows(section))
    assert ["workflow", "status_pending this week", 17.0] in csv_rows
    assert ["workflow by category", "Payouts pending", 24.0] in csv_rows


def test_restricting_to_a_network_keeps_only_its_tickets(data):
    network = data["t2"].network_id
    assert reopen_rate(week=W10, networks=[network]) == {
        "solved": 1,
        "reopened": 0,
        "pct": 0.0,
    }


def test_the_weekly_update_page_csv_and_email_show_the_workflow(
    data, client_as, manager
):
    from django.template.loader import render_to_string

    from insights.notifications import weekly_update_context

    browser = client_as(manager)
    page = browser.get("/hub/weekly/", {"week": "2026-W10"}).content.decode()
    assert "Where our workflow loses time" in page
    assert "Time in pending rose 750%" in page
    assert 'aria-label="Average business hours in each status' in page
    assert 'aria-label="Median handling time by category' in page
    csv_text = browser.get("/hub/weekly/", {"week": "2026-W10", "format": "csv"})
    assert b"workflow,status_pending this week,17.0" in csv_text.content
    text = render_to_string(
        "emails/weekly_update.txt", {"name": "M", **weekly_update_context(W10)}
    )
    assert "Biggest change: Time in pending rose 750%" in text


@pytest.mark.parametrize("extra", [0, 8])
def test_the_section_costs_the_same_queries_at_two_sizes(
    data, extra, django_assert_num_queries
):
    for i in range(extra):
        ticket = TicketFactory(created_at=at(2, 8), category=CategoryFactory())
        _moves(ticket, "status", [(at(2, 9 + i / 10), "new", "open")])
        _moves(ticket, "assignee", [(at(2, 9), "", f"Agent {i}")])
    with django_assert_num_queries(19):
        section = workflow_section(week=W10)
    assert section["this"]["handoffs"]["tickets"] == 2 + extra
