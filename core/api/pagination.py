from functools import partial

from rest_framework import pagination

from core.paginator import FastPaginator, WindowCountPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """Page numbers; big unfiltered lists give an estimated ``count`` (see
    ``core.paginator``) and deep pages load only their own rows."""

    django_paginator_class = FastPaginator
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        """A view may keep its filtered counts (``list_count_cache(request)``:
        ``FastPaginator``'s ``count_cache``, or None), as the portal's ticket list
        does."""
        count_cache = getattr(view, "list_count_cache", None)
        if count_cache is not None:
            self.django_paginator_class = partial(
                type(self).django_paginator_class, count_cache=count_cache(request)
            )
        return super().paginate_queryset(queryset, request, view)


class RankedPageNumberPagination(PageNumberPagination):
    """For ranked searches: ``count`` comes with the page's rows (one query; see
    ``core.paginator.WindowCountPaginator``)."""

    django_paginator_class = WindowCountPaginator
