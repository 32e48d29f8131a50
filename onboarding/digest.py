"""The monthly digest: a list of section providers.

A provider takes ``(network, member, period)`` and returns a context dict for its
section — with ``template`` (``emails/digest/<name>`` rendered as ``.html`` and
``.txt``) and ``title`` — or ``None`` when it has nothing to say. Providers use
aggregate queries; the digest runs for every member of every network.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from onboarding.models import Announcement
from onboarding.periods import Period

Provider = Callable[..., dict | None]
PROVIDERS: list[Provider] = []


def provider(func: Provider) -> Provider:
    if func not in PROVIDERS:
        PROVIDERS.append(func)
    return func


@provider
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


def build_digest(network, member, period: Period) -> dict:
    sections = []
    for func in PROVIDERS:
        section = func(network, member, period)
        if section:
            sections.append(section)
    return {
        "network": network,
        "member": member,
        "period": period,
        "sections": sections,
    }
