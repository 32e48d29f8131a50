"""The queue's current view as CSV rows (``tickets.views.exports`` streams them)."""

from itertools import islice

from tickets.selectors.queue import queue_tickets
from tickets.selectors.visible import attach_tag_names

EXPORT_HEADER = [
    "reference",
    "subject",
    "network",
    "category",
    "kind",
    "priority",
    "status",
    "assignee",
    "tags",
    "sla_state",
    "first_response_due_at",
    "resolution_due_at",
    "created_at",
    "updated_at",
]


EXPORT_CHUNK = 1000


def ticket_export_rows(*, user, filters, request=None):
    """The queue's current view as CSV rows: the same selector (``queue_tickets``:
    the same people see the same tickets, in the same order, open work unless
    asked for more), read in chunks of ``EXPORT_CHUNK`` with their tag names
    (one query per chunk)."""
    queryset = queue_tickets(user, filters, request=request)
    rows = queryset.iterator(chunk_size=EXPORT_CHUNK)
    while chunk := list(islice(rows, EXPORT_CHUNK)):
        for ticket in attach_tag_names(chunk):
            yield [
                ticket.reference,
                ticket.subject,
                ticket.network.name,
                ticket.category.name if ticket.category else "",
                ticket.kind,
                ticket.priority,
                ticket.status,
                ticket.assignee.get_username() if ticket.assignee else "",
                ", ".join(ticket.tag_names),
                ticket.sla_state or "",
                _iso(ticket.first_response_due_at),
                _iso(ticket.resolution_due_at),
                _iso(ticket.created_at),
                _iso(ticket.updated_at),
            ]


def _iso(value) -> str:
    return value.isoformat() if value else ""
