"""Reads of tickets with the caller's permissions applied.

Staff see every network's tickets; a network member sees their networks' tickets
and never an internal note. Another network's ticket is simply not there (404).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace

from django.core.paginator import Page
from django.db import connection
from django.db.models import (
    Count,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Substr
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import cache
from hub import permissions as access
from hub.paginator import FastPaginator
from tickets import sla
from tickets.filters import TicketFilter
from tickets.models import (
    Attachment,
    Category,
    SavedView,
    Ticket,
    TicketChange,
    TicketMessage,
    TicketSeen,
)


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


PAGE_SIZES = (25, 50, 100)


@dataclass
class TicketListPage:
    """One page of the ticket list a person sees: the staff queue, or a network's
    tickets. ``filterset`` keeps the filters as given (its form shows them)."""

    filterset: TicketFilter
    page: Page
    is_queue: bool
    show_network: bool
    saved_views: list[SavedView]
    # the queue only: the sidebar's views (built-in and saved) with their counts,
    # the active filters as removable chips, the query the page was asked for
    views: list["QueueView"] = field(default_factory=list)
    chips: list["FilterChip"] = field(default_factory=list)
    query: str = ""

    @property
    def tickets(self) -> list[Ticket]:
        return self.page.object_list

    def staff_choices(self) -> list[tuple]:
        """The assignees the queue's filter offers (the bulk bar offers the same)."""
        return self.filterset.choice_lists().get("assignee", [])


def page_size(params) -> int:
    """``?per_page=`` when it is one of ``PAGE_SIZES``, else the first."""
    try:
        size = int(params.get("per_page", PAGE_SIZES[0]))
    except (TypeError, ValueError):
        return PAGE_SIZES[0]
    return size if size in PAGE_SIZES else PAGE_SIZES[0]


def ticket_list_page(*, user, params, request=None) -> TicketListPage:
    """What ``/tickets/`` shows this person: the tickets they may see, filtered
    and sorted by ``params`` (``TicketFilter``), one page of them (``?page=``,
    ``?per_page=``; a filtered count is kept while no ticket changes). Staff get
    the queue: ``queue_page``."""
    if access.is_staff_member(user):
        return queue_page(user=user, params=params, request=request)
    filterset = TicketFilter(params, queryset=ticket_list(user=user), request=request)
    paginator = FastPaginator(
        filterset.qs,
        page_size(params),
        count_cache=list_count_cache(user=user, params=params),
    )
    return TicketListPage(
        filterset=filterset,
        page=paginator.get_page(params.get("page")),
        is_queue=False,
        show_network=len(access.network_ids(user)) > 1,
        saved_views=[],
    )


# --- the staff queue ---------------------------------------------------------------

PREVIEW_CHARS = 240
# parameters that choose a page or its size, not which tickets
_NOT_FILTERS = ("page", "per_page", "page_size")


def queue_params(params) -> QueryDict:
    """The queue's filters with its default: open work (every active status)
    unless ``status`` is given (or ``waiting``, a narrower kind of open work).
    Solved and closed tickets show only when asked."""
    effective = (
        params.copy() if isinstance(params, QueryDict) else QueryDict(mutable=True)
    )
    if not isinstance(params, QueryDict):
        for name, value in dict(params).items():
            effective.setlist(name, value if isinstance(value, list) else [value])
    # "waiting on us" is open work already (new or open): adding the default
    # statuses to it made the planner misjudge the rows by 3x and sort them all
    waiting = effective.get("waiting", "").lower() in ("true", "1", "on")
    if not effective.getlist("status") and not waiting:
        effective.setlist("status", list(Ticket.ACTIVE_STATUSES))
    return effective


def _as_request(user, request):
    return request if request is not None else SimpleNamespace(user=user)


def queue_tickets(user, params, *, request=None) -> QuerySet[Ticket]:
    """The staff queue's tickets for ``params`` (a query string's ``QueryDict``),
    in the queue's order, open work unless the filters ask for more. The one
    home of "which tickets, in which order" for a queue view: the page, its
    counts and the ticket page's previous/next (``ticket_neighbours``) call it."""
    return _queue_filter(user, params, ticket_list(user=user, queue=True), request)


def _queue_filter(user, params, queryset, request=None) -> QuerySet[Ticket]:
    return TicketFilter(
        queue_params(params), queryset=queryset, request=_as_request(user, request)
    ).qs


def queue_rows(queryset: QuerySet[Ticket], *, user) -> QuerySet[Ticket]:
    """What each queue row shows beyond the ticket's own columns, in the page's
    one query: the latest public message (its first ``PREVIEW_CHARS``, for the
    hover and focus preview; the description while nobody has replied) and when
    this person last opened the ticket (the unread marker). Both are correlated
    subqueries PostgreSQL evaluates for the page's rows only (after the LIMIT)."""
    latest = TicketMessage.objects.filter(
        ticket=OuterRef("pk"), internal=False
    ).order_by("-created_at", "-id")
    seen = TicketSeen.objects.filter(ticket=OuterRef("pk"), user=user)
    return queryset.annotate(
        preview=Coalesce(
            Subquery(latest.values(text=Substr("body", 1, PREVIEW_CHARS))[:1]),
            Substr("description", 1, PREVIEW_CHARS),
        ),
        seen_at=Subquery(seen.values("seen_at")[:1]),
    )


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
        qs = _queue_filter(user, QueryDict(query), visible_tickets(user))
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


