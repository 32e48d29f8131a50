"""What the portal home shows each role.

Capabilities contribute panels with ``@register_panel`` (import the module from their
``AppConfig.ready``). A panel takes the user and returns ``None`` (nothing to show)
or a dict with ``template`` (a partial under ``templates/<app>/includes/``), an
``order`` (lower first) and whatever that partial needs; the partial gets it as
``panel``. Panels use aggregate queries: the home page must stay cheap.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from hub import permissions as access
from hub.models import CreatorNetwork

Panel = Callable[..., dict | None]
PANELS: list[Panel] = []


def register_panel(func: Panel) -> Panel:
    if func not in PANELS:
        PANELS.append(func)
    return func


def shared_figures(name: str, compute: Callable[[], dict | int]):
    """Figures that are the same for every staff member (counts over the whole hub),
    kept ``HUB_HOME_CACHE_SECONDS`` like the queue health (0: always computed)."""
    seconds = settings.HUB_HOME_CACHE_SECONDS
    if not seconds:
        return compute()
    key = f"home:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


@register_panel
def networks_panel(user) -> dict | None:
    if access.is_staff_member(user):
        managed = CreatorNetwork.objects.filter(manager=user).select_related("region")
        return {
            "template": "hub/includes/networks_panel.html",
            "order": 90,
            "managed": list(managed[:20]),
            "network_count": shared_figures(
                "network_count", CreatorNetwork.objects.count
            ),
        }
    memberships = user.memberships.select_related("network", "network__region")
    return {
        "template": "hub/includes/networks_panel.html",
        "order": 10,
        "memberships": list(memberships),
    }


def home_context(user) -> dict:
    panels = [panel for panel in (func(user) for func in PANELS) if panel]
    panels.sort(key=lambda panel: panel.get("order", 50))
    return {"panels": panels}
