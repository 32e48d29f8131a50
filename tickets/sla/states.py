"""A ticket's SLA state from its stored fields: in Python for the rows on screen
(``state_of``), as a ``Q`` for filters and counts (``state_filter``), and the time
left until the nearest due. No clock moves here."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tickets.models import Ticket

S = Ticket.Status
STOPPED = (S.SOLVED, S.CLOSED)


class State:
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    BREACHED = "breached"
    MET = "met"
    PAUSED = "paused"
    CHOICES = [
        (ON_TRACK, _("On track")),
        (DUE_SOON, _("Due soon")),
        (BREACHED, _("Breached")),
        (MET, _("Met")),
        (PAUSED, _("Paused")),
    ]
    LABELS = dict(CHOICES)


def due_soon_window() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "HUB_SLA_DUE_SOON_MINUTES", 60))


def state_of(ticket: Ticket, now: dt.datetime | None = None) -> str | None:
    """A ticket's SLA state from its stored fields, by the rules of ``state_filter``.

    Solved/closed tickets are ``met`` or ``breached``; active ones ``paused``,
    ``breached`` (a target was missed), ``due_soon`` (within
    ``HUB_SLA_DUE_SOON_MINUTES``) or ``on_track``; ``None`` when no SLA applies.
    Computed in Python for the rows on screen: as a SQL ``Case`` it cost every list
    query several milliseconds to build and compile (issue 9).
    """
    if ticket.status in STOPPED:
        if ticket.sla_breached_at is not None:
            return State.BREACHED
        if ticket.first_response_due_at or ticket.resolution_due_at:
            return State.MET
        return None
    if ticket.sla_breached_at is not None:
        return State.BREACHED
    if ticket.sla_paused_at is not None:
        return State.PAUSED
    due = ticket.sla_due_at
    if due is None:
        return None
    now = now or timezone.now()
    if due <= now:
        return State.BREACHED
    if due <= now + due_soon_window():
        return State.DUE_SOON
    return State.ON_TRACK


def state_filter(state: str, now: dt.datetime | None = None) -> Q:
    """The rules of ``state_of`` as a ``Q`` (so filters use the indexes)."""
    now = now or timezone.now()
    soon = now + due_soon_window()
    stopped = Q(status__in=STOPPED)
    active = ~stopped
    return {
        State.BREACHED: Q(sla_breached_at__isnull=False)
        | (active & Q(sla_paused_at__isnull=True, sla_due_at__lte=now)),
        State.MET: stopped
        & Q(sla_breached_at__isnull=True)
        & (Q(first_response_due_at__isnull=False) | Q(resolution_due_at__isnull=False)),
        State.PAUSED: active
        & Q(sla_breached_at__isnull=True, sla_paused_at__isnull=False),
        State.DUE_SOON: active
        & Q(sla_breached_at__isnull=True, sla_paused_at__isnull=True)
        & Q(sla_due_at__gt=now, sla_due_at__lte=soon),
        State.ON_TRACK: active
        & Q(sla_breached_at__isnull=True, sla_paused_at__isnull=True)
        & Q(sla_due_at__gt=soon),
    }[state]


def time_left(ticket: Ticket, now: dt.datetime | None = None) -> dt.timedelta | None:
    """Real time until the nearest due (negative when overdue); for display."""
    if ticket.sla_due_at is None:
        return None
    return ticket.sla_due_at - (now or timezone.now())
