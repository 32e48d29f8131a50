"""The one filter backend of every API list: ``?search=`` plus each list's filters.

Every list endpoint takes ``search`` (and the shared paging of
``core.api.pagination``: ``page``, ``page_size``). A list whose FilterSet has a text
filter ``q`` (the portal's name) answers ``search`` through that same filter, and
keeps ``q`` as an alias; a list without a FilterSet text filter names the columns
to search in ``search_fields`` (``icontains`` on any of them). The FilterSet with
``search`` added is what the OpenAPI schema documents, so the schema says so too.
"""

import copy
from functools import cache, reduce
from operator import or_

import django_filters
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter

SEARCH = "search"
ALIAS = "q"


def _contains_any(fields: tuple[str, ...]):
    def search(queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            reduce(or_, (Q(**{f"{field}__icontains": value}) for field in fields))
        )

    return search


@cache
def searchable(filterset_class, model, search_fields: tuple[str, ...]):
    """``filterset_class`` with ``search`` (built once per list)."""
    if filterset_class is not None and SEARCH in filterset_class.base_filters:
        return filterset_class
    if filterset_class is not None and ALIAS in filterset_class.base_filters:
        search = copy.deepcopy(filterset_class.base_filters[ALIAS])
        help_text = f"Text search; `{ALIAS}` is an alias."
    elif search_fields:
        search = django_filters.CharFilter(method=_contains_any(search_fields))
        help_text = f"Text search in {', '.join(search_fields)}."
    else:
        return filterset_class
    search.extra["help_text"] = help_text
    base = filterset_class or django_filters.FilterSet
    attrs = {SEARCH: search, "__module__": base.__module__}
    if filterset_class is None:
        attrs["Meta"] = type("Meta", (), {"model": model, "fields": []})
    return type(f"{(filterset_class or model).__name__}Search", (base,), attrs)


class HubFilterBackend(DjangoFilterBackend):
    def get_filterset_class(self, view, queryset=None):
        filterset_class = super().get_filterset_class(view, queryset)
        model = getattr(queryset, "model", None)
        fields = tuple(getattr(view, "search_fields", None) or ())
        if filterset_class is None and (model is None or not fields):
            return None
        return searchable(filterset_class, model, fields)


# --- lists served by a view's own action (``events/{id}/registrations/`` …) -------
# The backend above filters a viewset's main list; an action that lists another
# model's rows searches them with ``search_in`` and documents the parameter.

SEARCH_PARAMETER = OpenApiParameter(
    SEARCH, str, description="Text search (any of the list's text columns)."
)


def search_in(queryset, request, fields: tuple[str, ...]):
    """``queryset`` narrowed by ``?search=`` (``q`` as its alias) over ``fields``."""
    value = request.query_params.get(SEARCH) or request.query_params.get(ALIAS) or ""
    return _contains_any(fields)(queryset, SEARCH, value)
