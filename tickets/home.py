"""The portal-home panel: a network's open tickets, or queue health for staff."""

from hub import permissions as access
from hub.home import register_panel
from tickets import selectors


@register_panel
def tickets_panel(user) -> dict | None:
    if access.is_staff_member(user):
        return {
            "template": "tickets/includes/home_panel.html",
            "order": 20,
            "staff": True,
            "counts": selectors.queue_health(),
        }
    ids = access.network_ids(user)
    if not ids:
        return None
    return {
        "template": "tickets/includes/home_panel.html",
        "order": 20,
        "staff": False,
        "counts": selectors.home_counts_for_networks(network_ids=ids),
    }
