"""When each staff member last opened a ticket (the queue's unread marker)."""

from __future__ import annotations

from django.utils import timezone

from hub import permissions as access
from tickets.models import Ticket, TicketSeen


def ticket_mark_seen(user, ticket: Ticket) -> None:
    """The ticket page calls this: one upsert, staff only (networks have no
    marker). Not a change to the ticket: no history, no version bump."""
    if not access.is_staff_member(user):
        return
    # one INSERT … ON CONFLICT DO UPDATE (PostgreSQL and SQLite alike)
    TicketSeen.objects.bulk_create(
        [TicketSeen(user=user, ticket=ticket, seen_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["user", "ticket"],
        update_fields=["seen_at"],
    )
