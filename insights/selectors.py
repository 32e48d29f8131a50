"""Reads behind the weekly update, the portal-home panels, recurring questions and
the feedback board.

The weekly update is a set of sections; each selector returns a dict, or ``None``
when the app it needs is not installed (yet), so that the page degrades gracefully.
Every figure comes from an aggregate query: a section costs one or two queries
whatever the number of tickets.
"""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from insights.models import FeedbackItem, RecurringGroup
from insights.weeks import Week
from tickets.models import Ticket

TREND_WEEKS = 8
TOP_CATEGORIES = 6
TOP_RECURRING = 5
TOP_ARTICLES = 5
ATTENTION_OPEN_TICKETS = 5  # a network with this many active tickets needs attention
FEEDBACK_KINDS = (Ticket.Kind.FEEDBACK, Ticket.Kind.FEATURE_REQUEST)


def optional(module: str):
    """The module, or None when its app is not there (yet)."""
    try:
        return import_module(module)
    except ImportError:
        return None


def scoped_tickets(filterset=None) -> QuerySet[Ticket]:
    """Every ticket, narrowed by a ``WeeklyFilter`` (region, network) when given."""
    if filterset is None:
        return Ticket.objects.all()
    return filterset.qs


# --- weekly update sections ------------------------------------------------------


def volume_section(*, week: Week, tickets: QuerySet) -> dict:
    """Opened and solved tickets in each of the last ``TREND_WEEKS`` weeks: two
    queries, each over one indexed time range."""
    weeks = week.previous(TREND_WEEKS)
    start, end = weeks[0].bounds()[0], week.bounds()[1]
    bounds = [w.bounds() for w in weeks]

    def per_week(field: str) -> list[int]:
        counts = {
            f"w{i}": Count("id", filter=Q(**{f"{field}__gte": s, f"{field}__lt": e}))
            for i, (s, e) in enumerate(bounds)
        }
        row = tickets.filter(**{f"{field}__gte": start, f"{field}__lt": end}).aggregate(
            **counts
        )
        return [row[f"w{i}"] for i in range(len(weeks))]

    opened, solved = per_week("created_at"), per_week("resolved_at")
    previous = opened[-2]
    change = round((opened[-1] - previous) * 100 / previous) if previous else None
    return {
        "weeks": [str(w) for w in weeks],
        "labels": [f"W{w.number:02d}" for w in weeks],
        "opened": opened,
        "solved": solved,
        "this_week": opened[-1],
        "solved_this_week": solved[-1],
        "previous_week": previous,
        "change_pct": change,
    }


def categories_section(*, week: Week, tickets: QuerySet) -> dict:
    start, end = week.bounds()
    rows = list(
        tickets.filter(created_at__gte=start, created_at__lt=end)
        .values("category__name")
        .annotate(count=Count("id"))
        .order_by("-count", "category__name")[:TOP_CATEGORIES]
    )
    return {
        "rows": [
            {"name": row["category__name"] or "—", "count": row["count"]}
            for row in rows
        ]
    }


def recurring_section(*, limit: int = TOP_RECURRING, network=None) -> dict:
    qs = RecurringGroup.objects.select_related("article").order_by(
        "-size", "-network_count", "id"
    )
    if network is not None:
        qs = qs.filter(tickets__network=network).distinct()
    return {"groups": list(qs[:limit])}


def faq_section(*, week: Week) -> dict:
    """Suggestions opened from the ticket form this week and what came of them;
    the most read articles (view counts are kept since publication)."""
    from faq.models import Article, Deflection

    start, end = week.bounds()
    outcomes = Deflection.objects.filter(
        created_at__gte=start, created_at__lt=end
    ).aggregate(
        opened=Count("id"),
        solved=Count("id", filter=Q(outcome=Deflection.Outcome.SOLVED)),
        filed=Count("id", filter=Q(outcome=Deflection.Outcome.FILED)),
    )
    opened = outcomes["opened"]
    outcomes["deflection_rate"] = (
        round(outcomes["solved"] * 100 / opened) if opened else None
    )
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    top = list(
        published.order_by("-view_count", "title").values(
            "title", "slug", "view_count"
        )[:TOP_ARTICLES]
    )
    return {**outcomes, "top_articles": top}


