"""The monthly digest: a list of section providers.

A provider takes ``(network, member, period)`` and returns a context dict for its
section — with ``template`` (``emails/digest/<name>`` rendered as ``.html`` and
``.txt``) and ``title`` — or ``None`` when it has nothing to say. Providers use
aggregate queries; the digest runs for every member of every network. A provider
registered with ``per_network=True`` ignores the member, so a sending chunk computes
it once per network (chunks are ordered by network).
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from onboarding.models import Announcement
from onboarding.periods import Period

Provider = Callable[..., dict | None]
PROVIDERS: list[Provider] = []


def provider(func: Provider | None = None, *, per_network: bool = False):
    def register(func: Provider) -> Provider:
        func.per_network = per_network
        if func not in PROVIDERS:
            PROVIDERS.append(func)
        return func

    return register(func) if func is not None else register


@provider(per_network=True)
def announcements_section(network, member, period: Period) -> dict | None:
    announcements = list(
        Announcement.objects.for_network(
            network_id=network.pk, region_id=network.region_id, tier=network.tier
        )
        .filter(published_at__gte=period.start, published_at__lt=period.end)
        .order_by("published_at")
        .only("id", "title", "kind", "published_at")[:10]
    )
    if not announcements:
        return None
    return {
        "template": "announcements",
        "title": _("Announcements"),
        "announcements": announcements,
    }


def build_digest(network, member, period: Period, *, memo: dict | None = None) -> dict:
    """Every provider's section for one member; ``memo`` caches per-network ones."""
    memo = {} if memo is None else memo
    sections = []
    for func in PROVIDERS:
        if getattr(func, "per_network", False):
            key = ("digest", func.__name__, network.pk, period.key)
            if key not in memo:
                memo[key] = func(network, member, period)
            section = memo[key]
        else:
            section = func(network, member, period)
        if section:
            sections.append(section)
    return {
        "network": network,
        "member": member,
        "period": period,
        "sections": sections,
    }
