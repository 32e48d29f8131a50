"""Bulk actions on the queue: all or nothing, recorded in each ticket's history."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import audit_record_many
from core.exceptions import ApplicationError
from tickets.history import Changes
from tickets.models import Tag, Ticket
from tickets.services.base import (
    UNSET,
    _apply_assignee,
    _apply_priority,
    _apply_status,
    _check_choice,
    _clean_tags,
    _notify_assignee,
    _require_staff,
    _restore_status,
)

MAX_BULK = 500


@transaction.atomic
def tickets_bulk_update(
    *,
    actor,
    tickets: Iterable[Ticket],
    assignee=UNSET,
    status: str | None = None,
    priority: str | None = None,
    add_tag: str | None = None,
) -> list[Ticket]:
    """Assign, set status or priority, add a tag on many tickets in one transaction.

    If any ticket refuses the change (e.g. a closed ticket cannot be reopened),
    nothing changes and the error names every refused ticket and why
    (``extra["refused"]``: ``[{"reference", "message"}]``).
    """
    _require_staff(actor)
    if status is not None:
        _check_choice("status", status, Ticket.Status)
    if priority is not None:
        _check_choice("priority", priority, Ticket.Priority)
    tag_names = _clean_tags([add_tag]) if add_tag else []
    if assignee is UNSET and not (status or priority or tag_names):
        raise ApplicationError(_("Choose what to change for the selected tickets."))
    pks = sorted({ticket.pk for ticket in tickets})
    if not pks:
        raise ApplicationError(_("Select at least one ticket."))
    if len(pks) > MAX_BULK:
        raise ApplicationError(_("At most %(n)s tickets at once.") % {"n": MAX_BULK})
    # Row locks in primary-key order, like every other multi-row write.
    locked = list(Ticket.objects.select_for_update().filter(pk__in=pks).order_by("pk"))
    tag = Tag.objects.get_or_create(name=tag_names[0])[0] if tag_names else None
    refused, assigned, audited = [], [], []
    for ticket in locked:
        ticket.status_before = ticket.status  # what an undo restores
        changes = Changes(ticket, actor)
        try:
            if status is not None:
                _apply_status(ticket, status, changes)
            if priority is not None:
                _apply_priority(ticket, priority, changes)
            if assignee is not UNSET and _apply_assignee(ticket, assignee, changes):
                assigned.append(ticket)
        except ApplicationError as error:
            refused.append({"reference": ticket.reference, "message": error.message})
            continue
        if tag is not None and not ticket.tags.filter(pk=tag.pk).exists():
            old = sorted(ticket.tags.values_list("name", flat=True))
            ticket.tags.add(tag)
            changes.add("tags", ", ".join(old), ", ".join(sorted([*old, tag.name])))
        if changes.rows:
            changes.save()
            audited.append((ticket, changes.as_dict()))
    if refused:
        details = "; ".join(f"{r['reference']}: {r['message']}" for r in refused)
        raise ApplicationError(
            _("Nothing was changed: %(n)s of the selected tickets refused (%(d)s).")
            % {"n": len(refused), "d": details},
            extra={"refused": refused},
        )
    audit_record_many(actor=actor, action="ticket.bulk_update", items=audited)
    for ticket in assigned:
        _notify_assignee(ticket, actor)
    from webhooks.payloads import emit_ticket

    for ticket, _changes in audited:
        emit_ticket("ticket.updated", ticket)
    return locked


@transaction.atomic
def tickets_bulk_restore(
    *, actor, before: dict[int, tuple[str, int]]
) -> tuple[list[Ticket], list[Ticket]]:
    """Undo a bulk status change: ``before`` maps each ticket's pk to the status
    it had and the version the change left it at. A ticket changed since (another
    version) is left alone. Returns (restored, left alone). The only way back
    from "closed": it is final for everyone else (``tickets.workflow``)."""
    _require_staff(actor)
    if len(before) > MAX_BULK:
        raise ApplicationError(_("At most %(n)s tickets at once.") % {"n": MAX_BULK})
    locked = list(
        Ticket.objects.select_for_update().filter(pk__in=sorted(before)).order_by("pk")
    )
    restored, skipped, audited = [], [], []
    for ticket in locked:
        status, version = before[ticket.pk]
        if ticket.version != version:
            skipped.append(ticket)
            continue
        changes = Changes(ticket, actor)
        _restore_status(ticket, status, changes)
        if changes.rows:
            changes.save()
            audited.append((ticket, changes.as_dict()))
            restored.append(ticket)
    audit_record_many(actor=actor, action="ticket.bulk_undo", items=audited)
    from webhooks.payloads import emit_ticket

    for ticket, _changes in audited:
        emit_ticket("ticket.updated", ticket)
    return restored, skipped