def sla_section(*, week: Week, tickets: QuerySet) -> dict | None:
    """Business-hour medians, SLA attainment and satisfaction (``tickets.reports``)."""
    reports = optional("tickets.reports")
    if reports is None or not hasattr(reports, "period_summary"):
        return None
    start, end = week.bounds()
    return reports.period_summary(queryset=tickets, start=start, end=end)


def onboarding_section(*, week: Week, network=None) -> dict | None:
    selectors = optional("onboarding.selectors")
    if selectors is None or not hasattr(selectors, "onboarding_progress_summary"):
        return None
    return selectors.onboarding_progress_summary(network=network)


def campaigns_section(*, week: Week, network=None, region=None) -> dict | None:
    """Campaigns running this week and their figures of the week (two queries),
    each metric rolled up as ``campaigns.vocabulary`` says (sum, max or mean)."""
    models = optional("campaigns.models")
    vocabulary = optional("campaigns.vocabulary")
    if models is None or not hasattr(models, "CampaignMetric") or vocabulary is None:
        return None
    from django.db.models import Avg, Max, Sum

    monday, sunday = week.monday, week.sunday
    campaigns = models.Campaign.objects.filter(
        start_date__lte=sunday,
        end_date__gte=monday,
        status__in=[models.Campaign.Status.LIVE, models.Campaign.Status.REVIEW],
    )
    metrics = models.CampaignMetric.objects.filter(date__gte=monday, date__lte=sunday)
    if network is not None:
        campaigns = campaigns.filter(enrolments__network=network)
        metrics = metrics.filter(network=network)
    elif region is not None:
        campaigns = campaigns.filter(enrolments__network__region=region)
        metrics = metrics.filter(network__region=region)
    running = list(campaigns.distinct().order_by("start_date", "name")[:6])
    rows = {
        row["metric"]: row
        for row in metrics.values("metric").annotate(
            sum=Sum("value"),
            max=Max("value"),
            avg=Avg("value"),
            networks=Count("network", distinct=True),
        )
    }
    figures = [
        {
            "code": code,
            "label": str(metric.label),
            "unit": str(metric.unit),
            "value": round(rows[code][metric.aggregate] or 0, 1),
            "networks": rows[code]["networks"],
        }
        for code, metric in vocabulary.METRICS.items()
        if code in rows
    ]
    return {"campaigns": running, "running": len(running), "figures": figures}


GENERATION_KEY = "insights:generation"


def _cache_key(name: str, *parts) -> str:
    generation = cache.get(GENERATION_KEY, 0)
    return f"insights:{generation}:{name}:" + ":".join(str(p) for p in parts)


