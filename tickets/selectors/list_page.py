"""What ``/tickets/`` shows: the staff queue (``queue_page``: its rows, the
sidebar's views with their counts, the filters as chips) or a network's own
tickets, one page of them.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page

from core.paginator import FastPaginator
from hub import permissions as access
from tickets.filters import TicketFilter
from tickets.models import SavedView, Ticket
from tickets.selectors.queue import queue_filterset, queue_params, queue_rows
from tickets.selectors.queue_views import (
    FilterChip,
    QueueView,
    queue_chips,
    queue_views,
    saved_views,
)
from tickets.selectors.visible import attach_tag_names, list_count_cache, ticket_list

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
    views: list[QueueView] = field(default_factory=list)
    chips: list[FilterChip] = field(default_factory=list)
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


def queue_page(*, user, params, request=None) -> TicketListPage:
    """The staff queue: ``queue_tickets`` for ``params``, one page of them with
    what the rows show (``queue_rows``; tag names in one more query), the
    sidebar's views with their counts (one query, or none while kept) and the
    active filters as chips."""
    effective = queue_params(params)
    filterset = queue_filterset(
        user, effective, ticket_list(user=user, queue=True), request=request
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
