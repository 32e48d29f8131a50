"""Reads of the managers' portal-home panels: networks needing attention and this
week at a glance. Aggregate queries only, cached briefly."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Avg, Count, Q
from django.utils import timezone

from core import cache
from core.periods import Week
from insights.models import RecurringGroup
from insights.selectors.weekly import optional
from tickets.models import SatisfactionRating, Ticket

# A network with this many active tickets needs attention.
ATTENTION_OPEN_TICKETS = 5
# ... or whose ratings of the last ATTENTION_SATISFACTION_DAYS average below this,
ATTENTION_SATISFACTION_BELOW = 3.0
ATTENTION_SATISFACTION_DAYS = 30
# ... counted once it has at least this many ratings (one bad day is not a trend).
ATTENTION_SATISFACTION_MIN_RATINGS = 2

# Reasons, in the order a network's badges are shown.
OPEN_TICKETS, STALLED_ONBOARDING, LOW_SATISFACTION = (
    "open_tickets",
    "stalled_onboarding",
    "low_satisfaction",
)


def networks_needing_attention(*, limit: int = 5) -> list[dict]:
    """Networks with a reason to look at them, most reasons first: many active
    tickets, a stalled onboarding, low satisfaction. Each row is ``{"name", "slug",
    "reasons": [{"code": ..., figures}]}``. Three grouped queries, cached briefly."""
    return cache.INSIGHTS.get_or_compute(
        f"attention:{limit}", lambda: _networks_needing_attention(limit)
    )


def _open_tickets(limit: int) -> list[tuple[dict, dict]]:
    rows = (
        Ticket.objects.filter(status__in=Ticket.ACTIVE_STATUSES)
        .values("network__name", "network__slug")
        .annotate(active=Count("id"))
        .filter(active__gte=ATTENTION_OPEN_TICKETS)
        .order_by("-active", "network__name")[:limit]
    )
    return [
        (
            {"name": r["network__name"], "slug": r["network__slug"]},
            {"code": OPEN_TICKETS, "active": r["active"]},
        )
        for r in rows
    ]


def _stalled_onboarding(limit: int) -> list[tuple[dict, dict]]:
    onboarding = optional("onboarding.selectors")
    if onboarding is None or not hasattr(onboarding, "stalled_onboardings"):
        return []
    now = timezone.now()
    rows = (
        onboarding.stalled_onboardings()
        .values("network__name", "network__slug", "last_progress_at")
        .order_by("last_progress_at", "network__name")[:limit]
    )
    return [
        (
            {"name": r["network__name"], "slug": r["network__slug"]},
            {
                "code": STALLED_ONBOARDING,
                "days": (now - r["last_progress_at"]).days,
            },
        )
        for r in rows
    ]


def _low_satisfaction(limit: int) -> list[tuple[dict, dict]]:
    since = timezone.now() - timedelta(days=ATTENTION_SATISFACTION_DAYS)
    rows = (
        SatisfactionRating.objects.filter(created_at__gte=since)
        .values("ticket__network__name", "ticket__network__slug")
        .annotate(average=Avg("score"), ratings=Count("id"))
        .filter(
            average__lt=ATTENTION_SATISFACTION_BELOW,
            ratings__gte=ATTENTION_SATISFACTION_MIN_RATINGS,
        )
        .order_by("average", "ticket__network__name")[:limit]
    )
    return [
        (
            {"name": r["ticket__network__name"], "slug": r["ticket__network__slug"]},
            {
                "code": LOW_SATISFACTION,
                "average": round(r["average"], 1),
                "ratings": r["ratings"],
                "days": ATTENTION_SATISFACTION_DAYS,
            },
        )
        for r in rows
    ]


def _networks_needing_attention(limit: int) -> list[dict]:
    networks: dict[str, dict] = {}
    for signal in (_open_tickets, _stalled_onboarding, _low_satisfaction):
        for network, reason in signal(limit):
            row = networks.setdefault(network["slug"], {**network, "reasons": []})
            row["reasons"].append(reason)
    rows = sorted(
        networks.values(), key=lambda row: (-len(row["reasons"]), row["name"])
    )
    return rows[:limit]


def week_at_a_glance(*, week: Week | None = None) -> dict:
    """This week so far against last week, and the largest recurring question."""
    week = week or Week.of(timezone.localdate())
    start, end = week.bounds()
    prev_start, _prev_end = week.shift(-1).bounds()
    row = Ticket.objects.filter(
        created_at__gte=prev_start, created_at__lt=end
    ).aggregate(
        this_week=Count("id", filter=Q(created_at__gte=start)),
        last_week=Count("id", filter=Q(created_at__lt=start)),
    )
    top = RecurringGroup.objects.order_by("-size", "id").first()
    return {"week": week, **row, "top_group": top}
