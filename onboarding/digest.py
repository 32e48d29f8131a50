"""The monthly digest: a list of section providers.

A provider takes ``(network, member, period)`` and returns a context dict for its
section — with ``template`` (``emails/digest/<name>`` rendered as ``.html`` and
``.txt``) and ``title`` — or ``None`` when it has nothing to say. Providers use
aggregate queries; the digest runs for every member of every network. A provider
registered with ``per_network=True`` ignores the member, so a sending chunk computes
it once per network (chunks are ordered by network).
"""

from collections.abc import Callable
from datetime import timedelta

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.periods import Period
from onboarding.models import Announcement

Provider = Callable[..., dict | None]
PROVIDERS: list[Provider] = []


def provider(
    func: Provider | None = None,
    *,
    per_network: bool = False,
    memo_key: Callable | None = None,
    order: int = 50,
):
    """Register a section; ``order`` places it in the e-mail (lower first).

    ``memo_key(network, member, period)`` names what the section depends on, so
    members who would get the same section share one computation.
    """

    def register(func: Provider) -> Provider:
        func.per_network = per_network
        func.memo_key = memo_key
        func.order = order
        if func not in PROVIDERS:
            PROVIDERS.append(func)
        return func

    return register(func) if func is not None else register


@provider(per_network=True, order=40)
def announcements_section(network, member, period: Period) -> dict | None:
    announcements = list(
        Announcement.objects.for_network(
            network_id=network.pk, region_id=network.region_id, tier=network.tier
        )
        .filter(published_at__gte=period.start, published_at__lt=period.end)
        .order_by("published_at")
        .only("id", "title", "kind", "published_at")[:10]
    )
    if not announcements:
        return None
    return {
        "template": "announcements",
        "title": _("Announcements"),
        "announcements": announcements,
    }


class _Median(Aggregate):
    """PostgreSQL ``percentile_cont(0.5)`` (works on intervals)."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


def _median_first_response(tickets, period: Period):
    in_period = Q(
        created_at__gte=period.start,
        created_at__lt=period.end,
        first_response_at__isnull=False,
    )
    if connection.vendor == "postgresql":
        return tickets.aggregate(
            median=_Median(F("first_response_at") - F("created_at"), filter=in_period)
        )["median"]
    durations = sorted(  # SQLite (local runs): one query, middle value in Python
        end - start
        for start, end in tickets.filter(in_period).values_list(
            "created_at", "first_response_at"
        )
    )
    return durations[len(durations) // 2] if durations else None


def format_duration(value: timedelta | None) -> str:
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours >= 48:
        return _("%(days)d days") % {"days": round(hours / 24)}
    if hours:
        return _("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
    return _("%(m)d min") % {"m": minutes}


@provider(per_network=True, order=10)
def tickets_section(network, member, period: Period) -> dict | None:
    """Last month's tickets: opened, solved, median first response (one query)."""
    from tickets.models import Ticket

    tickets = Ticket.objects.filter(network=network)
    figures = tickets.aggregate(
        opened=Count(
            "pk", filter=Q(created_at__gte=period.start, created_at__lt=period.end)
        ),
        solved=Count(
            "pk", filter=Q(resolved_at__gte=period.start, resolved_at__lt=period.end)
        ),
    )
    if not (figures["opened"] or figures["solved"]):
        return None
    median = _median_first_response(tickets, period)
    return {
        "template": "tickets",
        "title": _("Your tickets"),
        "opened": figures["opened"],
        "solved": figures["solved"],
        "median_first_response": format_duration(median),
    }


@provider(
    # every network member reads the same audiences; staff read every article
    memo_key=lambda network, member, period: (member.is_staff, period.key),
    order=20,
)
def articles_section(network, member, period: Period) -> dict | None:
    """New and updated knowledge-base articles this member may read."""
    from faq.selectors import published_articles

    articles = published_articles(member).select_related(None)
    new = Q(published_at__gte=period.start, published_at__lt=period.end)
    updated = Q(
        updated_at__gte=period.start,
        updated_at__lt=period.end,
        published_at__lt=period.start,
    )
    counts = articles.aggregate(
        new=Count("pk", filter=new), updated=Count("pk", filter=updated)
    )
    if not (counts["new"] or counts["updated"]):
        return None
    fields = ("id", "title", "slug", "published_at", "updated_at")
    return {
        "template": "articles",
        "title": _("New in the knowledge base"),
        "new_count": counts["new"],
        "updated_count": counts["updated"],
        "new": list(articles.filter(new).order_by("-published_at").only(*fields)[:5]),
        "updated": list(
            articles.filter(updated).order_by("-updated_at").only(*fields)[:5]
        ),
    }


@provider(per_network=True, order=30)
def campaigns_section(network, member, period: Period) -> dict | None:
    """The network's own campaign results in the period and what starts next."""
    from campaigns.selectors import (
        campaign_results_for_network,
        upcoming_campaigns_for_network,
    )

    first_day = period.start.date()
    last_day = (period.end - timedelta(days=1)).date()
    results = [
        {
            "campaign": item["campaign"],
            "summary": item["summary"],
            "figures": [
                (item["labels"].get(code, code), value)
                for code, value in item["totals"].items()
            ],
        }
        for item in campaign_results_for_network(
            network=network, start=first_day, end=last_day
        )
    ]
    today = max(last_day, timezone.localdate())
    upcoming = list(upcoming_campaigns_for_network(network=network, today=today)[:5])
    if not (results or upcoming):
        return None
    return {
        "template": "campaigns",
        "title": _("Campaigns"),
        "results": results,
        "upcoming": upcoming,
    }


def build_digest(network, member, period: Period, *, memo: dict | None = None) -> dict:
    """Every provider's section for one member; ``memo`` caches per-network ones."""
    memo = {} if memo is None else memo
    sections = []
    keys: list | None = []  # what the sections depend on; None: this member alone
    for func in sorted(PROVIDERS, key=lambda f: getattr(f, "order", 50)):
        key = None
        if getattr(func, "memo_key", None):
            key = ("digest", func.__name__, func.memo_key(network, member, period))
        elif getattr(func, "per_network", False):
            key = ("digest", func.__name__, network.pk, period.key)
        if key is not None:
            if key not in memo:
                memo[key] = func(network, member, period)
            section = memo[key]
        else:
            section = func(network, member, period)
            keys = None
        if keys is not None:
            keys.append(key)
        if section:
            sections.append(section)
    return {
        "network": network,
        "member": member,
        "period": period,
        "sections": sections,
        # members whose digests have the same key get the same text (the
        # templates do not name the member): rendered once per chunk
        "render_key": None if keys is None else (network.pk, period.key, *keys),
    }
