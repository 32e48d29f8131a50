"""Reads of tickets with the caller's permissions applied.

Staff see every network's tickets; a network member sees their networks' tickets
and never an internal note. Another network's ticket is simply not there (404).
"""

import hashlib

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    When,
)
from django.http import Http404

from hub import permissions as access
from hub.caching import cached, generation, next_generation
from tickets import sla
from tickets.models import (
    Attachment,
    Category,
    SavedView,
    Ticket,
    TicketChange,
    TicketMessage,
)


def visible_tickets(user) -> QuerySet[Ticket]:
    if access.is_staff_member(user):
        return Ticket.objects.all()
    return Ticket.objects.filter(network_id__in=access.network_ids(user))


def priority_rank():
    return Case(
        *(
            When(priority=value, then=rank)
            for value, rank in Ticket.PRIORITY_RANK.items()
        ),
        default=0,
        output_field=IntegerField(),
    )


def ticket_list(
    *, user, filters=None, request=None, queue: bool = False
) -> QuerySet[Ticket]:
    """The queue (staff) or the network's list, filtered by ``TicketFilter``.

    Staff get the tags prefetched. ``queue=True`` is for the staff queue's rows,
    which show no requester and read the tag names with ``attach_tag_names``."""
    from tickets.filters import TicketFilter

    if queue:
        qs = visible_tickets(user).select_related("network", "assignee", "category")
    else:
        qs = visible_tickets(user).select_related(
            "network", "requester", "assignee", "category"
        )
        if access.is_staff_member(user):
            qs = qs.prefetch_related("tags")
    if filters is not None:
        qs = TicketFilter(filters, queryset=qs, request=request).qs
    return qs


COUNTS_GENERATION_KEY = "tickets:counts-generation"
# filters whose counts change with the clock or the person: always counted afresh
_UNCACHED_FILTERS = {"sla_state", "mine"}


def tickets_changed(**kwargs) -> None:
    """A ticket was saved or deleted: filtered counts kept so far are stale (bulk
    ``update()``s send no signal; the counts then expire within
    ``HUB_HOME_CACHE_SECONDS``)."""
    next_generation(COUNTS_GENERATION_KEY)


def list_count_key(*, user, params) -> str | None:
    """Where a filtered list's count may be kept: the same filters, seen by the
    same networks (all of them, for staff), while no ticket has changed."""
    items = sorted(
        (name, value)
        for name, values in params.lists()
        for value in values
        if name not in ("page", "per_page", "page_size", "ordering") and value != ""
    )
    if not items or _UNCACHED_FILTERS & {name for name, _value in items}:
        return None
    seen_by = (
        "staff"
        if access.is_staff_member(user)
        else ",".join(map(str, sorted(access.network_ids(user))))
    )
    kept_since = generation(COUNTS_GENERATION_KEY)
    if kept_since is None:
        return None
    digest = hashlib.sha256(repr((seen_by, items)).encode()).hexdigest()[:32]
    return f"tickets:count:{kept_since}:{digest}"


def attach_tag_names(tickets: list[Ticket]) -> list[Ticket]:
    """``ticket.tag_names`` (sorted) for each ticket, in one query: the queue shows
    only the names, and prefetching ``Tag`` objects cost ~6 ms of Python per page."""
    names: dict[int, list[str]] = {}
    rows = (
        Ticket.tags.through.objects.filter(ticket_id__in=[t.pk for t in tickets])
        .order_by("tag__name")
        .values_list("ticket_id", "tag__name")
    )
    for ticket_id, name in rows:
        names.setdefault(ticket_id, []).append(name)
    for ticket in tickets:
        ticket.tag_names = names.get(ticket.pk, [])
    return tickets


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


def active_categories() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True)


def home_counts_for_networks(*, network_ids) -> dict:
    """One aggregate query: a network member's open and waiting-on-them tickets."""
    return Ticket.objects.filter(network_id__in=network_ids).aggregate(
        open=Count("id", filter=Q(status__in=[Ticket.Status.NEW, Ticket.Status.OPEN])),
        pending=Count("id", filter=Q(status=Ticket.Status.PENDING)),
        on_hold=Count("id", filter=Q(status=Ticket.Status.ON_HOLD)),
    )


QUEUE_HEALTH_KEY = "tickets:queue-health"


def queue_health() -> dict:
    """Staff's home figures: new, unassigned, open, urgent, due soon, breached.

    Every figure counts active tickets only, so the one aggregate query reads the
    partial covering index ``ticket_active_health_idx`` instead of the whole table;
    the result is kept ``HUB_HOME_CACHE_SECONDS`` (0: always computed).
    """
    return cached(QUEUE_HEALTH_KEY, settings.HUB_HOME_CACHE_SECONDS, _queue_health)


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


def saved_views(*, user) -> QuerySet[SavedView]:
    """Shared views first, then this person's own."""
    if not access.is_staff_member(user):
        return SavedView.objects.none()
    return SavedView.objects.filter(Q(owner__isnull=True) | Q(owner=user)).order_by(
        F("owner").asc(nulls_first=True), "position", "name"
    )


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
    """The queue's current view as CSV rows: the same selector and ``TicketFilter``
    (so the same people see the same tickets, in the same order), read in chunks
    of ``EXPORT_CHUNK`` with their tag names (one query per chunk)."""
    from itertools import islice

    from tickets.filters import TicketFilter

    queryset = TicketFilter(
        filters, queryset=ticket_list(user=user, queue=True), request=request
    ).qs
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
