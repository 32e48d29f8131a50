"""Every write of inbound e-mail: one message in, one row, at most one ticket or reply.

``ticket_from_email`` is the one entrance (the IMAP poll and ``receive_email`` both
call it). It files through the ticket services (``ticket_create``,
``ticket_reply``), so their rules — access, limits, attachment checks, SLA clocks,
e-mails — apply to mail exactly as to the web form. It never creates a network or
an account.

Once per message: the row's unique ``key`` (Message-ID, else a digest) is inserted
in the same transaction as the ticket or reply, so two pollers reading the same
message file it once (the second waits for the first to commit, then finds it).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.exceptions import ApplicationError
from hub import permissions as access
from inbound import addresses
from inbound.models import InboundMessage
from inbound.parsing import ParsedEmail, Unparseable, digest_key, parse
from tickets.attachments import check_upload, max_files
from tickets.models import Ticket
from tickets.services import ticket_create, ticket_reply

logger = logging.getLogger(__name__)
Status = InboundMessage.Status


class Outcome(Exception):
    """Raised inside the filing step to leave the message unfiled, with a reason."""

    def __init__(self, status: str, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _claim(*, key: str, raw: bytes, source: str, **fields) -> InboundMessage | None:
    """Insert the message's row, or None when that message was already received."""
    try:
        with transaction.atomic():
            return InboundMessage.objects.create(
                key=key, raw=raw, size=len(raw), source=source, **fields
            )
    except IntegrityError:
        return None


def _uploads(parsed: ParsedEmail) -> tuple[list[SimpleUploadedFile], list[str]]:
    """Attachments that pass the upload checks, and a note for each left out."""
    kept, left_out = [], []
    for part in parsed.attachments:
        upload = SimpleUploadedFile(part.name, part.payload, part.content_type)
        if len(kept) >= max_files():
            left_out.append(_("%(name)s: too many files") % {"name": part.name})
            continue
        try:
            check_upload(upload)
        except ApplicationError as exc:
            left_out.append(exc.message)
            continue
        kept.append(upload)
    return kept, left_out


def _sender_account(sender: str):
    return (
        get_user_model()
        .objects.filter(email__iexact=sender, is_active=True)
        .order_by("pk")
        .first()
    )


def _thread(parsed: ParsedEmail) -> Ticket | None:
    """The ticket this message answers: a signed reply address, else a signed
    Message-ID of ours or one of a message already filed, in References or
    In-Reply-To. A reply address with a wrong or missing signature is refused."""
    token = addresses.reply_token_in(parsed.recipients)
    reference = token.reference
    if reference is None and token.forged:
        raise Outcome(
            Status.QUARANTINED,
            _(
                "The reply address %(address)s is not signed by the hub (forged or "
                "mistyped); it was not attached to any ticket."
            )
            % {"address": token.forged},
        )
    if reference is None:
        reference = addresses.reference_from_message_ids(parsed.thread_ids)
    if reference is not None:
        ticket = Ticket.objects.filter(reference=reference).first()
        if ticket is None:
            raise Outcome(
                Status.QUARANTINED,
                _("Ticket %(ref)s does not exist.") % {"ref": reference},
            )
        return ticket
    if parsed.thread_ids:
        earlier = (
            InboundMessage.objects.filter(
                message_id__in=parsed.thread_ids, ticket__isnull=False
            )
            .select_related("ticket")
            .order_by("-received_at")
            .first()
        )
        if earlier is not None:
            return earlier.ticket
    return None


def _rate_limited(sender: str) -> bool:
    limit = settings.HUB_INBOUND_PER_SENDER_PER_HOUR
    since = timezone.now() - timedelta(hours=1)
    return (
        InboundMessage.objects.filter(sender=sender, received_at__gte=since).count()
        > limit
    )


