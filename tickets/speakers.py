"""Who spoke last on a ticket, and since when the network has waited.

The one home of the rule the queue shows and sorts by (``Ticket.last_reply_at``,
``last_reply_by_staff``, ``network_replied_at``): a ticket's description is the
network's first message; every public reply moves ``last_reply_at``; a network's
reply also moves ``network_replied_at``. Internal notes say nothing to the network,
so they do not count. Services call ``record_public_message``; the bulk loader and
the migration's backfill compute the same from the messages.
"""

from datetime import datetime

from django.db.models import Q

# new or open (not pending on the network, not on hold) and the network spoke last
WAITING_STATUSES = ("new", "open")


def waiting_on_us_filter() -> Q:
    return Q(status__in=WAITING_STATUSES, last_reply_by_staff=False)


def record_ticket_filed(ticket, *, at: datetime) -> None:
    ticket.last_reply_at = at
    ticket.last_reply_by_staff = False
    ticket.network_replied_at = at


def record_public_message(ticket, *, by_staff: bool, at: datetime) -> None:
    ticket.last_reply_at = at
    ticket.last_reply_by_staff = by_staff
    if not by_staff:
        ticket.network_replied_at = at


def waiting_on_us(ticket) -> bool:
    """``waiting_on_us_filter`` for one ticket."""
    return ticket.status in WAITING_STATUSES and not ticket.last_reply_by_staff
