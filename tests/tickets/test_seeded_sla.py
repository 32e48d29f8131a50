"""Seeded SLA figures are the engine's: the demo and benchmark seeders replay each
ticket's history through ``tickets.sla`` (no approximation, no SQL copy)."""

import copy
import datetime as dt

import pytest
from django.utils import timezone

from hub import demo as hub_demo
from tickets import demo, demo_generated, demo_sla, services, sla
from tickets.business_time import add_business_time, business_time_between
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


def quiet(_line: str) -> None:
    pass


def seconds(delta: dt.timedelta) -> int:
    return int(delta.total_seconds())


def test_every_bulk_seeded_ticket_has_the_engines_due_times_and_durations():
    # given the demo's standards and 300 benchmark tickets with a history
    hub_demo.seed({}, quiet)
    demo_sla.seed_standards(quiet)
    demo_generated.generated_tickets_add(300, demo._categories(), [], quiet)
    now = timezone.now()
    tickets = list(Ticket.objects.select_related("sla_policy__calendar"))
    assert {t.status for t in tickets} >= {"new", "open", "pending", "solved"}
    checked = {"answered": 0, "resolved": 0, "breached": 0}
    for ticket in tickets:
        policy = ticket.sla_policy
        calendar = policy.calendar.to_calendar()
        created = ticket.created_at
        # then the dues are the calendar's business time after creation
        assert ticket.first_response_due_at == add_business_time(
            calendar, created, dt.timedelta(minutes=policy.first_response_minutes)
        )
        assert ticket.resolution_due_at == add_business_time(
            calendar, created, dt.timedelta(minutes=policy.resolution_minutes)
        )
        # and the durations are exact business seconds
        if ticket.first_response_at:
            checked["answered"] += 1
            assert ticket.first_response_business_seconds == seconds(
                business_time_between(calendar, created, ticket.first_response_at)
            )
            late = ticket.first_response_at > ticket.first_response_due_at
            assert (ticket.first_response_breached_at is not None) == late
        if ticket.resolved_at and ticket.status in ("solved", "closed"):
            checked["resolved"] += 1
            assert ticket.resolution_business_seconds == seconds(
                business_time_between(calendar, created, ticket.resolved_at)
            )
        # and what is overdue now is marked as breached, as the sweep would
        if ticket.status in Ticket.ACTIVE_STATUSES and ticket.sla_paused_at is None:
            if ticket.first_response_at is None and ticket.first_response_due_at < now:
                assert ticket.first_response_breached_at is not None
            unanswered = ticket.first_response_at is None
            assert ticket.sla_due_at == (
                ticket.first_response_due_at if unanswered else ticket.resolution_due_at
            )
        if ticket.status == "pending":
            assert (
                ticket.sla_paused_at == ticket.updated_at and ticket.sla_due_at is None
            )
        checked["breached"] += ticket.sla_breached_at is not None
    assert all(checked.values()), checked


def test_replaying_a_live_tickets_history_gives_what_the_services_gave(
    member_a, intern
):
    # given the demo standards and a ticket run through the services: filed,
    # answered by staff, then solved
    demo_sla.seed_standards(quiet)
    ticket = services.ticket_create(
        requester=member_a, subject="Diamonds missing", description="12 May"
    )
    services.ticket_reply(ticket=ticket, author=intern, body="We are checking")
    services.ticket_set_status(ticket=ticket, actor=intern, status="solved")
    live = Ticket.objects.get(pk=ticket.pk)
    # when a seeder replays the same history on a copy without SLA fields
    seeded = copy.copy(live)
    for field in demo_sla.SLA_FIELDS:
        if field not in ("first_response_at", "sla_policy"):
            setattr(seeded, field, Ticket._meta.get_field(field).get_default())
    seeded.sla_policy = None
    policies = sla.policies_with_calendars()
    sla.replay(seeded, policy=policies[live.priority], now=timezone.now())
    # then every SLA figure is the same
    for field in demo_sla.SLA_FIELDS:
        assert getattr(seeded, field) == getattr(live, field), field


def test_tickets_loaded_another_way_are_filled_by_the_engine_in_batches(
    django_assert_num_queries,
):
    hub_demo.seed({}, quiet)
    demo_sla.seed_standards(quiet)
    demo_generated.generated_tickets_add(300, demo._categories(), [], quiet)
    expected = {
        t.pk: (t.first_response_due_at, t.resolution_business_seconds, t.sla_due_at)
        for t in Ticket.objects.all()
    }
    Ticket.objects.update(
        sla_policy=None,
        first_response_due_at=None,
        resolution_due_at=None,
        sla_due_at=None,
        resolution_business_seconds=None,
    )
    # policies with calendars (2 queries), one batch read and its bulk update, the
    # read that finds nothing left
    with django_assert_num_queries(5):
        assert demo_sla.fill_due_times(quiet) == 300
    assert {
        t.pk: (t.first_response_due_at, t.resolution_business_seconds, t.sla_due_at)
        for t in Ticket.objects.all()
    } == expected
