"""Every write to a ticket: keyword-only, atomic, validated first, audited.

Each service locks the ticket row, records one ``TicketChange`` per changed field,
bumps ``version`` and records e-mails in the outbox (sent after commit).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub import outbox
from hub import permissions as access
from hub.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from tickets import workflow
from tickets.attachments import CheckedUpload, check_uploads
from tickets.history import Changes, label
from tickets.models import (
    Attachment,
    Category,
    Tag,
    Ticket,
    TicketMessage,
    reference_for,
)

MAX_SUBJECT = 200
MAX_BODY = 20_000
MAX_TAGS = 20

Status = Ticket.Status


# --- validation helpers ------------------------------------------------------------


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


def _require_staff(actor) -> None:
    if not access.can_work_tickets(actor):
        raise PermissionDeniedError(_("Only platform staff may do this."))


def _require_access(actor, ticket: Ticket) -> None:
    if not (
        access.is_staff_member(actor) or ticket.network_id in access.network_ids(actor)
    ):
        raise NotFoundError(_("Not found."))


def _lock(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


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


# --- services ----------------------------------------------------------------------


def network_for_new_ticket(*, user, network=None):
    """The network a ticket is filed for: given, or the person's only one."""
    from hub.models import CreatorNetwork

    if network is not None:
        if not (access.is_staff_member(user) or network.pk in access.network_ids(user)):
            raise _field_error(
                "network", _("You can only file tickets for your own network.")
            )
        return network
    ids = access.network_ids(user)
    if len(ids) == 1:
        return CreatorNetwork.objects.get(pk=next(iter(ids)))
    if not ids and not access.is_staff_member(user):
        raise PermissionDeniedError(
            _("You are not a member of any network, so you cannot file tickets.")
        )
    raise _field_error("network", _("Choose which network this ticket is for."))


@transaction.atomic
def ticket_create(
    *,
    requester,
    subject: str,
    description: str,
    network=None,
    category: Category | None = None,
    kind: str = Ticket.Kind.QUESTION,
    priority: str = Ticket.Priority.NORMAL,
    channel: str = Ticket.Channel.WEB,
    attachments: Iterable = (),
) -> Ticket:
    network = network_for_new_ticket(user=requester, network=network)
    subject = _clean_text("subject", subject, limit=MAX_SUBJECT, label=_("Subject"))
    description = _clean_text(
        "description", description, limit=MAX_BODY, label=_("Description")
    )
    _check_choice("kind", kind, Ticket.Kind)
    _check_choice("priority", priority, Ticket.Priority)
    _check_choice("channel", channel, Ticket.Channel)
    if category is not None and not category.is_active:
        raise _field_error("category", _("That category is no longer offered."))
    files = check_uploads(attachments)

    ticket = Ticket.objects.create(
        network=network,
        requester=requester,
        subject=subject,
        description=description,
        category=category,
        kind=kind,
        priority=priority,
        channel=channel,
    )
    # The pk is unique, so the reference is too, however many requests race.
    ticket.reference = reference_for(ticket.pk)
    Ticket.objects.filter(pk=ticket.pk).update(reference=ticket.reference)
    _save_attachments(ticket, None, files, requester)
    changes = Changes(ticket, requester)
    changes.add("created", "", label(Status, ticket.status))
    changes.save(touch=False)

    from tickets.tasks import ticket_received_email_task

    outbox.enqueue(ticket_received_email_task, ticket_id=ticket.pk)
    return ticket


@transaction.atomic
def ticket_reply(
    *,
    ticket: Ticket,
    author,
    body: str,
    attachments: Iterable = (),
    status: str | None = None,
) -> TicketMessage:
    """A public reply. Staff may set the status in the same step; a network reply
    on a pending or solved ticket reopens it."""
    _require_access(author, ticket)
    body = _clean_text("body", body, limit=MAX_BODY, label=_("Message"))
    is_staff = access.can_work_tickets(author)
    if status and not is_staff:
        raise PermissionDeniedError(_("Only platform staff may change the status."))
    if status and status not in workflow.REPLY_STATUSES:
        raise _field_error(
            "status",
            _("A reply can set the status to open, pending, on hold or solved."),
        )
    files = check_uploads(attachments)
    ticket = _lock(ticket)
    if ticket.status == Status.CLOSED:
        raise ApplicationError(
            _("This ticket is closed. Please open a new ticket and mention %(ref)s.")
            % {"ref": ticket.reference}
        )
    message = TicketMessage.objects.create(
        ticket=ticket,
        author=author,
        body=body,
        internal=False,
        author_is_staff=is_staff,
    )
    _save_attachments(ticket, message, files, author)
    changes = Changes(ticket, author)
    if is_staff:
        if ticket.first_response_at is None:
            ticket.first_response_at = message.created_at
        target = status or (Status.OPEN if ticket.status == Status.NEW else None)
        if target:
            _apply_status(ticket, target, changes)
    elif ticket.status in workflow.REOPENED_BY_NETWORK_REPLY:
        _apply_status(ticket, Status.OPEN, changes)
    changes.save()

    from tickets.tasks import ticket_reply_email_task

    outbox.enqueue(ticket_reply_email_task, message_id=message.pk)
    return message