def _file(row: InboundMessage, parsed: ParsedEmail) -> None:
    """File the message as a reply or a new ticket, or raise ``Outcome``."""
    if parsed.automated:
        raise Outcome(Status.IGNORED, parsed.automated)
    if _rate_limited(parsed.sender):
        raise Outcome(
            Status.QUARANTINED,
            _("%(sender)s sent more than %(n)d messages in the last hour.")
            % {"sender": parsed.sender, "n": settings.HUB_INBOUND_PER_SENDER_PER_HOUR},
        )
    ticket = _thread(parsed)
    person = _sender_account(parsed.sender)
    uploads, left_out = _uploads(parsed)
    body = parsed.body or (_("(see the attachments)") if uploads else "")
    if not body:
        raise Outcome(Status.QUARANTINED, _("The message has no text."))
    if left_out:
        row.reason = _("Attachments not kept: %(list)s") % {"list": "; ".join(left_out)}

    if ticket is not None:
        if person is None:
            raise Outcome(
                Status.UNROUTED,
                _("%(sender)s answered %(ref)s but has no account in the hub.")
                % {"sender": parsed.sender, "ref": ticket.reference},
            )
        if access.is_staff_member(person):
            # Everyone on the ticket holds its reply address, and a From header is
            # easily forged: a mail "from staff" could be anyone posting as an agent.
            raise Outcome(
                Status.UNROUTED,
                _(
                    "%(sender)s is platform staff; staff answer %(ref)s in the portal "
                    "(a staff address on an e-mail can be forged)."
                )
                % {"sender": parsed.sender, "ref": ticket.reference},
            )
        try:
            message = ticket_reply(
                ticket=ticket, author=person, body=body, attachments=uploads
            )
        except ApplicationError as exc:
            raise Outcome(
                Status.UNROUTED, f"{ticket.reference}: {exc.message}"
            ) from exc
        row.status, row.ticket, row.ticket_message = Status.REPLY, ticket, message
        return

    if person is None:
        raise Outcome(
            Status.UNROUTED,
            _("%(sender)s has no account in the hub.") % {"sender": parsed.sender},
        )
    if access.is_staff_member(person):
        raise Outcome(
            Status.UNROUTED,
            _(
                "%(sender)s is platform staff; staff answer tickets through their reply "
                "address or the portal."
            )
            % {"sender": parsed.sender},
        )
    networks = access.network_ids(person)
    if len(networks) != 1:
        raise Outcome(
            Status.UNROUTED,
            _("%(sender)s belongs to %(n)d networks; choose which one this is for.")
            % {"sender": parsed.sender, "n": len(networks)},
        )
    from hub.models import CreatorNetwork

    ticket = ticket_create(
        requester=person,
        network=CreatorNetwork.objects.get(pk=next(iter(networks))),
        subject=parsed.subject or _("(no subject)"),
        description=body,
        channel=Ticket.Channel.EMAIL,
        attachments=uploads,
    )
    row.status, row.ticket = Status.TICKET, ticket


@transaction.atomic
def ticket_from_email(*, raw: bytes, source: str = InboundMessage.Source.PIPE):
    """File one RFC 822 message; returns its row (the earlier row for a duplicate).

    Nothing is lost: whatever happens the raw message is stored, with a status and
    a reason staff can read. Only a database failure raises (the caller then leaves
    the message on the server to try again).
    """
    if len(raw) > settings.HUB_INBOUND_MAX_BYTES:
        row = _claim(
            key=digest_key(raw),
            raw=raw,
            source=source,
            status=Status.QUARANTINED,
            reason=_("The message is larger than %(mb)s MB.")
            % {"mb": round(settings.HUB_INBOUND_MAX_BYTES / 1_048_576, 1)},
        )
        return row or InboundMessage.objects.get(key=digest_key(raw))
    try:
        parsed = parse(raw)
    except Unparseable as exc:
        key = digest_key(raw)
        row = _claim(
            key=key, raw=raw, source=source, status=Status.QUARANTINED, reason=str(exc)
        )
        return row or InboundMessage.objects.get(key=key)

    row = _claim(
        key=parsed.key,
        raw=raw,
        source=source,
        status=Status.QUARANTINED,
        message_id=parsed.message_id,
        sender=parsed.sender[:254],
        subject=parsed.subject,
    )
    if row is None:
        logger.info("inbound: %s already received", parsed.key)
        return InboundMessage.objects.get(key=parsed.key)
    try:
        with transaction.atomic():
            _file(row, parsed)
    except Outcome as outcome:
        row.status, row.reason = outcome.status, outcome.reason
        row.ticket = row.ticket_message = None
    except ApplicationError as exc:  # a ticket rule refused it (e.g. the rate limit)
        row.status, row.reason = Status.QUARANTINED, exc.message
        row.ticket = row.ticket_message = None
    row.save()
    return row


