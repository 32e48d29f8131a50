"""Reads of inbound e-mail."""

from inbound.models import InboundMessage


def original_message_id(*, ticket) -> str:
    """The Message-ID of the e-mail a ticket was filed from ("" for other channels),
    so the hub's answers thread under the member's own message."""
    if ticket.channel != "email":
        return ""
    return (
        InboundMessage.objects.filter(
            ticket_id=ticket.pk, status=InboundMessage.Status.TICKET
        )
        .order_by("received_at")
        .values_list("message_id", flat=True)
        .first()
        or ""
    )


def inbound_list():
    """Every message (staff only: callers check the role)."""
    return InboundMessage.objects.select_related("ticket").order_by(
        "-received_at", "-id"
    )


def review_queue():
    """Unrouted and quarantined messages, newest first (the admin's default list)."""
    return inbound_list().filter(status__in=InboundMessage.NEEDS_REVIEW)
