"""What the portal home shows each role.

Capabilities contribute panels by adding a function to ``PANELS``; each takes the
user and returns a dict merged into the template context (or ``{}``).
"""

from hub import permissions as access
from hub.models import CreatorNetwork


def _networks_panel(user) -> dict:
    if access.is_staff_member(user):
        managed = CreatorNetwork.objects.filter(manager=user).select_related("region")
        return {
            "my_managed_networks": list(managed[:20]),
            "network_count": CreatorNetwork.objects.count(),
        }
    memberships = user.memberships.select_related("network", "network__region")
    return {"my_memberships": list(memberships)}


PANELS = [_networks_panel]


def home_context(user) -> dict:
    context: dict = {}
    for panel in PANELS:
        context.update(panel(user))
    return context
