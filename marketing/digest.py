"""The monthly digest's marketing sections: upcoming events and top content."""

from datetime import timedelta

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from core.periods import Period
from marketing.models import ContentItem, Event
from onboarding.digest import provider


@provider(per_network=True, order=35)
def upcoming_events_section(network, member, period: Period) -> dict | None:
    events = list(
        Event.objects.for_networks([(network.pk, network.region_id, network.tier)])
        .filter(
            status=Event.Status.PUBLISHED,
            starts_at__gte=period.end,
            starts_at__lt=period.end + timedelta(days=45),
        )
        .order_by("starts_at")
        .only("id", "title", "starts_at")[:5]
    )
    if not events:
        return None
    return {"template": "events", "title": _("Upcoming events"), "events": events}


@provider(per_network=True, order=36)
def top_content_section(network, member, period: Period) -> dict | None:
    in_month = Q(
        metrics__metric="views",
        metrics__date__gte=period.start.date(),
        metrics__date__lt=period.end.date(),
    )
    items = list(
        ContentItem.objects.filter(network=network)
        .annotate(views=Sum("metrics__value", filter=in_month))
        .filter(views__gt=0)
        .order_by("-views", "pk")
        .only("id", "creator_handle", "url", "kind")[:3]
    )
    if not items:
        return None
    return {"template": "content", "title": _("Your top content"), "items": items}
