"""Reads for networks and people, with the caller's permissions applied."""

from django.db.models import QuerySet

from hub import permissions as access
from hub.models import CreatorNetwork


def network_list(*, user, filters: dict | None = None) -> QuerySet[CreatorNetwork]:
    from hub.filters import NetworkFilter

    qs = (
        access.visible_networks(user)
        .select_related("region", "manager")
        .order_by("name")
    )
    if filters:
        qs = NetworkFilter(filters, queryset=qs).qs
    return qs
