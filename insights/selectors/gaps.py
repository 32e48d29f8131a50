"""Reads of the search gaps (stored by ``insights.services.search_gaps_compute``)."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from insights.models import SearchGap

GAPS_PER_PAGE = 20


def search_gap_list() -> QuerySet[SearchGap]:
    """Unanswered gaps first, then the largest (what the page and the API list)."""
    return SearchGap.objects.select_related("article", "draft_article").order_by(
        "answered", "-size", "-network_count", "id"
    )


def search_gap_page(*, number=None, per_page: int = GAPS_PER_PAGE) -> Page:
    """One page of ``search_gap_list`` (a bad page number gives the nearest page),
    its rows read once (two queries: the count, the rows)."""
    page = Paginator(search_gap_list(), per_page).get_page(number)
    page.object_list = list(page.object_list)
    return page
