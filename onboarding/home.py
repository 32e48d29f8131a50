"""The onboarding panel on the portal home (one aggregate query)."""

from hub import permissions as access
from hub.home import register_panel
from onboarding.selectors import onboarding_list


@register_panel
def onboarding_panel(user) -> dict | None:
    qs = onboarding_list(user=user)
    if access.is_staff_member(user):
        qs = qs.filter(network__manager=user, completed_at__isnull=True)
    rows = list(qs[:10])
    if not rows:
        return None
    return {
        "template": "onboarding/includes/onboarding_panel.html",
        "order": 20,
        "onboardings": rows,
        "staff": access.is_staff_member(user),
    }