def invalidate_figures() -> None:
    """Forget cached figures (after the recurring groups are recomputed)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def cached(key: str, compute):
    """``compute()`` kept for ``HUB_INSIGHTS_CACHE_SECONDS`` (0: always compute).
    Dashboards show figures at most that old; the pages say when they were made."""
    seconds = settings.HUB_INSIGHTS_CACHE_SECONDS
    if not seconds:
        return compute()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def weekly_update(*, week: Week, filterset=None) -> dict:
    """Every section of the weekly update for ``week`` (a dict of dicts/None),
    cached briefly per week and filter."""
    network = region = None
    if filterset is not None and filterset.is_valid():
        network = filterset.form.cleaned_data.get("network")
        region = filterset.form.cleaned_data.get("region")
    key = _cache_key(
        "weekly", week, getattr(network, "pk", ""), getattr(region, "pk", "")
    )
    return cached(
        key,
        lambda: _weekly_update(
            week=week, filterset=filterset, network=network, region=region
        ),
    )


def _weekly_update(*, week: Week, filterset, network, region) -> dict:
    tickets = scoped_tickets(filterset)
    return {
        "computed_at": timezone.now(),
        "week": week,
        "volume": volume_section(week=week, tickets=tickets),
        "sla": sla_section(week=week, tickets=tickets),
        "categories": categories_section(week=week, tickets=tickets),
        "recurring": recurring_section(network=network),
        "faq": faq_section(week=week),
        "onboarding": onboarding_section(week=week, network=network),
        "campaigns": campaigns_section(week=week, network=network, region=region),
    }


# --- portal home (managers) -------------------------------------------------------


def networks_needing_attention(*, limit: int = 5) -> list[dict]:
    """Networks with many active tickets (one grouped query, cached briefly); more
    signals (stalled onboarding, low satisfaction) join when their apps provide them."""
    return cached(
        _cache_key("attention", limit), lambda: _networks_needing_attention(limit)
    )


def _networks_needing_attention(limit: int) -> list[dict]:
    rows = (
        Ticket.objects.filter(status__in=Ticket.ACTIVE_STATUSES)
        .values("network__name", "network__slug")
        .annotate(active=Count("id"))
        .filter(active__gte=ATTENTION_OPEN_TICKETS)
        .order_by("-active", "network__name")[:limit]
    )
    return [
        {
            "name": row["network__name"],
            "slug": row["network__slug"],
            "reason": "open_tickets",
            "active": row["active"],
        }
        for row in rows
    ]


def week_at_a_glance(*, week: Week | None = None) -> dict:
    """This week so far against last week, and the largest recurring question."""
    week = week or Week.of(timezone.localdate())
    start, end = week.bounds()
    prev_start = start - timedelta(weeks=1)
    row = Ticket.objects.filter(
        created_at__gte=prev_start, created_at__lt=end
    ).aggregate(
        this_week=Count("id", filter=Q(created_at__gte=start)),
        last_week=Count("id", filter=Q(created_at__lt=start)),
    )
    top = RecurringGroup.objects.order_by("-size", "id").first()
    return {"week": week, **row, "top_group": top}


# --- recurring questions and the feedback board -----------------------------------


def recurring_group_list(*, limit: int = 50) -> QuerySet[RecurringGroup]:
    return RecurringGroup.objects.select_related(
        "article", "draft_article", "typical_ticket"
    ).order_by("-size", "-network_count", "id")[:limit]


API_REFERENCES = 100


def recurring_references(*, group_ids, per_group: int = API_REFERENCES) -> dict:
    """{group id: references of its ``per_group`` newest tickets (highest
    references first)}: two queries, a window function over the link table, then
    the references."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    link = RecurringGroup.tickets.through
    rows = list(
        link.objects.filter(recurringgroup_id__in=list(group_ids))
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("recurringgroup_id")],
                order_by=[F("ticket_id").desc()],
            )
        )
        .filter(position__lte=per_group)
        .values_list("recurringgroup_id", "ticket_id")
    )
    names = dict(
        Ticket.objects.filter(pk__in=[t for _g, t in rows]).values_list(
            "id", "reference"
        )
    )
    references: dict[int, list[str]] = {pk: [] for pk in group_ids}
    for group_id, ticket_id in sorted(rows, key=lambda r: (r[0], -r[1])):
        references[group_id].append(names[ticket_id])
    return references


def feedback_items(*, filters=None, limit: int | None = None) -> list[FeedbackItem]:
    """Board items, each with ``ticket_count`` and ``network_count`` (networks
    asking): two queries, the counts from the link table by item."""
    from insights.filters import FeedbackFilter

    qs = FeedbackItem.objects.select_related("area")
    if filters is not None:
        qs = FeedbackFilter(filters, queryset=qs).qs
    qs = qs.order_by("area__name", "-updated_at", "id")
    items = list(qs[:limit] if limit else qs)
    link = FeedbackItem.tickets.through
    counts = {
        row["feedbackitem_id"]: row
        for row in link.objects.filter(feedbackitem_id__in=[i.pk for i in items])
        .values("feedbackitem_id")
        .annotate(
            tickets=Count("ticket_id"),
            networks=Count("ticket__network_id", distinct=True),
        )
    }
    for item in items:
        row = counts.get(item.pk, {})
        item.ticket_count = row.get("tickets", 0)
        item.network_count = row.get("networks", 0)
    items.sort(key=lambda i: (i.area.name if i.area else "~", -i.network_count))
    return items


def unsorted_feedback(*, limit: int = 50) -> QuerySet[Ticket]:
    """Feedback and feature-request tickets not yet on the board, newest first."""
    linked = FeedbackItem.tickets.through.objects.filter(ticket_id=OuterRef("pk"))
    return (
        Ticket.objects.filter(kind__in=FEEDBACK_KINDS)
        .filter(~Exists(linked))
        .select_related("network")
        .order_by("-created_at", "-id")[:limit]
    )


def feedback_summary() -> dict:
    return FeedbackItem.objects.aggregate(
        total=Count("id"),
        open=Count(
            "id",
            filter=~Q(
                status__in=[FeedbackItem.Status.SHIPPED, FeedbackItem.Status.DECLINED]
            ),
        ),
    )
