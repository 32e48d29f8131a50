"""Every read of the marketing app, with the caller's permissions applied.

Network people see published (or finished/cancelled) events and brand assets whose
audience includes one of their networks, and only their own networks' content.
Anything else answers 404 in the views.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hub import permissions as access
from hub.models import CreatorNetwork
from marketing.engagement import METRICS, empty_totals, engagement_rate
from marketing.models import (
    BrandAsset,
    BrandAssetVersion,
    ContentItem,
    ContentMetric,
    Event,
    Registration,
)


def event_list(*, user):
    qs = Event.objects.all()
    if not access.is_staff_member(user):
        qs = qs.for_network_ids(access.network_ids(user)).exclude(
            status=Event.Status.DRAFT
        )
    return qs.annotate(
        seats_taken=Count(
            "registrations", filter=Q(registrations__status__in=Registration.HOLDS_SEAT)
        ),
        waitlisted=Count(
            "registrations",
            filter=Q(registrations__status=Registration.Status.WAITLISTED),
        ),
    ).order_by("starts_at", "pk")


def event_get(*, user, pk: int) -> Event:
    return get_object_or_404(event_list(user=user), pk=pk)


def event_networks_for(*, event: Event, user) -> list[CreatorNetwork]:
    """The caller's networks that the event is for (none: they may not register)."""
    if access.is_staff_member(user):
        return []
    invited = Event.objects.filter(pk=event.pk)
    return [
        network
        for network in CreatorNetwork.objects.filter(pk__in=access.network_ids(user))
        if invited.for_networks(
            [(network.pk, network.region_id, network.tier)]
        ).exists()
    ]


