"""SLA due times through the ticket's clocks: policies, pauses, priority changes.

Together with ``test_business_time.py`` (the pure arithmetic) this is the table of
tricky cases the issue asks for; here every case runs the hooks the services call.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.hub.factories import NetworkFactory
from tests.tickets.factories import CalendarFactory, PolicyFactory
from tickets import sla
from tickets.models import Holiday, Ticket

SYD = ZoneInfo("Australia/Sydney")
H = 60  # minutes


def at(text: str) -> dt.datetime:
    """Local Sydney time; the week of Monday 2026-11-30."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=SYD)


@pytest.fixture
def sydney(db):
    calendar = CalendarFactory(
        name="Sydney",
        time_zone="Australia/Sydney",
        weekdays=[0, 1, 2, 3, 4],
        start_time="09:00",
        end_time="17:00",
    )
    Holiday.objects.create(calendar=calendar, date=dt.date(2026, 12, 25))
    Holiday.objects.create(calendar=calendar, date=dt.date(2026, 12, 28))
    targets = {
        "urgent": (1 * H, 4 * H, 8 * H),
        "high": (2 * H, 8 * H, 16 * H),
        "normal": (8 * H, 8 * H, 40 * H),
        "low": (8 * H, 16 * H, 80 * H),
    }
    for priority, (first, nxt, resolution) in targets.items():
        PolicyFactory(
            calendar=calendar,
            priority=priority,
            first_response_minutes=first,
            next_response_minutes=nxt,
            resolution_minutes=resolution,
        )
    return calendar


def new_ticket(created: str, priority: str = "urgent", tier: str = "emerging"):
    ticket = Ticket(
        priority=priority,
        status=Ticket.Status.NEW,
        created_at=at(created),
        network=NetworkFactory.build(tier=tier),
    )
    sla.start(ticket, now=ticket.created_at, tier=tier)
    return ticket


def move(ticket, status: str, when: str) -> None:
    old, ticket.status = ticket.status, status
    sla.on_status_change(ticket, old=old, new=status, now=at(when))


# (case, priority, created, steps, expected dues: {field: local time or None})
CASES = [
    (
        "urgent inside the day",
        "urgent",
        "2026-11-30 10:00",
        [],
        {"first_response": "2026-11-30 11:00", "resolution": "2026-12-01 10:00"},
    ),
    (
        "normal on Friday afternoon runs over the weekend",
        "normal",
        "2026-12-04 16:00",
        [],
        {"first_response": "2026-12-07 16:00", "resolution": "2026-12-11 16:00"},
    ),
    (
        "high over Christmas and Boxing Day observed",
        "high",
        "2026-12-24 16:00",
        [],
        {"first_response": "2026-12-29 10:00", "resolution": "2026-12-30 16:00"},
    ),
    (
        "pending pauses, the network's reply resumes with the time left",
        "urgent",
        "2026-11-30 10:00",
        [
            ("status", "pending", "2026-11-30 10:30"),
            ("status", "open", "2026-12-02 16:00"),
        ],
        {"first_response": "2026-12-02 16:30", "resolution": "2026-12-03 15:30"},
    ),
    (
        "a pause over the weekend only counts its business time",
        "urgent",
        "2026-12-04 16:30",
        [
            ("status", "pending", "2026-12-04 16:45"),
            ("status", "open", "2026-12-07 09:00"),
        ],
        {"first_response": "2026-12-07 09:45", "resolution": "2026-12-07 16:45"},
    ),
    (
        "a target missed before the pause keeps its past due time",
        "urgent",
        "2026-11-30 10:00",
        [
            ("status", "pending", "2026-11-30 12:00"),
            ("status", "open", "2026-12-01 10:00"),
        ],
        {"first_response": "2026-11-30 11:00", "resolution": "2026-12-01 16:00"},
    ),
    (
        "raising the priority recomputes from creation",
        "normal",
        "2026-11-30 10:00",
        [("priority", "urgent", "2026-11-30 10:20")],
        {"first_response": "2026-11-30 11:00", "resolution": "2026-12-01 10:00"},
    ),
    (
        "a priority change after a pause keeps the paused time",
        "normal",
        "2026-11-30 10:00",
        [
            ("status", "pending", "2026-11-30 10:30"),
            ("status", "open", "2026-11-30 12:30"),
            ("priority", "urgent", "2026-11-30 12:40"),
        ],
        {"first_response": "2026-11-30 13:00", "resolution": "2026-12-01 12:00"},
    ),
    (
        "a priority change while paused moves the time left",
        "normal",
        "2026-11-30 10:00",
        [
            ("status", "pending", "2026-11-30 10:30"),
            ("priority", "urgent", "2026-11-30 11:00"),
            ("status", "open", "2026-11-30 14:00"),
        ],
        {"first_response": "2026-11-30 14:30", "resolution": "2026-12-01 13:30"},
    ),
    (
        "the network's reply after the first response starts the next-response clock",
        "urgent",
        "2026-11-30 10:00",
        [("staff", None, "2026-11-30 10:30"), ("network", None, "2026-11-30 16:30")],
        {"next_response": "2026-12-01 12:30", "resolution": "2026-12-01 10:00"},
    ),
    (
        "a staff reply ends the next-response clock",
        "urgent",
        "2026-11-30 10:00",
        [
            ("staff", None, "2026-11-30 10:30"),
            ("network", None, "2026-11-30 11:00"),
            ("staff", None, "2026-11-30 11:30"),
        ],
        {"next_response": None, "resolution": "2026-12-01 10:00"},
    ),
    (
        "solved then reopened resumes the resolution clock",
        "urgent",
        "2026-11-30 10:00",
        [
            ("staff", None, "2026-11-30 10:30"),
            ("status", "solved", "2026-11-30 12:00"),
            ("status", "open", "2026-12-03 09:00"),
        ],
        {"resolution": "2026-12-03 15:00"},
    ),
]


