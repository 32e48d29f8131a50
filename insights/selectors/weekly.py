"""The weekly update: a set of sections, each a dict, or ``None`` when the app it
needs is not installed (yet), so that the page degrades gracefully. Every figure
comes from an aggregate query: a section costs a few queries whatever the number of
tickets.
"""

from __future__ import annotations

from importlib import import_module

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core import cache
from core.periods import Week
from insights.models import RecurringGroup
from tickets.models import Ticket
from tickets.reports import SERVICE_DEFAULTS

TREND_WEEKS = 8
TOP_CATEGORIES = 6
TOP_RECURRING = 5
TOP_ARTICLES = 5


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


def section_networks(*, network=None, region=None) -> list[int] | None:
    """Network ids the weekly filter narrows to (``None``: every network), for
    sections computed by other apps' reports; at most one query."""
    if network is not None:
        if region is not None and network.region_id != region.pk:
            return []
        return [network.pk]
    if region is not None:
        from hub.models import CreatorNetwork

        return list(
            CreatorNetwork.objects.filter(region=region).values_list("pk", flat=True)
        )
    return None


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 1)


SLA_DEFAULTS = SERVICE_DEFAULTS


def sla_section(*, week: Week, networks: list[int] | None = None) -> dict | None:
    """Business-hour medians, SLA attainment (overall and by priority) and
    satisfaction of the week, from ``tickets.reports`` (nine aggregate queries).

    Medians are business hours of the SLA calendar; attainment counts tickets first
    answered / resolved in the week that had a target; satisfaction counts ratings
    given in the week."""
    reports = optional("tickets.reports")
    if reports is None or not hasattr(reports, "sla_attainment"):
        return None
    start, end = week.bounds()
    period = {"start": start, "end": end, "networks": networks}
    figures = dict(SLA_DEFAULTS)
    for rows in (
        reports.response_times(**period),
        reports.sla_attainment(**period),
        reports.satisfaction(**period),
    ):
        for row in rows:
            figures.update({k: v for k, v in row.items() if k not in ("key", "label")})
    rank = Ticket.PRIORITY_RANK
    by_priority = sorted(
        reports.sla_attainment(**period, group_by="priority"),
        key=lambda row: -rank.get(row["key"], -1),
    )
    return {
        **figures,
        "first_response_median_hours": _hours(figures["first_response_median_seconds"]),
        "resolution_median_hours": _hours(figures["resolution_median_seconds"]),
        "by_priority": by_priority,
    }


def onboarding_section(*, network=None, region=None) -> dict | None:
    """Checklists in progress, completed and stalled, and the share of steps done
    (``onboarding.selectors.onboarding_progress_summary``, two queries)."""
    selectors = optional("onboarding.selectors")
    if selectors is None or not hasattr(selectors, "onboarding_progress_summary"):
        return None
    return selectors.onboarding_progress_summary(network=network, region=region)


def campaigns_section(*, week: Week, network=None, region=None) -> dict | None:
    """Campaigns running this week and each one's figures of the week, as
    ``campaigns.selectors.campaign_figures`` computes them for the campaign page
    (networks added per day, then the days rolled up by metric; three queries).
    ``figures`` is one row per campaign and metric, each with its ``campaign``."""
    selectors = optional("campaigns.selectors")
    if selectors is None or not hasattr(selectors, "campaign_figures"):
        return None
    from campaigns.models import Campaign

    monday, sunday = week.monday, week.sunday
    campaigns = Campaign.objects.filter(
        start_date__lte=sunday,
        end_date__gte=monday,
        status__in=[Campaign.Status.LIVE, Campaign.Status.REVIEW],
    )
    networks = section_networks(network=network, region=region)
    if networks is not None:
        campaigns = campaigns.filter(enrolments__network__in=networks)
    running = list(campaigns.distinct().order_by("start_date", "name")[:6])
    per_campaign = selectors.campaign_figures(
        campaign_ids=[c.pk for c in running],
        network_ids=networks,
        start=monday,
        end=sunday,
    )
    figures = [
        {"campaign": campaign, **row}
        for campaign in running
        for row in per_campaign.get(campaign.pk, [])
    ]
    return {"campaigns": running, "running": len(running), "figures": figures}


def weekly_update(*, week: Week, filterset=None) -> dict:
    """Every section of the weekly update for ``week`` (a dict of dicts/None),
    cached briefly per week and filter."""
    network = region = None
    if filterset is not None and filterset.is_valid():
        network = filterset.form.cleaned_data.get("network")
        region = filterset.form.cleaned_data.get("region")
    key = f"weekly:{week}:{getattr(network, 'pk', '')}:{getattr(region, 'pk', '')}"
    return cache.INSIGHTS.get_or_compute(
        key,
        lambda: _weekly_update(
            week=week, filterset=filterset, network=network, region=region
        ),
    )


def weekly_page(*, week: Week, params) -> dict:
    """The weekly update page as one read: the filter (region, network) from
    ``params``, every section of the update in that scope with the workflow
    section, and the weeks either side (no "next" past the current week: a week
    not begun has no figures). The view adds the charts, or answers the CSV."""
    from insights.filters import WeeklyFilter
    from insights.selectors.workflow import weekly_workflow

    filterset = WeeklyFilter(params, queryset=scoped_tickets())
    update = weekly_update(week=week, filterset=filterset)
    later = week.shift(1)
    return {
        "update": {
            **update,
            "workflow": weekly_workflow(week=week, filterset=filterset),
        },
        "filter": filterset,
        "previous_week": week.shift(-1),
        "next_week": later if later.monday <= timezone.localdate() else None,
    }


def _weekly_update(*, week: Week, filterset, network, region) -> dict:
    tickets = scoped_tickets(filterset)
    return {
        "computed_at": timezone.now(),
        "week": week,
        "volume": volume_section(week=week, tickets=tickets),
        "sla": sla_section(
            week=week, networks=section_networks(network=network, region=region)
        ),
        "categories": categories_section(week=week, tickets=tickets),
        "recurring": recurring_section(network=network),
        "faq": faq_section(week=week),
        "onboarding": onboarding_section(network=network, region=region),
        "campaigns": campaigns_section(week=week, network=network, region=region),
    }
