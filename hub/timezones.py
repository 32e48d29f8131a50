"""Whose clock the hub shows: the viewer's time zone.

``time_zone_for(user)``: the person's own setting (``User.time_zone``); blank means
their network's (the first network they joined, ``CreatorNetwork.time_zone``);
staff and people with no network get ``settings.TIME_ZONE``. One query for a
network member with no setting, memoised per request (``core.cache``).
``TimeZoneMiddleware`` (hub/middleware.py) activates it for each request, so every
``<time>`` the pages render (``core/timefmt.py``) is in the viewer's zone.
"""

import zoneinfo

from django.conf import settings

from core.cache import request_memo


def zone_or_default(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def time_zone_for(user) -> str:
    if user and user.is_authenticated and user.time_zone:
        return user.time_zone
    return default_time_zone_for(user)


def default_time_zone_for(user) -> str:
    """The zone a blank setting follows: the network's, else ``TIME_ZONE``."""
    if not (user and user.is_authenticated) or user.is_staff:
        return settings.TIME_ZONE
    return request_memo("network_time_zone", user, lambda: _network_zone(user))


def _network_zone(user) -> str:
    zone = (
        user.memberships.order_by("id").values_list("network__time_zone", flat=True)
    ).first()
    return zone or settings.TIME_ZONE
