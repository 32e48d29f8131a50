"""Portal-home panel: the next events (with the person's own registrations)."""

from django.utils import timezone

from hub.home import register_panel
from marketing.models import Event, Registration
from marketing.selectors import event_list


@register_panel
def events_panel(user) -> dict | None:
    upcoming = list(
        event_list(user=user).filter(
            status=Event.Status.PUBLISHED, starts_at__gte=timezone.now()
        )[:5]
    )
    if not upcoming:
        return None
    mine = dict(
        Registration.objects.filter(user=user, event__in=upcoming).values_list(
            "event_id", "status"
        )
    )
    for event in upcoming:
        event.my_status = mine.get(event.pk)
    return {
        "template": "marketing/includes/home_panel.html",
        "order": 45,
        "events": upcoming,
    }
