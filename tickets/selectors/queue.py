"""The staff queue's tickets: which ones (open work unless the filters ask for
more), in which order, and what each row shows. The one home of "which tickets,
in which order" for a queue view: its page (``list_page.queue_page``), the
views' counts (``queue_views``), the ticket page's previous/next
(``neighbours``) and the export call it.
"""

from types import SimpleNamespace

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Substr
from django.http import QueryDict

from tickets.filters import TicketFilter
from tickets.models import Ticket, TicketMessage, TicketSeen
from tickets.selectors.visible import ticket_list

PREVIEW_CHARS = 240


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
    return queue_filterset(
        user, params, ticket_list(user=user, queue=True), request=request
    ).qs


def queue_filterset(user, params, queryset, *, request=None) -> TicketFilter:
    """The queue's ``TicketFilter`` over ``queryset`` for ``params`` with the
    queue's default (``queue_params``): its ``qs`` is the view's tickets, its
    form the filters as given (the queue page shows them)."""
    return TicketFilter(
        queue_params(params), queryset=queryset, request=_as_request(user, request)
    )


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
