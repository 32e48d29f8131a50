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


def person_get(*, pk: int):
    """One account by id (for staff tools such as erasure), else 404."""
    from django.contrib.auth import get_user_model
    from django.http import Http404

    person = get_user_model().objects.filter(pk=pk).first()
    if person is None:
        raise Http404
    return person
