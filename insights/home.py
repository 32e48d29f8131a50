"""Portal-home panels for agency managers: networks needing attention and this week."""

from hub import permissions as access
from hub.home import register_panel, shared_figures
from insights import selectors


@register_panel
def attention_panel(user) -> dict | None:
    if not access.is_manager(user):
        return None
    return {
        "template": "insights/includes/attention_panel.html",
        "order": 25,
        "networks": selectors.networks_needing_attention(),
    }


@register_panel
def this_week_panel(user) -> dict | None:
    if not access.is_manager(user):
        return None
    return {
        "template": "insights/includes/this_week_panel.html",
        "order": 30,
        **shared_figures("week_at_a_glance", selectors.week_at_a_glance),
    }