def my_registrations(*, user):
    return (
        Registration.objects.filter(user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")
    )


def registration_for(*, event: Event, user) -> Registration | None:
    return Registration.objects.filter(event=event, user=user).first()


def event_registrations(*, event: Event):
    return event.registrations.select_related("user", "network").order_by(
        "queued_at", "pk"
    )


def event_report(*, event: Event) -> dict:
    """Registrations, waitlist, attendance, no-show rate and ratings of one event."""
    counts = dict(
        event.registrations.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    registered = counts.get(Registration.Status.REGISTERED, 0)
    attended = counts.get(Registration.Status.ATTENDED, 0)
    seated = registered + attended
    ratings = event.registrations.filter(rating__isnull=False).values_list(
        "rating", flat=True
    )
    ratings = list(ratings)
    return {
        "seated": seated,
        "registered": registered,
        "attended": attended,
        "waitlisted": counts.get(Registration.Status.WAITLISTED, 0),
        "cancelled": counts.get(Registration.Status.CANCELLED, 0),
        # no-shows only count once attendance is marked (someone attended)
        "no_show_rate": round(registered * 100 / seated)
        if seated and attended
        else None,
        "rating_count": len(ratings),
        "rating_average": round(sum(ratings) / len(ratings), 1) if ratings else None,
    }


def event_list_page(*, user, number=None, per_page: int = 25) -> dict:
    """The events page as one read: one page of the events not yet over (staff
    also see drafts; a network's person only published ones) and, for a network's
    person, their own registrations."""
    staff = access.is_staff_member(user)
    upcoming = event_list(user=user).filter(ends_at__gte=timezone.now())
    if not staff:
        upcoming = upcoming.filter(status=Event.Status.PUBLISHED)
    return {
        "page_obj": Paginator(upcoming, per_page).get_page(number),
        "mine": [] if staff else list(my_registrations(user=user)),
        "can_manage": access.is_manager(user),
    }


def event_page(*, user, pk: int) -> dict:
    """One event's page as one read: the event, whether it has started and, for a
    network's person, their registration; for staff also every registration and
    the event's report (the view adds the rating form)."""
    event = event_get(user=user, pk=pk)
    staff = access.is_staff_member(user)
    page = {
        "event": event,
        "is_staff": staff,
        "can_manage": access.is_manager(user),
        "registration": None if staff else registration_for(event=event, user=user),
        "started": event.starts_at <= timezone.now(),
    }
    if staff:
        page["registrations"] = list(event_registrations(event=event))
        page["report"] = event_report(event=event)
    return page


# --- content ---------------------------------------------------------------------


def content_list(*, user):
    qs = ContentItem.objects.select_related("network", "campaign")
    if not access.is_staff_member(user):
        qs = qs.filter(network_id__in=access.network_ids(user))
    return qs


def content_with_totals(qs):
    """Annotate views/likes/comments/shares… totals (one query with the list)."""
    return qs.annotate(
        **{
            f"total_{code}": Sum("metrics__value", filter=Q(metrics__metric=code))
            for code in METRICS
        }
    )


def item_totals(item) -> dict[str, Decimal]:
    totals = empty_totals()
    for code in METRICS:
        value = getattr(item, f"total_{code}", None)
        if value is not None:
            totals[code] = value
    return totals


def top_content(*, user, filters=None):
    qs = content_with_totals(content_list(user=user))
    if filters is not None:
        qs = filters(qs)
    return qs.order_by("-total_views", "-posted_at", "pk")


def content_get(*, user, pk: int) -> ContentItem:
    return get_object_or_404(content_with_totals(content_list(user=user)), pk=pk)


def content_daily(*, items_qs) -> dict[str, list[tuple[date, Decimal]]]:
    """Daily sums per metric over these items (for trend charts), one query."""
    daily: dict[str, dict[date, Decimal]] = defaultdict(dict)
    rows = (
        ContentMetric.objects.filter(item__in=items_qs)
        .values_list("metric", "date")
        .annotate(total=Sum("value"))
        .order_by("date")
    )
    for metric, day, total in rows:
        daily[metric][day] = total
    return {code: sorted(daily[code].items()) for code in METRICS}


def campaign_content(*, campaign, user):
    """Content linked to a campaign, as a campaign's summary lists it."""
    return top_content(user=user).filter(campaign=campaign)


def campaign_content_summary(*, campaign, user, limit: int = 10) -> list[dict]:
    """The campaign's linked content for its summary: top items by views, with
    totals and engagement rate (networks see only their own)."""
    items = campaign_content(campaign=campaign, user=user)[:limit]
    return [
        {"item": item, "totals": (t := item_totals(item)), "rate": engagement_rate(t)}
        for item in items
    ]


def network_campaign_refs(*, network) -> dict[str, int]:
    """Campaign ids and slugs (as text) a network's content may be linked to."""
    from campaigns.models import Campaign

    refs = {}
    for pk, slug in Campaign.objects.filter(enrolments__network=network).values_list(
        "pk", "slug"
    ):
        refs[str(pk)] = pk
        refs[slug] = pk
    return refs


# --- brand kit -----------------------------------------------------------------------


def brand_asset_list(*, user):
    qs = BrandAsset.objects.all()
    if not access.is_staff_member(user):
        qs = qs.for_network_ids(access.network_ids(user))
    current = BrandAssetVersion.objects.filter(is_current=True)
    return qs.prefetch_related(
        Prefetch("versions", queryset=current, to_attr="current_versions")
    )


def brand_asset_get(*, user, pk: int) -> BrandAsset:
    asset = get_object_or_404(brand_asset_list(user=user), pk=pk)
    asset.current = asset.current_versions[0] if asset.current_versions else None
    return asset


def brand_versions(*, asset: BrandAsset, user):
    qs = asset.versions.select_related("uploaded_by")
    if not access.is_staff_member(user):
        qs = qs.filter(retired_at__isnull=True)
    return qs.order_by("-number")


def brand_version_get(*, user, pk: int) -> BrandAssetVersion:
    version = get_object_or_404(
        BrandAssetVersion.objects.select_related("asset"), pk=pk
    )
    if not brand_asset_list(user=user).filter(pk=version.asset_id).exists():
        raise_404()
    if version.retired_at is not None and not access.is_staff_member(user):
        raise_404()
    return version


def raise_404():
    from django.http import Http404

    raise Http404
