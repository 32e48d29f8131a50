"""The SLA clocks: the hooks the services call on a locked ticket (created, status
changed, staff or network reply, priority changed) and ``replay`` over a recorded
history, all in business time of the policy's calendar. See ``tickets.sla``."""

from __future__ import annotations

import datetime as dt

from tickets.business_time import add_business_time, business_time_between
from tickets.models import SlaPolicy, Ticket
from tickets.sla.policies import calendar_of, policy_for, ticket_policy
from tickets.sla.states import STOPPED

TARGETS = ("first_response", "next_response", "resolution")
S = Ticket.Status


def _target(policy: SlaPolicy, target: str) -> dt.timedelta:
    return dt.timedelta(minutes=policy.minutes_for(target))


def _seconds(delta: dt.timedelta) -> int:
    return int(delta.total_seconds())


def _running(ticket: Ticket) -> list[str]:
    """Targets whose clock is still going (paused or not)."""
    running = []
    if ticket.first_response_at is None and ticket.first_response_due_at:
        running.append("first_response")
    if ticket.next_response_due_at:
        running.append("next_response")
    if ticket.resolution_due_at and ticket.status != S.CLOSED:
        running.append("resolution")
    return running


def refresh_due(ticket: Ticket) -> None:
    """``sla_due_at``: the nearest running due, none while paused or stopped."""
    dues = [
        getattr(ticket, f"{t}_due_at")
        for t in _running(ticket)
        if not (t == "resolution" and ticket.status in STOPPED)
    ]
    if ticket.sla_paused_at or ticket.status in STOPPED or not dues:
        ticket.sla_due_at = None
    else:
        ticket.sla_due_at = min(dues)


def _late(ticket: Ticket, target: str, now: dt.datetime) -> bool:
    if ticket.sla_paused_at is not None:
        return ticket.sla_remaining.get(target, 1) <= 0
    due = getattr(ticket, f"{target}_due_at")
    return due is not None and now > due


def _mark_breach(ticket: Ticket, target: str, now: dt.datetime) -> None:
    field = f"{target}_breached_at"
    if getattr(ticket, field) is None:
        setattr(ticket, field, now)
    ticket.sla_breached_at = ticket.sla_breached_at or now


def start(ticket: Ticket, *, now: dt.datetime, tier: str | None) -> None:
    """A new ticket: pick the policy and set the first-response and resolution dues."""
    _start(ticket, policy_for(priority=ticket.priority, tier=tier), now)


def _start(ticket: Ticket, policy: SlaPolicy | None, now: dt.datetime) -> None:
    ticket.sla_policy = policy
    if policy is None:
        return
    calendar = calendar_of(policy)
    start_at = ticket.created_at or now
    for target in ("first_response", "resolution"):
        due = add_business_time(calendar, start_at, _target(policy, target))
        setattr(ticket, f"{target}_due_at", due)
    refresh_due(ticket)


def pause(ticket: Ticket, *, now: dt.datetime) -> None:
    policy = ticket_policy(ticket)
    if policy is None or ticket.sla_paused_at is not None:
        return
    calendar = calendar_of(policy)
    ticket.sla_remaining = {
        target: _seconds(
            business_time_between(calendar, now, getattr(ticket, f"{target}_due_at"))
        )
        for target in _running(ticket)
    }
    ticket.sla_paused_at = now
    refresh_due(ticket)


def resume(ticket: Ticket, *, now: dt.datetime) -> None:
    policy = ticket_policy(ticket)
    if policy is None or ticket.sla_paused_at is None:
        return
    calendar = calendar_of(policy)
    paused = business_time_between(calendar, ticket.sla_paused_at, now)
    ticket.sla_paused_seconds += max(_seconds(paused), 0)
    for target, seconds in ticket.sla_remaining.items():
        if seconds > 0:  # a target already missed keeps its (past) due time
            due = add_business_time(calendar, now, dt.timedelta(seconds=seconds))
            setattr(ticket, f"{target}_due_at", due)
    ticket.sla_paused_at = None
    ticket.sla_remaining = {}
    refresh_due(ticket)


def _record_resolution(ticket: Ticket, now: dt.datetime) -> None:
    policy = ticket_policy(ticket)
    if policy is None:
        return
    calendar = calendar_of(policy)
    elapsed = business_time_between(calendar, ticket.created_at, now)
    ticket.resolution_business_seconds = max(_seconds(elapsed), 0)
    if ticket.resolution_due_at and _late(ticket, "resolution", now):
        _mark_breach(ticket, "resolution", now)


