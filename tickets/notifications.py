"""Who gets which ticket e-mail, and what it says (called by the tasks)."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from emails import delivery as engine
from hub.emails import build_email, send_email
from hub.languages import email_language
from hub.models import Membership
from onboarding.models import Delivery
from tickets.models import Ticket, TicketMessage


def _ticket_context(ticket: Ticket) -> dict:
    return {
        "reference": ticket.reference,
        "subject": ticket.subject,
        # labels stay lazy: each recipient's copy renders them in their language
        "status": Ticket.Status(ticket.status).label,
        "network": ticket.network.name,
        "url": f"{settings.HUB_BASE_URL}{ticket.get_absolute_url()}",
    }


def _thread_headers(ticket: Ticket, part: str) -> dict:
    """Message-ID, In-Reply-To/References and the signed Reply-To (``inbound``), so
    the member's mail client threads the ticket and their answer comes back to it."""
    from inbound.addresses import thread_headers
    from inbound.selectors import original_message_id

    return thread_headers(
        ticket.reference, part=part, parents=[original_message_id(ticket=ticket)]
    )


def send_ticket_received(ticket_id: int) -> int:
    ticket = (
        Ticket.objects.select_related("network", "requester")
        .filter(pk=ticket_id)
        .first()
    )
    if ticket is None or ticket.requester is None or not ticket.requester.is_active:
        return 0
    return send_email(
        to=[ticket.requester.email],
        language=email_language(ticket.requester, ticket.network),
        template="ticket_received",
        context={
            **_ticket_context(ticket),
            "name": ticket.requester.get_short_name(),
            "description": ticket.description,
        },
        headers=_thread_headers(ticket, "t"),
    )


def reply_recipients(message: TicketMessage) -> list:
    """The network's people on the ticket (requester and network members who wrote
    on it) who still belong to the network, without the author."""
    ticket = message.ticket
    people = set(
        TicketMessage.objects.filter(
            ticket=ticket, internal=False, author_is_staff=False
        ).values_list("author_id", flat=True)
    )
    if ticket.requester_id:
        people.add(ticket.requester_id)
    people.discard(message.author_id)
    return [
        membership.user
        for membership in Membership.objects.filter(
            network_id=ticket.network_id, user_id__in=people, user__is_active=True
        )
        .select_related("user")
        .order_by("user__email")
    ]


def send_ticket_reply(message_id: int) -> int:
    """A ledger row for each of the network's people told of this public reply,
    then the unsent ones are sent (``tickets.messages`` builds each in its
    recipient's language; a retried task adds nobody twice and the ledger sends
    each row once). Returns the number of rows added."""
    message = (
        TicketMessage.objects.select_related("ticket")
        .filter(pk=message_id, internal=False)
        .first()
    )
    if message is None:
        return 0
    key = f"m{message.pk}"
    network_id = message.ticket.network_id
    created = engine.deliveries_create(
        kind=Delivery.Kind.TICKET_REPLY,
        rows=[
            (person.pk, key, network_id, message.pk)
            for person in reply_recipients(message)
        ],
    )
    transaction.on_commit(
        lambda: engine.deliveries_enqueue(
            engine.unsent_ids(kind=Delivery.Kind.TICKET_REPLY, keys=[key])
        )
    )
    return created


def ticket_reply_email(message: TicketMessage, *, to: str):
    """The reply e-mail to one person, in the active language (the ledger's)."""
    return build_email(
        to=to,
        template="ticket_reply",
        context={
            **_ticket_context(message.ticket),
            "author": str(message.author) if message.author else "",
            "body": message.body,
        },
        headers=_thread_headers(message.ticket, f"m{message.pk}"),
    )


def send_ticket_assigned(ticket_id: int, assignee_id: int) -> int:
    ticket = (
        Ticket.objects.select_related("network", "assignee", "category")
        .filter(pk=ticket_id, assignee_id=assignee_id)
        .first()
    )
    if ticket is None or not ticket.assignee.is_active:
        return 0  # reassigned again before the e-mail went out
    return send_email(
        to=[ticket.assignee.email],
        language=email_language(ticket.assignee, ticket.network),
        template="ticket_assigned",
        context={
            **_ticket_context(ticket),
            "name": ticket.assignee.get_short_name(),
            "priority": Ticket.Priority(ticket.priority).label,
            "category": ticket.category.name if ticket.category else "",
        },
    )


TARGET_LABELS = {
    "first_response": _("first response"),
    "next_response": _("next response"),
    "resolution": _("resolution"),
}


def sla_recipient(ticket: Ticket):
    """The assignee, or the network's agency manager while nobody is assigned."""
    for person in (ticket.assignee, ticket.network.manager):
        if person is not None and person.is_active:
            return person
    return None


def send_sla_email(ticket_id: int, target: str, kind: str) -> int:
    ticket = (
        Ticket.objects.select_related("network__manager", "assignee")
        .filter(pk=ticket_id)
        .first()
    )
    if ticket is None or target not in TARGET_LABELS:
        return 0
    if kind == "warning" and (
        ticket.status not in Ticket.ACTIVE_STATUSES
        or (target == "first_response" and ticket.first_response_at is not None)
    ):
        return 0  # answered or solved before the e-mail went out
    person = sla_recipient(ticket)
    if person is None:
        return 0
    due = getattr(ticket, f"{target}_due_at")
    language = email_language(person, ticket.network)
    with translation.override(language):  # the date in the recipient's format
        due_text = (
            f"{date_format(localtime(due), 'DATETIME_FORMAT')} {localtime(due):%Z}"
            if due
            else ""
        )
    return send_email(
        to=[person.email],
        language=language,
        template="ticket_sla_warning",
        context={
            **_ticket_context(ticket),
            "name": person.get_short_name(),
            "target": TARGET_LABELS[target],
            "breached": kind == "breach",
            "due": due_text,
            "priority": Ticket.Priority(ticket.priority).label,
        },
    )


def send_satisfaction_request(ticket_id: int) -> int:
    ticket = (
        Ticket.objects.select_related("network", "requester")
        .filter(pk=ticket_id, status=Ticket.Status.SOLVED)
        .first()
    )
    if ticket is None or ticket.requester is None or not ticket.requester.is_active:
        return 0
    if not Membership.objects.filter(
        network_id=ticket.network_id, user_id=ticket.requester_id
    ).exists():
        return 0
    return send_email(
        to=[ticket.requester.email],
        language=email_language(ticket.requester, ticket.network),
        template="ticket_satisfaction",
        context={
            **_ticket_context(ticket),
            "name": ticket.requester.get_short_name(),
            "rate_url": f"{settings.HUB_BASE_URL}{ticket.get_absolute_url()}#rate",
        },
    )