# --- staff: unrouted and quarantined messages ---------------------------------------


def _require_review(inbound: InboundMessage) -> InboundMessage:
    inbound = InboundMessage.objects.select_for_update().get(pk=inbound.pk)
    if not inbound.needs_review:
        raise ApplicationError(
            _("This message was already handled (%(status)s).")
            % {"status": inbound.get_status_display()}
        )
    return inbound


@transaction.atomic
def inbound_assign(*, inbound: InboundMessage, actor, network) -> Ticket:
    """File an unrouted or quarantined message as a new ticket in ``network``.

    The sender is the requester when they belong to that network; otherwise the
    staff member filing it is, and the sender's address opens the description.
    """
    access.require_staff_member(actor)
    inbound = _require_review(inbound)
    try:
        parsed = parse(bytes(inbound.raw))
    except Unparseable as exc:
        raise ApplicationError(
            _("This message cannot be read as e-mail (%(reason)s); reject it.")
            % {"reason": exc}
        ) from exc
    person = _sender_account(parsed.sender)
    in_network = person is not None and network.pk in access.network_ids(person)
    uploads, left_out = _uploads(parsed)
    body = parsed.body or _("(see the attachments)")
    if not in_network:
        body = _("From: %(sender)s") % {"sender": parsed.sender} + "\n\n" + body
    ticket = ticket_create(
        requester=person if in_network else actor,
        network=network,
        subject=parsed.subject or _("(no subject)"),
        description=body,
        channel=Ticket.Channel.EMAIL,
        attachments=uploads,
    )
    note = _("Assigned to %(network)s by %(actor)s.") % {
        "network": network.name,
        "actor": actor.email,
    }
    if left_out:
        note += " " + _("Attachments not kept: %(list)s") % {
            "list": "; ".join(left_out)
        }
    inbound.reason = f"{inbound.reason}\n{note}".strip()
    inbound.status, inbound.ticket = Status.TICKET, ticket
    inbound.handled_by, inbound.handled_at = actor, timezone.now()
    inbound.save()
    audit_record(
        actor=actor,
        action="inbound.assign",
        obj=inbound,
        changes={"network": network.slug, "ticket": ticket.reference},
    )
    return ticket


@transaction.atomic
def inbound_reject(*, inbound: InboundMessage, actor, reason: str) -> InboundMessage:
    """Mark an unrouted or quarantined message as rejected, keeping the reason."""
    access.require_staff_member(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            _("Say why the message is rejected."),
            extra={"fields": {"reason": [_("This field is required.")]}},
        )
    inbound = _require_review(inbound)
    inbound.reason = (
        f"{inbound.reason}\n"
        + _("Rejected by %(actor)s: %(reason)s")
        % {"actor": actor.email, "reason": reason}
    ).strip()
    inbound.status = Status.REJECTED
    inbound.handled_by, inbound.handled_at = actor, timezone.now()
    inbound.save()
    audit_record(
        actor=actor, action="inbound.reject", obj=inbound, changes={"reason": reason}
    )
    return inbound
