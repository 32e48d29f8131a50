"""The SLA sweep (beat, every minute): warn before a breach, mark breaches.

Batches of tickets are taken with ``select_for_update(skip_locked=True)``; the
condition is part of the locking query, so PostgreSQL re-checks it on the locked
row, and the marker is written with ``<marker> IS NULL`` in the same transaction as
the outbox row. Two sweeps at once therefore never warn twice: each skips what the
other holds, and what the other marked no longer matches. The sweep does not bump
``version`` (it is not an edit that can conflict with a person's).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core import cache
from hub import outbox
from tickets.models import Ticket
from tickets.sla import TARGETS

ACTIVE = list(Ticket.ACTIVE_STATUSES)
WARNED, BREACHED = "warning", "breach"


def warning_window() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "HUB_SLA_WARNING_MINUTES", 30))


def _running(target: str) -> Q:
    q = Q(status__in=ACTIVE, sla_paused_at__isnull=True)
    q &= Q(**{f"{target}_due_at__isnull": False})
    if target == "first_response":
        q &= Q(first_response_at__isnull=True)
    return q


def _condition(target: str, kind: str, now: dt.datetime) -> Q:
    due = f"{target}_due_at"
    if kind == WARNED:
        return _running(target) & Q(
            **{
                f"{due}__gt": now,
                f"{due}__lte": now + warning_window(),
                f"{target}_warned_at__isnull": True,
                f"{target}_breached_at__isnull": True,
            }
        )
    return _running(target) & Q(
        **{f"{due}__lte": now, f"{target}_breached_at__isnull": True}
    )


def _sweep_batch(target: str, kind: str, now: dt.datetime, batch_size: int) -> int:
    from tickets.tasks import ticket_sla_email_task

    marker = f"{target}_warned_at" if kind == WARNED else f"{target}_breached_at"
    with transaction.atomic():
        pks = list(
            Ticket.objects.select_for_update(skip_locked=True)
            .filter(_condition(target, kind, now))
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not pks:
            return 0
        update = {marker: now}
        if kind == BREACHED:
            update["sla_breached_at"] = Coalesce(F("sla_breached_at"), Value(now))
        Ticket.objects.filter(pk__in=pks, **{f"{marker}__isnull": True}).update(
            **update
        )
        # a bulk update sends no signal and skips tickets.history: the queue
        # figures that count breaches are stale once this commits
        transaction.on_commit(cache.tickets_changed)
        for pk in pks:
            outbox.enqueue(
                ticket_sla_email_task, ticket_id=pk, target=target, kind=kind
            )
    return len(pks)


def sla_sweep(*, now: dt.datetime | None = None, batch_size: int = 200) -> dict:
    """Warn and mark breaches for every target; returns counts per kind."""
    now = now or timezone.now()
    counts = {WARNED: 0, BREACHED: 0}
    for kind in (BREACHED, WARNED):
        for target in TARGETS:
            while done := _sweep_batch(target, kind, now, batch_size):
                counts[kind] += done
                if done < batch_size:
                    break
    return counts
