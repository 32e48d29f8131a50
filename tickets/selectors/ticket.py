"""One ticket as its page shows it, with the caller's permissions applied: the
ticket, its conversation, files and history (internal notes and history for
staff only), the newest message the person may read, what staff see about the
network beside it, attachment downloads, and whom a ticket may be assigned to.
"""

from datetime import timedelta

from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from hub import permissions as access
from hub.models import User
from tickets.models import Attachment, Ticket, TicketChange, TicketMessage
from tickets.selectors.visible import visible_tickets


def ticket_get(*, user, reference: str) -> Ticket:
    # the reference is unique: no ORDER BY (``.first()`` would add one by id, and
    # the planner would weigh merge joins over the whole table for it)
    rows = list(
        visible_tickets(user)
        .select_related(
            "network",
            "requester",
            "assignee",
            "category",
            "sla_policy",
            "satisfaction",
        )
        .filter(reference=reference)
        .order_by()[:1]
    )
    if not rows:
        raise Http404
    return rows[0]


def ticket_messages(*, user, ticket: Ticket) -> QuerySet[TicketMessage]:
    """The conversation this person may read (internal notes only for staff)."""
    qs = TicketMessage.objects.filter(ticket=ticket).select_related("author")
    if not access.can_see_internal(user):
        qs = qs.filter(internal=False)
    return qs.prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("id"))
    )


def ticket_attachments(*, ticket: Ticket) -> QuerySet[Attachment]:
    """Files filed with the ticket itself (not with a message)."""
    return Attachment.objects.filter(ticket=ticket, message__isnull=True)


def ticket_history(*, user, ticket: Ticket) -> QuerySet[TicketChange]:
    if not access.can_see_internal(user):
        return TicketChange.objects.none()
    return TicketChange.objects.filter(ticket=ticket).select_related("actor")


def latest_message_id(*, user, ticket: Ticket) -> int:
    """The newest message this person may read on the ticket (0: none): what the
    composer says it has seen, and what the live conversation compares with."""
    qs = TicketMessage.objects.filter(ticket=ticket)
    if not access.can_see_internal(user):
        qs = qs.filter(internal=False)
    return qs.aggregate(latest=Max("id"))["latest"] or 0


CONTEXT_OPEN_TICKETS = 5


CONTEXT_SATISFACTION_DAYS = 90


def staff_assignee(*, pk) -> User | None:
    """The staff member ``pk`` names, if tickets may be assigned to them."""
    return User.objects.filter(pk=pk, is_staff=True).first()


def network_context(*, user, ticket: Ticket) -> dict | None:
    """What staff see about the network beside a ticket, each part read through
    the app that owns it, in a fixed number of queries (4) however big the
    network: its other open tickets (newest first, at most
    ``CONTEXT_OPEN_TICKETS``, with ``more`` when there are others), its onboarding
    checklist's progress, the campaigns it is in now, and its satisfaction over
    ``CONTEXT_SATISFACTION_DAYS`` days (``tickets.reports``). None for networks'
    own people."""
    if not access.is_staff_member(user):
        return None
    from campaigns.selectors import current_campaigns_for_network
    from onboarding.selectors import onboarding_progress
    from tickets import reports

    network = ticket.network
    others = list(
        visible_tickets(user)
        .filter(network_id=ticket.network_id, status__in=Ticket.ACTIVE_STATUSES)
        .exclude(pk=ticket.pk)
        .only("reference", "subject", "status", "priority", "created_at")
        .order_by("-created_at", "-id")[: CONTEXT_OPEN_TICKETS + 1]
    )
    now = timezone.now()
    onboarding = onboarding_progress(user=user, network=network)
    satisfaction = reports.satisfaction(
        start=now - timedelta(days=CONTEXT_SATISFACTION_DAYS),
        end=now,
        networks=[ticket.network_id],
    )[0]
    return {
        "network": network,
        "open_tickets": others[:CONTEXT_OPEN_TICKETS],
        "more_open": len(others) > CONTEXT_OPEN_TICKETS,
        "onboarding": onboarding,
        "onboarding_pct": (
            round(onboarding.done_steps * 100 / onboarding.total_steps)
            if onboarding and onboarding.total_steps
            else None
        ),
        "campaigns": list(
            current_campaigns_for_network(network=network, today=now.date())
        ),
        "satisfaction": satisfaction,
        "satisfaction_days": CONTEXT_SATISFACTION_DAYS,
    }


def attachment_get(*, user, key) -> Attachment:
    """An attachment this person may download, else 404."""
    attachment = (
        Attachment.objects.select_related("ticket", "message").filter(key=key).first()
    )
    if attachment is None:
        raise Http404
    ticket = attachment.ticket
    if not access.is_staff_member(user) and (
        ticket.network_id not in access.network_ids(user) or attachment.internal
    ):
        raise Http404
    return attachment
