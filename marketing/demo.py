"""Demo marketing data: an upcoming training with a waitlist, a past award night
with attendance and ratings, two networks' content with two weeks of figures, and a
brand kit whose logo has two versions. Idempotent (keyed on titles and URLs)."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from hub.models import CreatorNetwork, User
from marketing.models import (
    BrandAsset,
    BrandAssetVersion,
    ContentItem,
    ContentMetric,
    Event,
    Registration,
)

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    '<circle cx="32" cy="32" r="30" fill="{colour}"/></svg>'
)


def _event(title: str, **fields) -> tuple[Event, bool]:
    event = Event.objects.filter(title=title).first()
    if event:
        return event, False
    return Event.objects.create(title=title, **fields), True


def _register(event, email, status, **extra) -> None:
    user = User.objects.filter(email=email).first()
    if user is None:
        return
    network = user.networks.first()
    Registration.objects.get_or_create(
        event=event,
        user=user,
        defaults={
            "network": network,
            "status": status,
            "queued_at": event.created_at,
            **extra,
        },
    )


@transaction.atomic
def seed(options: dict, out: Callable[[str], None]) -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    manager = User.objects.filter(email="manager@hub.example").first()
    training, new = _event(
        "LIVE training: growing your audience",
        kind="training",
        description="Hands-on session on LIVE formats, scheduling and gifting.",
        online_url="https://meet.hub.example/live-training",
        starts_at=now + timedelta(days=5, hours=2),
        ends_at=now + timedelta(days=5, hours=3, minutes=30),
        time_zone="Australia/Sydney",
        capacity=2,
        status="published",
        published_at=now,
        created_by=manager,
    )
    _register(training, "owner@northstar.example", "registered")
    _register(training, "member@northstar.example", "registered")
    _register(training, "owner@lumen.example", "waitlisted")
    awards, _ = _event(
        "Creator award night 2026",
        kind="awards",
        venue="The Star Event Centre, Sydney",
        starts_at=now - timedelta(days=10),
        ends_at=now - timedelta(days=10) + timedelta(hours=3),
        time_zone="Australia/Sydney",
        capacity=100,
        status="done",
        published_at=now - timedelta(days=40),
        recording_url="https://video.hub.example/awards-2026",
        created_by=manager,
    )
    _register(
        awards, "owner@northstar.example", "attended", rating=5, comment="Loved it"
    )
    _register(awards, "owner@lumen.example", "registered")
    _event(
        "Webinar: brand-safe short videos",
        kind="webinar",
        online_url="https://meet.hub.example/brand-safe",
        starts_at=now + timedelta(days=12),
        ends_at=now + timedelta(days=12, hours=1),
        time_zone="Asia/Singapore",
        capacity=None,
        status="draft",
        created_by=manager,
    )
    _content(now)
    _brand(manager)
    out("marketing: events, content figures and the brand kit")


def _content(now) -> None:
    from campaigns.models import Campaign

    campaign = Campaign.objects.filter(status="live").first()
    for slug, handles in (
        ("northstar-media", ["nova.live", "skyler.streams"]),
        ("lumen-live", ["lumen.luna"]),
    ):
        network = CreatorNetwork.objects.filter(slug=slug).first()
        if network is None:
            continue
        for n, handle in enumerate(handles):
            url = f"https://video.example/@{handle}/video/{1000 + n}"
            item, created = ContentItem.objects.get_or_create(
                url=url,
                defaults={
                    "network": network,
                    "creator_handle": handle,
                    "kind": "short_video" if n == 0 else "live_replay",
                    "posted_at": now - timedelta(days=14),
                    "campaign": campaign if n == 0 else None,
                    "hashtags": "#live #creator",
                },
            )
            if not created:
                continue
            start = date.today() - timedelta(days=14)
            base = 800 * (len(handle) % 3 + 1)
            ContentMetric.objects.bulk_create(
                ContentMetric(
                    item=item,
                    date=start + timedelta(days=d),
                    metric=m,
                    value=Decimal(v),
                )
                for d in range(14)
                for m, v in (
                    ("views", base + d * 120),
                    ("likes", (base + d * 120) // 12),
                    ("comments", (base + d * 120) // 80),
                    ("shares", (base + d * 120) // 60),
                    ("watch_time_minutes", (base + d * 120) // 4),
                    ("followers_gained", d * 3),
                )
            )


def _brand(manager) -> None:
    logo, created = BrandAsset.objects.get_or_create(
        title="Hub logo",
        defaults={
            "kind": "logo",
            "usage_notes": "Keep clear space of half the mark's height; never recolour.",
            "created_by": manager,
        },
    )
    if created:
        for number, colour in ((1, "#555"), (2, "#e4405f")):
            BrandAssetVersion.objects.create(
                asset=logo,
                number=number,
                file=ContentFile(LOGO.format(colour=colour).encode(), name="logo.svg"),
                name=f"hub-logo-v{number}.svg",
                content_type="image/svg+xml",
                size=len(LOGO) + len(colour),
                is_current=number == 2,
                uploaded_by=manager,
            )
    palette, created = BrandAsset.objects.get_or_create(
        title="Colour palette", defaults={"kind": "palette", "created_by": manager}
    )
    if created:
        text = b"Primary #e4405f\nInk #1c1c28\nPaper #ffffff\n"
        BrandAssetVersion.objects.create(
            asset=palette,
            number=1,
            file=ContentFile(text, name="palette.txt"),
            name="palette.txt",
            content_type="text/plain",
            size=len(text),
            is_current=True,
            uploaded_by=manager,
        )
