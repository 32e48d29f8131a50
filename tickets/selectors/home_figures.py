"""The home page's ticket figures, one aggregate query each: staff's queue
health and a network member's open and waiting tickets (``tickets.home``).
"""

from django.db.models import Count, Q

from core import cache
from tickets import sla
from tickets.models import Ticket


def home_counts_for_networks(*, network_ids) -> dict:
    """One aggregate query: a network member's open and waiting-on-them tickets."""
    return Ticket.objects.filter(network_id__in=network_ids).aggregate(
        open=Count("id", filter=Q(status__in=[Ticket.Status.NEW, Ticket.Status.OPEN])),
        pending=Count("id", filter=Q(status=Ticket.Status.PENDING)),
        on_hold=Count("id", filter=Q(status=Ticket.Status.ON_HOLD)),
    )


def queue_health() -> dict:
    """Staff's home figures: new, unassigned, open, urgent, due soon, breached.

    Every figure counts active tickets only, so the one aggregate query reads the
    partial covering index ``ticket_active_health_idx`` instead of the whole table;
    the result is kept in ``core.cache.QUEUE_HEALTH`` (ticket services invalidate it).
    """
    return cache.QUEUE_HEALTH.get_or_compute("all", _queue_health)


def _queue_health() -> dict:
    # counts a column of the index (not id), so the scan never visits the table
    return Ticket.objects.filter(status__in=Ticket.ACTIVE_STATUSES).aggregate(
        new=Count("status", filter=Q(status=Ticket.Status.NEW)),
        unassigned=Count(
            "status",
            filter=Q(status__in=Ticket.ACTIVE_STATUSES, assignee__isnull=True),
        ),
        open=Count("status", filter=Q(status=Ticket.Status.OPEN)),
        urgent=Count(
            "status",
            filter=Q(status__in=Ticket.ACTIVE_STATUSES, priority="urgent"),
        ),
        due_soon=Count("status", filter=sla.state_filter(sla.State.DUE_SOON)),
        breached=Count(
            "status",
            filter=Q(status__in=Ticket.ACTIVE_STATUSES)
            & sla.state_filter(sla.State.BREACHED),
        ),
    )
