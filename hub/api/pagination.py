from rest_framework import pagination

from hub.paginator import FastPaginator, WindowCountPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """Page numbers; big unfiltered lists give an estimated ``count`` (see
    ``hub.paginator``) and deep pages load only their own rows."""

    django_paginator_class = FastPaginator
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class RankedPageNumberPagination(PageNumberPagination):
    """For ranked searches: ``count`` comes with the page's rows (one query; see
    ``hub.paginator.WindowCountPaginator``)."""

    django_paginator_class = WindowCountPaginator
