"""Every write to a ticket: keyword-only, atomic, validated first, audited.

Each service locks the ticket row, records one ``TicketChange`` per changed field,
bumps ``version`` and records e-mails in the outbox (sent after commit).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.exceptions import ApplicationError, PermissionDeniedError, RateLimitedError
from hub import outbox
from hub import permissions as access
from tickets import sla, speakers, workflow
from tickets.attachments import check_uploads
from tickets.history import Changes, label
from tickets.models import (
    CannedReply,
    Category,
    Tag,
    Ticket,
    TicketMessage,
    reference_for,
)
from tickets.services.base import (
    MAX_BODY,
    MAX_SUBJECT,
    UNSET,
    Status,
    _apply_assignee,
    _apply_priority,
    _apply_status,
    _check_choice,
    _check_seen,
    _check_version,
    _clean_tags,
    _clean_text,
    _field_error,
    _lock,
    _notify_assignee,
    _require_access,
    _require_staff,
    _save_attachments,
)
from webhooks.payloads import emit_message, emit_ticket

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


def _check_rate(*, network, requester) -> None:
    """Networks may file ``HUB_TICKETS_PER_NETWORK_PER_HOUR`` tickets an hour (staff
    filing on a network's behalf are not counted against it)."""
    if access.is_staff_member(requester):
        return
    limit = settings.HUB_TICKETS_PER_NETWORK_PER_HOUR
    since = timezone.now() - timedelta(hours=1)
    if Ticket.objects.filter(network=network, created_at__gte=since).count() >= limit:
        raise RateLimitedError(
            _(
                "%(network)s has filed %(limit)d tickets in the last hour, the most we "
                "accept. Please add to an open ticket, or try again later."
            )
            % {"network": network.name, "limit": limit}
        )


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
    _check_rate(network=network, requester=requester)
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

    ticket = Ticket(
        network=network,
        requester=requester,
        subject=subject,
        description=description,
        category=category,
        kind=kind,
        priority=priority,
        channel=channel,
        created_at=timezone.now(),
    )
    sla.start(ticket, now=ticket.created_at, tier=network.tier)
    speakers.record_ticket_filed(ticket, at=ticket.created_at)
    ticket.save(force_insert=True)
    # The pk is unique, so the reference is too, however many requests race.
    ticket.reference = reference_for(ticket.pk)
    Ticket.objects.filter(pk=ticket.pk).update(reference=ticket.reference)
    _save_attachments(ticket, None, files, requester)
    changes = Changes(ticket, requester)
    changes.add("created", "", label(Status, ticket.status))
    changes.save(touch=False)
    emit_ticket("ticket.created", ticket)

    from tickets.tasks import ticket_received_email_task

    outbox.enqueue(ticket_received_email_task, ticket_id=ticket.pk)
    if settings.HUB_EMBED_ON_CREATE:  # the grouping's embedding, ahead of the night
        from insights.tasks import embed_ticket_task

        outbox.enqueue(embed_ticket_task, ticket_id=ticket.pk)
    return ticket


@transaction.atomic
def ticket_reply(
    *,
    ticket: Ticket,
    author,
    body: str,
    attachments: Iterable = (),
    status: str | None = None,
    canned_reply: CannedReply | None = None,
    seen_message_id: int | None = None,
) -> TicketMessage:
    """A public reply. Staff may set the status in the same step; a network reply
    on a pending or solved ticket reopens it. With ``canned_reply`` (staff) its
    actions (status, priority, tag) apply too and its use is counted. With
    ``seen_message_id`` (the newest message the author had on screen) a message
    someone else wrote since holds the reply (``ReplyCollisionError``)."""
    _require_access(author, ticket)
    body = _clean_text("body", body, limit=MAX_BODY, label=_("Message"))
    is_staff = access.can_work_tickets(author)
    if (status or canned_reply) and not is_staff:
        raise PermissionDeniedError(_("Only platform staff may change the status."))
    if canned_reply is not None:
        if not canned_reply.is_active:
            raise _field_error(
                "canned_reply", _("That canned reply is no longer active.")
            )
        status = status or canned_reply.set_status or None
    _check_reply_status(status)
    files = check_uploads(attachments)
    ticket = _lock(ticket)
    _check_seen(ticket, author, seen_message_id)
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
    speakers.record_public_message(ticket, by_staff=is_staff, at=message.created_at)
    changes = Changes(ticket, author)
    if is_staff:
        sla.on_staff_reply(ticket, now=message.created_at)
        target = status or (Status.OPEN if ticket.status == Status.NEW else None)
        if target:
            _apply_status(ticket, target, changes)
        if canned_reply is not None:
            _apply_canned_actions(ticket, canned_reply, changes)
    else:
        if ticket.status in workflow.REOPENED_BY_NETWORK_REPLY:
            _apply_status(ticket, Status.OPEN, changes)
        sla.on_network_reply(ticket, now=message.created_at)
    changes.save()
    emit_message(message)

    from tickets.tasks import ticket_reply_email_task

    outbox.enqueue(ticket_reply_email_task, message_id=message.pk)
    return message


def _check_reply_status(status: str | None) -> None:
    """The statuses a reply or a note may set in the same step."""
    if status and status not in workflow.REPLY_STATUSES:
        raise _field_error(
            "status",
            _("A reply can set the status to open, pending, on hold or solved."),
        )


def _apply_canned_actions(ticket: Ticket, macro: CannedReply, changes) -> None:
    if macro.set_priority:
        _apply_priority(ticket, macro.set_priority, changes)
    tag_names = _clean_tags([macro.add_tag]) if macro.add_tag else []
    if tag_names:
        tag, _created = Tag.objects.get_or_create(name=tag_names[0])
        if not ticket.tags.filter(pk=tag.pk).exists():
            old = sorted(ticket.tags.values_list("name", flat=True))
            ticket.tags.add(tag)
            changes.add("tags", ", ".join(old), ", ".join(sorted([*old, tag.name])))
    CannedReply.objects.filter(pk=macro.pk).update(usage_count=F("usage_count") + 1)


@transaction.atomic
def ticket_add_note(
    *,
    ticket: Ticket,
    author,
    body: str,
    attachments: Iterable = (),
    status: str | None = None,
    seen_message_id: int | None = None,
) -> TicketMessage:
    """An internal case note: staff only, never shown to or e-mailed to networks.
    ``status`` (one a reply may set) moves the ticket in the same step;
    ``seen_message_id`` holds the note as ``ticket_reply`` holds a reply."""
    _require_access(author, ticket)
    _require_staff(author)
    body = _clean_text("body", body, limit=MAX_BODY, label=_("Note"))
    _check_reply_status(status)
    files = check_uploads(attachments)
    ticket = _lock(ticket)
    _check_seen(ticket, author, seen_message_id)
    message = TicketMessage.objects.create(
        ticket=ticket, author=author, body=body, internal=True, author_is_staff=True
    )
    _save_attachments(ticket, message, files, author)
    changes = Changes(ticket, author)
    if status:
        _apply_status(ticket, status, changes)
    changes.save()
    emit_message(message)
    audit_record(
        actor=author,
        action="ticket.note",
        obj=ticket,
        changes={"internal note": message.pk, "attachments": len(files)},
    )
    return message


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
        changes.audit("ticket.assign")
        emit_ticket("ticket.updated", ticket)
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
        changes.audit("ticket.status")
        emit_ticket("ticket.updated", ticket)
    return ticket


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
    if priority is not None:
        _apply_priority(ticket, priority, changes)
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
        changes.audit("ticket.update")
        emit_ticket("ticket.updated", ticket)
    if assigned:
        _notify_assignee(ticket, actor)
    return ticket