def on_status_change(ticket: Ticket, *, old: str, new: str, now: dt.datetime) -> None:
    """Called after ``ticket.status`` moved from ``old`` to ``new``."""
    if new in STOPPED and old not in STOPPED:
        _record_resolution(ticket, now)
        ticket.next_response_due_at = None
        ticket.next_response_started_at = None
    if new in (S.PENDING, S.SOLVED):
        pause(ticket, now=now)
    elif new != S.CLOSED and old in (S.PENDING, S.SOLVED):
        resume(ticket, now=now)
    refresh_due(ticket)


def on_staff_reply(ticket: Ticket, *, now: dt.datetime) -> None:
    """A public staff reply: the first response, and the end of a next-response wait."""
    policy = ticket_policy(ticket)
    if ticket.first_response_at is None:
        ticket.first_response_at = now
        if policy is not None:
            elapsed = business_time_between(calendar_of(policy), ticket.created_at, now)
            ticket.first_response_business_seconds = max(_seconds(elapsed), 0)
        if ticket.first_response_due_at and _late(ticket, "first_response", now):
            _mark_breach(ticket, "first_response", now)
        ticket.sla_remaining.pop("first_response", None)
    if ticket.next_response_due_at:
        if _late(ticket, "next_response", now):
            _mark_breach(ticket, "next_response", now)
        ticket.next_response_due_at = None
        ticket.next_response_started_at = None
        ticket.sla_remaining.pop("next_response", None)
    refresh_due(ticket)


def on_network_reply(ticket: Ticket, *, now: dt.datetime) -> None:
    """A network reply after the first response starts the next-response clock."""
    policy = ticket_policy(ticket)
    if (
        policy is None
        or ticket.first_response_at is None
        or ticket.next_response_due_at is not None
        or ticket.status in STOPPED
        or ticket.sla_paused_at is not None
    ):
        return
    ticket.next_response_started_at = now
    ticket.next_response_due_at = add_business_time(
        calendar_of(policy), now, _target(policy, "next_response")
    )
    ticket.next_response_warned_at = None
    ticket.next_response_breached_at = None
    refresh_due(ticket)


def on_priority_change(ticket: Ticket, *, tier: str | None) -> None:
    """Recompute running targets under the new priority's policy, from their start."""
    policy = policy_for(priority=ticket.priority, tier=tier)
    ticket.sla_policy = policy
    if policy is None:
        for target in TARGETS:
            setattr(ticket, f"{target}_due_at", None)
        ticket.sla_remaining = {}
        refresh_due(ticket)
        return
    calendar = calendar_of(policy)
    paused = dt.timedelta(seconds=ticket.sla_paused_seconds)
    starts = {
        "first_response": (ticket.created_at, paused),
        "resolution": (ticket.created_at, paused),
        "next_response": (ticket.next_response_started_at, dt.timedelta(0)),
    }
    running = set(_running(ticket))
    if ticket.first_response_at is None:
        running.add("first_response")
    if ticket.status != S.CLOSED:
        running.add("resolution")
    for target in running:
        begun, extra = starts[target]
        if begun is None:
            continue
        total = _target(policy, target) + extra
        if ticket.sla_paused_at is not None:
            used = business_time_between(calendar, begun, ticket.sla_paused_at)
            ticket.sla_remaining[target] = _seconds(total - used)
        setattr(ticket, f"{target}_due_at", add_business_time(calendar, begun, total))
        setattr(ticket, f"{target}_warned_at", None)
    refresh_due(ticket)


def replay(ticket: Ticket, *, policy: SlaPolicy | None, now: dt.datetime) -> None:
    """Set a ticket's SLA fields from the history it already records, through the
    hooks above: created, first staff reply (``first_response_at``), then solved or
    closed (``resolved_at``) or waiting (pending since ``updated_at``); a target
    overdue by ``now`` is marked as the sweep would have marked it at its due time
    (warned and breached then, so nobody is e-mailed about old data).

    No database access when ``policy`` comes from ``policies_with_calendars``: the
    demo and benchmark seeders run it on 100,000 tickets before inserting them.
    """
    answered, status = ticket.first_response_at, ticket.status
    ticket.first_response_at, ticket.status = None, S.OPEN
    _start(ticket, policy, now)
    if policy is None:
        ticket.first_response_at, ticket.status = answered, status
        return
    if answered is not None:
        on_staff_reply(ticket, now=answered)
    if status in STOPPED or status == S.PENDING:
        ticket.status = status
        moved = ticket.resolved_at if status in STOPPED else ticket.updated_at
        on_status_change(ticket, old=S.OPEN, new=status, now=moved or now)
    ticket.status = status
    if ticket.sla_paused_at is None and status not in STOPPED:
        for target in _running(ticket):
            due = getattr(ticket, f"{target}_due_at")
            if due <= now and getattr(ticket, f"{target}_breached_at") is None:
                setattr(ticket, f"{target}_warned_at", due)
                _mark_breach(ticket, target, due)
    refresh_due(ticket)
