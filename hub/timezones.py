"""Whose clock the hub shows: the viewer's time zone.

``time_zone_for(user)``: the person's own setting (``User.time_zone``); blank means
their network's (the first network they joined, ``CreatorNetwork.time_zone``);
staff and people with no network get ``settings.TIME_ZONE``.
``TimeZoneMiddleware`` (hub/middleware.py) activates ``request_time_zone(request)``
(the same answer, the network's kept in the session: no query per page), so every
``<time>`` the pages render (``core/timefmt.py``) is in the viewer's zone.
"""

import zoneinfo

from django.conf import settings


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
    zone = (
        user.memberships.order_by("id")
        .values_list("network__time_zone", flat=True)
        .first()
    )
    return zone or settings.TIME_ZONE


SESSION_KEY = "hub_time_zone"


def request_time_zone(request) -> str:
    """The zone for this request: the person's own setting, else the default kept
    in their session (worked out when they signed in, ``remember_on_login``), so
    pages ask the database nothing for it. A network that changes its zone is
    followed from its members' next sign-in."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return settings.TIME_ZONE
    if user.time_zone:
        return user.time_zone
    session = getattr(request, "session", None)
    if session is None:
        return default_time_zone_for(user)
    zone = session.get(SESSION_KEY)
    if not zone:
        zone = session[SESSION_KEY] = default_time_zone_for(user)
    return zone


def remember_on_login(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: keep the person's default zone in the new session."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = default_time_zone_for(user)
