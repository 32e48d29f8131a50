"""Portal-home panel: the next events (with the person's own registrations)."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from hub.home import register_panel
from marketing.models import Event, Registration
from marketing.selectors import event_list


@register_panel
def events_panel(user) -> dict | None:
    """One query: the next five events with the person's own status on each."""
    mine = Registration.objects.filter(user=user, event=OuterRef("pk"))
    upcoming = list(
        event_list(user=user)
        .filter(status=Event.Status.PUBLISHED, starts_at__gte=timezone.now())
        .annotate(my_status=Subquery(mine.values("status")[:1]))[:5]
    )
    if not upcoming:
        return None
    return {
        "template": "marketing/includes/home_panel.html",
        "order": 45,
        "events": upcoming,
    }
