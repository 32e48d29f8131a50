"""Campaign figures: the one rule for daily series and totals, and a campaign's
performance (totals, goals against actuals, per-network table).

Per campaign, metric and day, networks' values are added (averaged for ``avg``
metrics); days then roll up by the metric's aggregate (``campaigns.vocabulary``).
A network's own view holds its own figures only, never totals that include others.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Max, QuerySet, Sum

from campaigns.models import Campaign, CampaignMetric, Enrolment, Goal
from campaigns.review import GoalResult, draft_summary
from campaigns.vocabulary import METRICS, combine


@dataclass
class Performance:
    totals: dict[str, Decimal] = field(default_factory=dict)
    daily: dict[str, list[tuple[date, Decimal]]] = field(default_factory=dict)
    per_network: list[dict] = field(default_factory=list)
    goals: list[GoalResult] = field(default_factory=list)

    @property
    def metrics(self) -> list[str]:
        return [code for code in METRICS if code in self.totals]


def _figure_rows(campaign_ids, network_ids, start, end) -> QuerySet[CampaignMetric]:
    qs = CampaignMetric.objects.filter(campaign_id__in=list(campaign_ids))
    if network_ids is not None:
        qs = qs.filter(network_id__in=list(network_ids))
    if start is not None:
        qs = qs.filter(date__gte=start)
    if end is not None:
        qs = qs.filter(date__lte=end)
    return qs


def daily_figures(
    *,
    campaign_ids: Iterable[int],
    network_ids: Iterable[int] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> dict[int, dict[str, list[tuple[date, Decimal]]]]:
    """The one rule for a campaign's daily series (one query for many campaigns).

    Per campaign, metric and day, networks' values are added (averaged for ``avg``
    metrics); ``network_ids`` keeps only those networks, ``start``/``end`` (inclusive)
    only those days. Returns ``{campaign id: {metric: [(day, value), ...]}}``.
    """
    qs = _figure_rows(campaign_ids, network_ids, start, end)
    daily: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in (
        qs.values("campaign_id", "metric", "date")
        .annotate(total=Sum("value"), mean=Avg("value"))
        .order_by("campaign_id", "metric", "date")
    ):
        how = METRICS[row["metric"]].aggregate
        value = row["mean"] if how == "avg" else row["total"]
        daily[row["campaign_id"]][row["metric"]].append(
            (row["date"], Decimal(value).quantize(Decimal("0.01")))
        )
    return {pk: dict(series) for pk, series in daily.items()}


def roll_up(daily: dict[str, list[tuple[date, Decimal]]]) -> dict[str, Decimal]:
    """A campaign's totals from its daily series: days roll up by the metric's
    aggregate (``campaigns.vocabulary``), e.g. the peak day for peak viewers."""
    return {
        code: combine(code, [v for _, v in daily[code]])
        for code in METRICS
        if code in daily
    }


def campaign_totals(
    *,
    campaign_ids: Iterable[int],
    network_ids: Iterable[int] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> dict[int, dict[str, Decimal]]:
    """``{campaign id: {metric: total}}`` as the campaign page shows them, for many
    campaigns in one query (the API and the weekly update read these)."""
    daily = daily_figures(
        campaign_ids=campaign_ids, network_ids=network_ids, start=start, end=end
    )
    return {pk: roll_up(series) for pk, series in daily.items()}


def campaign_figures(
    *,
    campaign_ids: Iterable[int],
    network_ids: Iterable[int] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> dict[int, list[dict]]:
    """Per campaign, its totals as rows for a report (two queries): ``code``,
    ``label``, ``unit``, ``value`` (``campaign_totals``) and ``networks`` (how many
    networks reported that metric in the period)."""
    campaign_ids = list(campaign_ids)
    network_ids = None if network_ids is None else list(network_ids)
    totals = campaign_totals(
        campaign_ids=campaign_ids, network_ids=network_ids, start=start, end=end
    )
    qs = _figure_rows(campaign_ids, network_ids, start, end)
    reporting = {
        (row["campaign_id"], row["metric"]): row["n"]
        for row in qs.values("campaign_id", "metric").annotate(
            n=Count("network_id", distinct=True)
        )
    }
    return {
        pk: [
            {
                "code": code,
                "label": str(METRICS[code].label),
                "unit": str(METRICS[code].unit),
                "value": value,
                "networks": reporting.get((pk, code), 0),
            }
            for code, value in figures.items()
        ]
        for pk, figures in totals.items()
    }


def campaign_performance(
    *, campaign: Campaign, network_ids: Iterable[int] | None = None
) -> Performance:
    """Totals, goals against actuals, per-network table and daily series.

    ``network_ids`` restricts every figure to those networks (a network's own view).
    Per day, networks' values are added (averaged for ``avg`` metrics); days then roll
    up by the metric's aggregate (see ``campaigns.vocabulary``).
    """
    qs = CampaignMetric.objects.filter(campaign=campaign)
    if network_ids is not None:
        network_ids = list(network_ids)
        qs = qs.filter(network_id__in=network_ids)
    daily = daily_figures(campaign_ids=[campaign.pk], network_ids=network_ids).get(
        campaign.pk, {}
    )
    totals = roll_up(daily)
    by_network: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in qs.values("network_id", "metric").annotate(
        s=Sum("value"), mx=Max("value"), av=Avg("value")
    ):
        how = METRICS[row["metric"]].aggregate
        value = {"sum": row["s"], "max": row["mx"], "avg": row["av"]}[how]
        by_network[row["network_id"]][row["metric"]] = Decimal(value).quantize(
            Decimal("0.01")
        )
    names = dict(
        campaign.enrolments.filter(network_id__in=list(by_network)).values_list(
            "network_id", "network__name"
        )
    )
    per_network = sorted(
        (
            {"network_id": nid, "name": names.get(nid, "?"), "values": values}
            for nid, values in by_network.items()
        ),
        key=lambda item: item["name"],
    )
    goals = [
        GoalResult(goal.metric, goal.target, totals.get(goal.metric, Decimal("0")))
        for goal in campaign.goals.all()
    ]
    if network_ids is not None:  # a network's view: its own share of each target
        taking_part = campaign.enrolments.filter(
            status=Enrolment.Status.ACCEPTED
        ).count()
        goals = [
            GoalResult(goal.metric, share, goal.actual)
            for goal in goals
            if (
                share := network_share_of_target(
                    metric=goal.metric, target=goal.target, taking_part=taking_part
                )
            )
            is not None
        ]
    return Performance(totals=totals, daily=daily, per_network=per_network, goals=goals)


def network_share_of_target(
    *, metric: str, target: Decimal, taking_part: int
) -> Decimal | None:
    """One network's part of a campaign goal, to set its own figures against.

    Sums and peaks add networks' values together (``campaigns.vocabulary``), so the
    campaign's target is split evenly between the networks taking part (accepted);
    a mean is averaged across networks, so each network's mean is held to the
    target itself. ``None`` (no target to show) when no network takes part."""
    if taking_part <= 0:
        return None
    if METRICS[metric].aggregate == "avg":
        return target
    return (Decimal(target) / taking_part).quantize(Decimal("0.01"))


def network_summary(*, campaign: Campaign, totals: dict, daily: dict) -> str:
    """One network's results in words: its own totals and its peak days only."""
    if not totals:
        return ""
    headline = next(iter(totals))
    peaks = sorted(daily.get(headline, []), key=lambda d: -d[1])[:3]
    return draft_summary(
        name=campaign.name,
        start=campaign.start_date,
        end=campaign.end_date,
        goals=[],
        totals=totals,
        top_networks=[],
        headline=headline,
        peak_days=peaks,
        network_count=None,
    )


def headline_metric(performance: Performance, goals: list[Goal]) -> str | None:
    """The metric that ranks networks and days: the first goal's, else the first."""
    for goal in goals:
        if goal.metric in performance.totals:
            return goal.metric
    return performance.metrics[0] if performance.metrics else None
