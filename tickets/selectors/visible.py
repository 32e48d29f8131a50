"""The tickets a person may see, and what every list of them shares.

Staff see every network's tickets; a network member sees their networks' tickets
and never an internal note. Another network's ticket is simply not there (404).
``ticket_list`` filters them by ``TicketFilter``; a filtered list keeps its count
in ``TICKET_COUNTS`` (``list_count_cache``); ``attach_tag_names`` gives rows their
tag names in one query.
"""

from django.db.models import QuerySet

from core import cache
from hub import permissions as access
from tickets.filters import TicketFilter
from tickets.models import Ticket


def visible_tickets(user) -> QuerySet[Ticket]:
    if access.is_staff_member(user):
        return Ticket.objects.all()
    return Ticket.objects.filter(network_id__in=access.network_ids(user))


def ticket_list(
    *, user, filters=None, request=None, queue: bool = False
) -> QuerySet[Ticket]:
    """The queue (staff) or the network's list, filtered by ``TicketFilter``.

    Staff get the tags prefetched. ``queue=True`` is for the staff queue's rows,
    which show no requester and read the tag names with ``attach_tag_names``."""
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


# filters whose counts change with the clock or the person: always counted afresh
_UNCACHED_FILTERS = {"sla_state", "mine"}


def list_count_key(*, user, params) -> str | None:
    """Under which name a filtered list's count may be kept (``TICKET_COUNTS``):
    the same filters, seen by the same networks (all of them, for staff); None
    when it may not be kept."""
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
    return cache.digest(seen_by, items)


def list_count_cache(*, user, params):
    """How a filtered ticket list keeps its count (``FastPaginator``'s
    ``count_cache``; the portal and the API alike), or None when it may not."""
    key = list_count_key(user=user, params=params)
    if key is None:
        return None
    return lambda count: cache.TICKET_COUNTS.get_or_compute(key, count)


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