@transaction.atomic
def ticket_add_note(
    *, ticket: Ticket, author, body: str, attachments: Iterable = ()
) -> TicketMessage:
    """An internal case note: staff only, never shown to or e-mailed to networks."""
    _require_access(author, ticket)
    _require_staff(author)
    body = _clean_text("body", body, limit=MAX_BODY, label=_("Note"))
    files = check_uploads(attachments)
    ticket = _lock(ticket)
    message = TicketMessage.objects.create(
        ticket=ticket, author=author, body=body, internal=True, author_is_staff=True
    )
    _save_attachments(ticket, message, files, author)
    Changes(ticket, author).save()
    return message


def _check_version(ticket: Ticket, version: int | None) -> None:
    if version is not None and int(version) != ticket.version:
        raise ConflictError(
            _(
                "Someone else changed this ticket while you were editing it "
                "(you had version %(yours)s, it is now %(now)s). Reload and try again."
            )
            % {"yours": version, "now": ticket.version},
            extra={"version": ticket.version},
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


@transaction.atomic
def ticket_assign(
    *, ticket: Ticket, actor, assignee, version: int | None = None
) -> Ticket:
    _require_access(actor, ticket)
    _require_staff(actor)
    ticket = _lock(ticket)
    _check_version(ticket, version)
    changes = Changes(ticket, actor)
    if _apply_assignee(ticket, assignee, changes):
        changes.save()
        _notify_assignee(ticket, actor)
    return ticket


@transaction.atomic
def ticket_set_status(
    *, ticket: Ticket, actor, status: str, version: int | None = None
) -> Ticket:
    _require_access(actor, ticket)
    _require_staff(actor)
    ticket = _lock(ticket)
    _check_version(ticket, version)
    changes = Changes(ticket, actor)
    _apply_status(ticket, status, changes)
    if changes.rows:
        changes.save()
    return ticket


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


UNSET = object()


@transaction.atomic
def ticket_update(
    *,
    ticket: Ticket,
    actor,
    version: int | None = None,
    status: str | None = None,
    priority: str | None = None,
    kind: str | None = None,
    category=UNSET,
    assignee=UNSET,
    tags: Iterable[str] | None = None,
) -> Ticket:
    """Triage from the side panel or the API: several properties in one step."""
    _require_access(actor, ticket)
    _require_staff(actor)
    if priority is not None:
        _check_choice("priority", priority, Ticket.Priority)
    if kind is not None:
        _check_choice("kind", kind, Ticket.Kind)
    tag_names = _clean_tags(tags) if tags is not None else None
    ticket = _lock(ticket)
    _check_version(ticket, version)
    changes = Changes(ticket, actor)
    if status is not None:
        _apply_status(ticket, status, changes)
    if priority is not None and priority != ticket.priority:
        changes.add(
            "priority",
            label(Ticket.Priority, ticket.priority),
            label(Ticket.Priority, priority),
        )
        ticket.priority = priority
    if kind is not None and kind != ticket.kind:
        changes.add("kind", label(Ticket.Kind, ticket.kind), label(Ticket.Kind, kind))
        ticket.kind = kind
    if category is not UNSET and category != ticket.category:
        changes.add("category", ticket.category or "", category or "")
        ticket.category = category
    assigned = assignee is not UNSET and _apply_assignee(ticket, assignee, changes)
    if tag_names is not None:
        old = sorted(ticket.tags.values_list("name", flat=True))
        if old != sorted(tag_names):
            existing = {t.name: t for t in Tag.objects.filter(name__in=tag_names)}
            Tag.objects.bulk_create(
                [Tag(name=n) for n in tag_names if n not in existing],
                ignore_conflicts=True,
            )
            ticket.tags.set(Tag.objects.filter(name__in=tag_names))
            changes.add("tags", ", ".join(old), ", ".join(sorted(tag_names)))
    if changes.rows:
        changes.save()
    if assigned:
        _notify_assignee(ticket, actor)
    return ticket
