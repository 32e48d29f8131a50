"""Helpers shared by the ticket services: validation, locks, status moves, history."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
)
from hub import outbox
from hub import permissions as access
from tickets import sla, workflow
from tickets.attachments import CheckedUpload
from tickets.history import Changes, label
from tickets.models import Attachment, Ticket, TicketChange, TicketMessage

MAX_SUBJECT = 200
MAX_BODY = 20_000
MAX_TAGS = 20

Status = Ticket.Status
UNSET = object()


def _field_error(field: str, message: str) -> ApplicationError:
    return ApplicationError(message, extra={"fields": {field: [message]}})


def _clean_text(field: str, value: str | None, *, limit: int, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise _field_error(field, _("%(label)s is required.") % {"label": label})
    if len(value) > limit:
        raise _field_error(
            field,
            _("%(label)s is too long (%(n)s characters; at most %(limit)s).")
            % {"label": label, "n": len(value), "limit": limit},
        )
    return value


def _check_choice(field: str, value: str, choices) -> str:
    if value not in choices.values:
        raise _field_error(
            field,
            _("%(value)r is not a valid %(field)s; choose one of: %(choices)s.")
            % {"value": value, "field": field, "choices": ", ".join(choices.values)},
        )
    return value


_require_staff = access.require_staff_member


def _require_access(actor, ticket: Ticket) -> None:
    if not (
        access.is_staff_member(actor) or ticket.network_id in access.network_ids(actor)
    ):
        raise NotFoundError(_("Not found."))


def _lock(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def _tier(ticket: Ticket) -> str | None:
    from hub.models import CreatorNetwork

    return (
        CreatorNetwork.objects.filter(pk=ticket.network_id)
        .values_list("tier", flat=True)
        .first()
    )


def _apply_status(ticket: Ticket, status: str, changes: Changes) -> None:
    _check_choice("status", status, Status)
    old = ticket.status
    if old == status:
        return
    if not workflow.can_move(old, status):
        raise _field_error(
            "status",
            _("A ticket cannot move from %(old)s to %(new)s.")
            % {"old": label(Status, old), "new": label(Status, status)},
        )
    now = timezone.now()
    ticket.status = status
    if status == Status.SOLVED:
        ticket.resolved_at = now
    elif status == Status.CLOSED:
        ticket.closed_at = now
        ticket.resolved_at = ticket.resolved_at or now
    elif old == Status.SOLVED:
        ticket.resolved_at = None
    sla.on_status_change(ticket, old=old, new=status, now=now)
    changes.add("status", label(Status, old), label(Status, status))
    if status == Status.SOLVED and ticket.satisfaction_requested_at is None:
        from tickets.tasks import ticket_satisfaction_email_task

        ticket.satisfaction_requested_at = now
        outbox.enqueue(ticket_satisfaction_email_task, ticket_id=ticket.pk)


def _restore_status(ticket: Ticket, status: str, changes: Changes) -> None:
    """Put back the status a bulk change replaced (its undo), past the
    workflow's one-way moves: the clocks follow as for any status change."""
    _check_choice("status", status, Status)
    old = ticket.status
    if old == status:
        return
    now = timezone.now()
    ticket.status = status
    if old == Status.CLOSED:
        ticket.closed_at = None
    if status not in (Status.SOLVED, Status.CLOSED):
        ticket.resolved_at = None
    sla.on_status_change(ticket, old=old, new=status, now=now)
    changes.add("status", label(Status, old), label(Status, status))


def _save_attachments(
    ticket: Ticket, message: TicketMessage | None, files: Sequence[CheckedUpload], user
) -> None:
    for checked in files:
        Attachment.objects.create(
            ticket=ticket,
            message=message,
            file=checked.file,
            name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=user,
        )


def changes_since(ticket: Ticket, version: int) -> list[dict]:
    """What changed after ``version``: who changed which field from what to what."""
    rows = (
        TicketChange.objects.filter(ticket=ticket, version__gt=version)
        .select_related("actor")
        .order_by("created_at", "id")
    )
    return [
        {
            "field": row.field,
            "from": row.old_value,
            "to": row.new_value,
            "by": str(row.actor) if row.actor else "",
            "at": row.created_at.isoformat(),
            "version": row.version,
        }
        for row in rows
    ]


def _check_version(ticket: Ticket, version: int | None) -> None:
    if version is not None and int(version) != ticket.version:
        changes = changes_since(ticket, int(version))
        raise ConflictError(
            _(
                "Someone else changed this ticket while you were editing it "
                "(you had version %(yours)s, it is now %(now)s). Nothing was saved; "
                "review their changes below and save again."
            )
            % {"yours": version, "now": ticket.version},
            extra={"version": ticket.version, "changes": changes},
        )


class ReplyCollisionError(ConflictError):
    """Someone else wrote on the ticket after the last message the author saw; the
    reply was not sent. ``extra["messages"]``: the ids of those messages,
    ``extra["latest"]``: the newest id (sending again with it confirms)."""


def _check_seen(ticket: Ticket, author, seen_message_id: int | None) -> None:
    """The collision rule: a message written while the author was typing (by anyone
    else, that the author may read) holds the author's message until they have seen
    it. ``seen_message_id`` None: no check (the API, e-mail); 0: nothing seen yet."""
    if seen_message_id is None:
        return
    unseen = TicketMessage.objects.filter(ticket=ticket, id__gt=int(seen_message_id))
    if author is not None:
        unseen = unseen.exclude(author=author)
    if not access.can_see_internal(author):
        unseen = unseen.filter(internal=False)
    ids = list(unseen.order_by("id").values_list("id", flat=True))
    if ids:
        raise ReplyCollisionError(
            _(
                "Someone else wrote on this ticket while you were typing. Nothing "
                "was sent yet; read their message below, then send yours anyway "
                "or change it."
            ),
            extra={"messages": ids, "latest": ids[-1]},
        )


def _apply_assignee(ticket: Ticket, assignee, changes: Changes) -> bool:
    if assignee is not None and not access.is_staff_member(assignee):
        raise _field_error(
            "assignee", _("Tickets can only be assigned to platform staff.")
        )
    if ticket.assignee_id == (assignee.pk if assignee else None):
        return False
    changes.add("assignee", ticket.assignee or "", assignee or "")
    ticket.assignee = assignee
    return True


def _notify_assignee(ticket: Ticket, actor) -> None:
    from tickets.tasks import ticket_assigned_email_task

    if ticket.assignee_id and ticket.assignee_id != getattr(actor, "pk", None):
        outbox.enqueue(
            ticket_assigned_email_task,
            ticket_id=ticket.pk,
            assignee_id=ticket.assignee_id,
        )


def _apply_priority(ticket: Ticket, priority: str, changes: Changes) -> None:
    _check_choice("priority", priority, Ticket.Priority)
    if priority == ticket.priority:
        return
    changes.add(
        "priority",
        label(Ticket.Priority, ticket.priority),
        label(Ticket.Priority, priority),
    )
    ticket.priority = priority
    sla.on_priority_change(ticket, tier=_tier(ticket))


def _clean_tags(names: Iterable[str]) -> list[str]:
    cleaned = []
    for name in names:
        name = " ".join(str(name).split()).lower()[:50]
        if name and name not in cleaned:
            cleaned.append(name)
    if len(cleaned) > MAX_TAGS:
        raise _field_error(
            "tags", _("At most %(n)s tags per ticket.") % {"n": MAX_TAGS}
        )
    return cleaned
