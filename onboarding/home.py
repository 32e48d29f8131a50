"""Portal-home panels: onboarding progress, unacknowledged announcements."""

from hub import permissions as access
from hub.home import register_panel
from onboarding.selectors import banner_announcements, onboarding_list


@register_panel
def onboarding_panel(user) -> dict | None:
    # only the network is shown: the list's other joins cost the planner more than
    # the statement takes to run
    qs = onboarding_list(user=user).select_related(None).select_related("network")
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


@register_panel
def announcements_panel(user) -> dict | None:
    """A network member's announcements not yet acknowledged (one query)."""
    if access.is_staff_member(user):
        return None
    announcements = banner_announcements(user=user, limit=5)
    if not announcements:
        return None
    return {
        "template": "onboarding/includes/announcements_panel.html",
        "order": 15,
        "announcements": announcements,
    }
