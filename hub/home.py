"""What the portal home shows each role.

Capabilities contribute panels with ``@register_panel`` (import the module from their
``AppConfig.ready``). A panel takes the user and returns ``None`` (nothing to show)
or a dict with ``template`` (a partial under ``templates/<app>/includes/``), an
``order`` (lower first) and whatever that partial needs; the partial gets it as
``panel``. Panels use aggregate queries: the home page must stay cheap.
"""

from collections.abc import Callable

from django.urls import reverse

from core import cache
from hub import permissions as access
from hub.models import CreatorNetwork

Panel = Callable[..., dict | None]

PANELS: list[Panel] = []


def register_panel(func: Panel) -> Panel:
    if func not in PANELS:
        PANELS.append(func)
    return func


def shared_figures(name: str, compute: Callable[[], object]):
    """What the home shows everyone alike (hub-wide counts for staff, the articles
    every network member may read): kept in ``core.cache.HOME``. ``name`` must say
    whose figures they are."""
    return cache.HOME.get_or_compute(name, compute)


def slug_url(viewname: str) -> Callable[[str], str]:
    """``reverse(viewname, kwargs={"slug": …})`` for many slugs at the cost of one
    (a slug's characters are never quoted in a path)."""
    marker = "--slug--"
    head, tail = reverse(viewname, kwargs={"slug": marker}).split(marker)
    return lambda slug: f"{head}{slug}{tail}"


@register_panel
def networks_panel(user) -> dict | None:
    if access.is_staff_member(user):
        managed = (
            CreatorNetwork.objects.filter(manager=user)
            .order_by("name")
            .values_list("name", "slug", "region__name", "tier", "status")[:20]
        )
        network_url = slug_url("hub:network_detail")
        tiers, statuses = (
            dict(CreatorNetwork.Tier.choices),
            dict(CreatorNetwork.Status.choices),
        )
        return {
            "template": "hub/includes/networks_panel.html",
            "order": 90,
            "managed": [
                {
                    "url": network_url(slug),
                    "name": name,
                    "region": region,
                    "tier": tiers.get(tier, tier),
                    "status": statuses.get(status, status),
                }
                for name, slug, region, tier, status in managed
            ],
            "network_count": shared_figures(
                "network_count", CreatorNetwork.objects.count
            ),
        }
    memberships = list(user.memberships.select_related("network"))
    # every membership is here: the panels after this one need not ask again
    access.remember_network_ids(user, (m.network_id for m in memberships))
    return {
        "template": "hub/includes/networks_panel.html",
        "order": 10,
        "memberships": memberships,
    }


def home_context(user) -> dict:
    panels = [panel for panel in (func(user) for func in PANELS) if panel]
    panels.sort(key=lambda panel: panel.get("order", 50))
    return {"panels": panels}