def run(ticket, steps):
    for kind, value, when in steps:
        if kind == "status":
            move(ticket, value, when)
        elif kind == "priority":
            ticket.priority = value
            sla.on_priority_change(ticket, tier="emerging")
        elif kind == "staff":
            sla.on_staff_reply(ticket, now=at(when))
        elif kind == "network":
            sla.on_network_reply(ticket, now=at(when))


@pytest.mark.parametrize(
    ("priority", "created", "steps", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_due_times_through_pauses_and_policy_changes(
    sydney, priority, created, steps, expected
):
    ticket = new_ticket(created, priority)
    run(ticket, steps)
    for target, local in expected.items():
        due = getattr(ticket, f"{target}_due_at")
        if local is None:
            assert due is None, target
        else:
            assert due == at(local), target


def test_a_tier_policy_wins_over_the_default(sydney):
    PolicyFactory(
        calendar=sydney,
        priority="urgent",
        network_tier="premier",
        first_response_minutes=30,
    )
    premier = new_ticket("2026-11-30 10:00", tier="premier")
    emerging = new_ticket("2026-11-30 10:00", tier="emerging")
    assert premier.first_response_due_at == at("2026-11-30 10:30")
    assert emerging.first_response_due_at == at("2026-11-30 11:00")


def test_an_inactive_policy_means_no_sla(sydney):
    sydney.policies.filter(priority="low").update(is_active=False)
    ticket = new_ticket("2026-11-30 10:00", priority="low")
    assert ticket.sla_policy is None
    assert ticket.first_response_due_at is None and ticket.sla_due_at is None


def test_sla_due_is_the_nearest_running_target_and_none_while_paused(sydney):
    ticket = new_ticket("2026-11-30 10:00")
    assert ticket.sla_due_at == ticket.first_response_due_at
    sla.on_staff_reply(ticket, now=at("2026-11-30 10:10"))
    assert ticket.sla_due_at == ticket.resolution_due_at
    move(ticket, "pending", "2026-11-30 10:20")
    assert ticket.sla_due_at is None and ticket.sla_paused_at == at("2026-11-30 10:20")
    assert ticket.sla_remaining == {"resolution": 8 * 3600 - 20 * 60}


def test_a_late_first_response_is_marked_breached_and_stays_breached(sydney):
    ticket = new_ticket("2026-11-30 10:00")
    sla.on_staff_reply(ticket, now=at("2026-11-30 11:30"))
    assert ticket.first_response_breached_at == at("2026-11-30 11:30")
    assert ticket.sla_breached_at == at("2026-11-30 11:30")
    assert ticket.first_response_business_seconds == 90 * 60


def test_an_answer_in_time_is_not_a_breach_even_across_a_pause(sydney):
    ticket = new_ticket("2026-11-30 16:30")  # first response due Tue 09:30
    move(ticket, "pending", "2026-11-30 16:45")
    sla.on_staff_reply(ticket, now=at("2026-12-01 11:00"))  # 15 min left: in time
    assert ticket.first_response_breached_at is None
    assert ticket.sla_breached_at is None


def test_solving_records_business_seconds_and_a_late_resolution(sydney):
    ticket = new_ticket("2026-11-30 10:00")
    move(ticket, "solved", "2026-12-01 11:00")  # 8 h due Tue 10:00: one hour late
    assert ticket.resolution_business_seconds == 9 * 3600
    assert ticket.resolution_breached_at == at("2026-12-01 11:00")
    move(ticket, "closed", "2026-12-02 11:00")
    assert ticket.sla_due_at is None
