"""The queue's sidebar and filter bar: its views (built in, shared and a
person's own saved ones) with their counts in one query, and the active filters
as removable chips.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from core import cache
from hub import permissions as access
from tickets.filters import TicketFilter
from tickets.models import SavedView, Ticket
from tickets.selectors.queue import queue_filterset, queue_params
from tickets.selectors.visible import visible_tickets

# parameters that choose a page or its size, not which tickets
_NOT_FILTERS = ("page", "per_page", "page_size")


@dataclass
class QueueView:
    """A view in the queue's sidebar: built in, shared or this person's own."""

    name: str
    query: str
    count: int | None = None
    saved: SavedView | None = None
    current: bool = False


BUILT_IN_VIEWS = (
    (_("Waiting on us"), "waiting=true&ordering=-network_replied"),
    (_("Mine"), "mine=true"),
    (_("Unassigned"), "unassigned=true"),
    (_("All open"), ""),
)


def queue_views(*, user, saved: list[SavedView], current: str) -> list[QueueView]:
    """The built-in views, then the shared and this person's saved ones; a
    built-in gives way to a saved view of the same name or the same filters."""
    saved_views_ = [QueueView(name=v.name, query=v.query, saved=v) for v in saved]
    taken_names = {v.name.casefold() for v in saved_views_}
    taken_filters = [v.query for v in saved_views_]
    views = [
        QueueView(name=str(name), query=query)
        for name, query in BUILT_IN_VIEWS
        if str(name).casefold() not in taken_names
        and not any(_same_filters(query, other) for other in taken_filters)
    ]
    views += saved_views_
    for view in views:
        view.current = _same_filters(view.query, current)
    counts = queue_view_counts(user=user, queries=[v.query for v in views])
    for view, count in zip(views, counts, strict=True):
        view.count = count
    return views


def _filter_items(query) -> list[tuple[str, str]]:
    params = QueryDict(query) if isinstance(query, str) else query
    return sorted(
        (name, value)
        for name, values in params.lists()
        for value in values
        if name not in _NOT_FILTERS and value != ""
    )


def _same_filters(a: str, b: str) -> bool:
    return _filter_items(queue_params(QueryDict(a))) == _filter_items(
        queue_params(QueryDict(b))
    )


def queue_view_counts(*, user, queries: list[str]) -> list[int]:
    """How many tickets each view shows, in ONE query: each view's queryset
    (``queue_tickets``) as a scalar ``(SELECT COUNT(*) FROM (…))`` of one SELECT.
    The ORM cannot select without a table, so the compiled SQL of each queryset
    is composed here (standard SQL, PostgreSQL and SQLite alike). Kept in
    ``TICKET_COUNTS`` per person ("mine" differs) until a ticket changes: that
    also spares building a ``TicketFilter`` per view (milliseconds of Python each). A
    view by SLA state may so be one lifetime (30 s, the queue's poll) behind the
    clock."""
    if not queries:
        return []
    key = cache.digest("queue-views", user.pk, queries)
    return cache.TICKET_COUNTS.get_or_compute(key, lambda: _count_views(user, queries))


def _count_views(user, queries: list[str]) -> list[int]:
    parts, args = [], []
    for n, query in enumerate(queries):
        # no joins: a count needs none of the rows' networks and assignees
        qs = queue_filterset(user, QueryDict(query), visible_tickets(user)).qs
        qs = qs.order_by().values("pk")
        sql, params = qs.query.sql_with_params()
        # ``sql`` is the ORM's own compilation, its values bound separately
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS view_{n})")  # noqa: S608  # nosec B608
        args.extend(params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), args)
        return list(cursor.fetchone())


@dataclass
class FilterChip:
    """One active filter, with the query string that removes it."""

    label: str
    remove_query: str


def queue_chips(filterset: TicketFilter, params: QueryDict) -> list[FilterChip]:
    """The active filters as chips; the default (open work) as one chip whose
    removal shows every status."""
    chips = []
    form = filterset.form
    choice_labels = {}
    for name, bound in form.fields.items():
        choices = getattr(bound, "choices", None)
        if choices is not None and name in ("status", "priority", "sla_state", "kind"):
            choice_labels[name] = {str(v): str(text) for v, text in choices}
    if not params.getlist("status"):
        everything = params.copy()
        everything.setlist("status", list(Ticket.Status.values))
        chips.append(FilterChip(str(_("Open work only")), everything.urlencode()))
    for name, value in _filter_items(params):
        if name == "ordering":
            continue
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else name
        shown = choice_labels.get(name, {}).get(value, value)
        if name in ("mine", "unassigned", "waiting") and value.lower() in (
            "true",
            "1",
            "on",
        ):
            text = label
        else:
            text = f"{label}: {shown}"
        rest = params.copy()
        rest.setlist(name, [v for v in params.getlist(name) if v != value])
        rest.pop("page", None)
        chips.append(FilterChip(text, rest.urlencode()))
    return chips


def saved_views(*, user) -> QuerySet[SavedView]:
    """Shared views first, then this person's own."""
    if not access.is_staff_member(user):
        return SavedView.objects.none()
    return SavedView.objects.filter(Q(owner__isnull=True) | Q(owner=user)).order_by(
        F("owner").asc(nulls_first=True), "position", "name"
    )


def own_saved_view(*, user, pk: int) -> SavedView:
    """One of this person's own saved views (shared ones are not theirs to
    delete); 404 otherwise."""
    return get_object_or_404(SavedView, pk=pk, owner=user)