def queue_page(*, user, params, request=None) -> TicketListPage:
    """The staff queue: ``queue_tickets`` for ``params``, one page of them with
    what the rows show (``queue_rows``; tag names in one more query), the
    sidebar's views with their counts (one query, or none while kept) and the
    active filters as chips."""
    effective = queue_params(params)
    filterset = TicketFilter(
        effective,
        queryset=ticket_list(user=user, queue=True),
        request=_as_request(user, request),
    )
    paginator = FastPaginator(
        queue_rows(filterset.qs, user=user),
        page_size(params),
        count_cache=list_count_cache(user=user, params=effective),
    )
    page = paginator.get_page(params.get("page"))
    page.object_list = attach_tag_names(list(page.object_list))
    saved = list(saved_views(user=user))
    query = params.urlencode()
    return TicketListPage(
        filterset=filterset,
        page=page,
        is_queue=True,
        show_network=True,
        saved_views=saved,
        views=queue_views(user=user, saved=saved, current=query),
        chips=queue_chips(filterset, params),
        query=query,
    )


@dataclass
class Neighbours:
    """Where a ticket sits in the queue view it was opened from (``query``: that
    view's query string, carried as ``?from=``; ``None``: not opened from one)."""

    query: str | None
    previous: str | None = None  # references
    next: str | None = None


@dataclass(frozen=True)
class _Term:
    """One ORDER BY term of the queue: a field, its direction, where NULLs go."""

    name: str
    descending: bool
    nulls_last: bool

    @classmethod
    def of(cls, item) -> "_Term":
        if isinstance(item, str):
            descending = item.startswith("-")
            name = item.lstrip("-")
            name = "id" if name == "pk" else name
            return cls(name, descending, not descending)  # PostgreSQL's default
        name = item.expression.name  # OrderBy(F(...)), e.g. the SLA due time
        nulls_last = item.nulls_last or (not item.nulls_first and not item.descending)
        return cls(name, item.descending, bool(nulls_last))

    def reversed(self) -> "_Term":
        return _Term(self.name, not self.descending, not self.nulls_last)

    def order_by(self):
        nulls = {"nulls_last": True} if self.nulls_last else {"nulls_first": True}
        field = F(self.name)
        return field.desc(**nulls) if self.descending else field.asc(**nulls)


def _terms(queryset: QuerySet) -> list[_Term]:
    terms = [
        _Term.of(item) for item in queryset.query.order_by or Ticket._meta.ordering
    ]
    if not any(term.name == "id" for term in terms):
        terms.append(_Term("id", True, False))  # a total order: ties broken by id
    return terms


def _nullable(name: str) -> bool:
    try:
        return Ticket._meta.get_field(name).null
    except Exception:  # noqa: BLE001 - an annotation (priority_rank): never NULL
        return False


def _value(ticket: Ticket, name: str):
    if name == "priority_rank":  # the annotation TicketOrdering sorts priority by
        return Ticket.PRIORITY_RANK.get(ticket.priority, 0)
    return getattr(ticket, name)


def _after(terms: list[_Term], values: list) -> Q:
    """The rows that come after ``values`` in the order ``terms``: for each term,
    equal on the ones before it and strictly after on it (a keyset condition),
    plus a bound on the first term so the index can start where the ticket is."""
    nothing = Q(pk__in=[])
    after, equal = nothing, Q()
    for term, value in zip(terms, values, strict=True):
        nullable = _nullable(term.name)
        if value is None:
            strictly = (
                nothing if term.nulls_last else Q(**{f"{term.name}__isnull": False})
            )
            same = Q(**{f"{term.name}__isnull": True})
        else:
            op = "lt" if term.descending else "gt"
            strictly = Q(**{f"{term.name}__{op}": value})
            if term.nulls_last and nullable:
                strictly |= Q(**{f"{term.name}__isnull": True})
            same = Q(**{term.name: value})
        after |= equal & strictly
        equal &= same
    first, value = terms[0], values[0]
    if value is not None and not (first.nulls_last and _nullable(first.name)):
        op = "lte" if first.descending else "gte"
        after &= Q(**{f"{first.name}__{op}": value})
    return after


def _first_reference(queryset: QuerySet, condition: Q, terms: list[_Term]):
    rows = queryset.filter(condition).order_by(*(t.order_by() for t in terms))
    return next(iter(rows.values_list("reference", flat=True)[:1]), None)


def ticket_neighbours(*, user, ticket: Ticket, params, request=None) -> Neighbours:
    """The tickets just before and after ``ticket`` in the queue view ``params``
    (a query string or QueryDict; None: not opened from a view, nothing to read),
    in the view's own order: two keyset queries (``LIMIT 1`` each, walking the
    order's index from the ticket's place), so the cost does not grow with the
    view. A ticket no longer in the view (just set to pending in "Open work")
    still has the ones that were around it. Staff only (networks have no queue)."""
    if params is None or not access.is_staff_member(user):
        return Neighbours(query=None)
    if isinstance(params, str):
        params = QueryDict(params)
    queryset = queue_tickets(user=user, params=params, request=request)
    terms = _terms(queryset)
    values = [_value(ticket, term.name) for term in terms]
    backwards = [term.reversed() for term in terms]
    return Neighbours(
        query=params.urlencode(),
        previous=_first_reference(queryset, _after(backwards, values), backwards),
        next=_first_reference(queryset, _after(terms, values), terms),
    )


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


def active_categories() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True)


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
    """The queue's current view as CSV rows: the same selector (``queue_tickets``:
    the same people see the same tickets, in the same order, open work unless
    asked for more), read in chunks of ``EXPORT_CHUNK`` with their tag names
    (one query per chunk)."""
    from itertools import islice

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
