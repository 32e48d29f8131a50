"""Demo campaigns: one closed with its review, one live, one upcoming; idempotent.

Figures are generated from a fixed seed so every run produces the same values, and
they load through the same upsert as uploads (running twice changes nothing).
"""

import random
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from campaigns.loading import RawRow
from campaigns.models import Campaign, Enrolment, Goal, Material, Task
from campaigns.services.drafting import draft_review_summary
from campaigns.services.metrics import metrics_load
from faq.models import Article
from hub.models import CreatorNetwork, Region, User

# Typical daily values per network (low, high) of each metric.
DAILY = {
    "live_hours": (20, 90),
    "diamonds": (15_000, 120_000),
    "gifts": (400, 3_000),
    "participating_creators": (12, 60),
    "new_followers": (300, 4_000),
    "peak_viewers": (800, 9_000),
    "videos_posted": (10, 80),
    "engagement_rate": (3, 12),
}


def _campaigns(today):
    return [
        {
            "slug": "spring-live-festival",
            "name": "Spring LIVE Festival",
            "kind": Campaign.Kind.LIVE_EVENT,
            "start": today - timedelta(days=60),
            "end": today - timedelta(days=39),
            "status": Campaign.Status.CLOSED,
            "regions": ["anz", "sea"],
            "networks": {
                "northstar-media": "accepted",
                "lumen-live": "accepted",
                "vela-talent": "declined",
            },
            "goals": {
                "live_hours": 2500,
                "diamonds": 3_500_000,
                "new_followers": 60_000,
            },
            "description": "Three weeks of themed LIVE sessions with daily gift goals.",
        },
        {
            "slug": "creator-cup-tournament",
            "name": "Creator Cup Tournament",
            "kind": Campaign.Kind.TOURNAMENT,
            "start": today - timedelta(days=10),
            "end": today + timedelta(days=11),
            "status": Campaign.Status.LIVE,
            "regions": ["anz", "sea", "na"],
            "networks": {
                "northstar-media": "accepted",
                "lumen-live": "accepted",
                "vela-talent": "accepted",
                "harbour-creators": "invited",
            },
            "goals": {"live_hours": 3000, "peak_viewers": 20_000, "gifts": 120_000},
            "description": "Knock-out rounds of LIVE battles; the final is streamed.",
        },
        {
            "slug": "winter-recruitment-drive",
            "name": "Winter Recruitment Drive",
            "kind": Campaign.Kind.RECRUITMENT,
            "start": today + timedelta(days=20),
            "end": today + timedelta(days=50),
            "status": Campaign.Status.SETUP,
            "regions": ["anz"],
            "networks": {"northstar-media": "invited", "lumen-live": "accepted"},
            "goals": {"participating_creators": 150, "videos_posted": 1200},
            "description": "Bring new creators to LIVE with mentoring from top hosts.",
        },
    ]


# Seeded by faq.demo (its seeder runs first).
GUIDE_SLUG = "guide-signing-your-network-up-for-a-campaign"

TASKS = [
    ("Confirm prize budget", -14),
    ("Brief participating networks", -10),
    ("Publish rules and FAQ guide", -7),
    ("Schedule reminder announcements", -3),
]


def _figures(spec, networks: dict[str, CreatorNetwork], until) -> list[RawRow]:
    rng = random.Random(spec["slug"])  # noqa: S311 - demo numbers, not security
    rows = []
    day = spec["start"]
    last = min(spec["end"], until)
    position = 0
    while day <= last:
        ramp = 1 + 0.5 * ((day - spec["start"]).days % 7 in (5, 6))  # weekends
        for slug, state in sorted(spec["networks"].items()):
            if state != "accepted" or slug not in networks:
                continue
            for metric, (low, high) in DAILY.items():
                value = rng.uniform(low, high) * (
                    ramp if metric != "engagement_rate" else 1
                )
                places = 2 if metric in ("live_hours", "engagement_rate") else 0
                position += 1
                rows.append(
                    RawRow(
                        position, slug, day.isoformat(), metric, round(value, places)
                    )
                )
        day += timedelta(days=1)
    return rows


@transaction.atomic
def seed(options: dict, out: Callable[[str], None]) -> None:
    manager = User.objects.filter(email="manager@hub.example").first()
    if manager is None:
        out("Campaigns: no demo manager; skipped.")
        return
    today = timezone.localdate()
    networks = {n.slug: n for n in CreatorNetwork.objects.all()}
    created = 0
    for spec in _campaigns(today):
        campaign = Campaign.objects.filter(slug=spec["slug"]).first()
        if campaign is not None:
            continue  # already seeded: leave it (and any changes people made) alone
        created += 1
        campaign = Campaign.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            kind=spec["kind"],
            start_date=spec["start"],
            end_date=spec["end"],
            owner=manager,
            description=spec["description"],
            status=Campaign.Status.SETUP,
        )
        campaign.regions.set(Region.objects.filter(code__in=spec["regions"]))
        for metric, target in spec["goals"].items():
            Goal.objects.create(
                campaign=campaign, metric=metric, target=Decimal(target)
            )
        for slug, state in spec["networks"].items():
            if slug in networks:
                Enrolment.objects.create(
                    campaign=campaign,
                    network=networks[slug],
                    status=state,
                    responded_at=None if state == "invited" else timezone.now(),
                )
        for title, offset in TASKS:
            done = spec["start"] + timedelta(days=offset) < today
            Task.objects.create(
                campaign=campaign,
                title=title,
                owner=manager,
                due_date=spec["start"] + timedelta(days=offset),
                done_at=timezone.now() if done else None,
            )
        guide = Article.objects.filter(
            slug=GUIDE_SLUG, kind="guide", status="published"
        ).first()
        if guide is not None:
            Material.objects.create(
                campaign=campaign,
                title=guide.title.removeprefix("Guide: "),
                guide=guide,
            )
        Material.objects.create(
            campaign=campaign,
            title="Campaign playbook",
            url="https://example.com/playbooks/" + spec["slug"],
        )
        rows = _figures(spec, networks, today - timedelta(days=1))
        if rows:
            metrics_load(campaign=campaign, user=manager, rows=rows)
        if spec["status"] == Campaign.Status.CLOSED:
            campaign.review_summary = draft_review_summary(campaign=campaign)
            campaign.review_worked = (
                "Daily gift goals kept creators streaming through the weekends."
            )
            campaign.review_change = "Brief networks a week earlier; rules came late."
            campaign.review_next_actions = "Reuse the format for the Creator Cup."
        campaign.status = spec["status"]
        campaign.save()
    out(f"Campaigns: {created} demo campaigns added.")
