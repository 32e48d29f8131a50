"""Reads for campaigns and their figures, with the caller's permissions applied.

Staff (interns, managers) see every campaign. A network member sees the campaigns
(past draft) that one of their networks is enrolled in, and only the figures of
their own networks: never other networks' rows or totals that include them.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Max, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.models import Campaign, CampaignMetric, Enrolment, Goal
from campaigns.review import GoalResult, draft_summary
from campaigns.vocabulary import METRICS, combine
from core.timefmt import local_date
from hub import permissions as access

NETWORK_VISIBLE_STATUSES = [
    Campaign.Status.SETUP,
    Campaign.Status.LIVE,
    Campaign.Status.REVIEW,
    Campaign.Status.CLOSED,
]


def campaign_list(*, user, filters: dict | None = None) -> QuerySet[Campaign]:
    from campaigns.filters import CampaignFilter

    qs = Campaign.objects.select_related("owner").prefetch_related("regions")
    if not access.is_staff_member(user):
        qs = qs.filter(
            status__in=NETWORK_VISIBLE_STATUSES,
            pk__in=Enrolment.objects.filter(
                network_id__in=access.network_ids(user)
            ).values("campaign_id"),
        )
    qs = qs.annotate(
        accepted_count=Count(
            "enrolments", filter=Q(enrolments__status=Enrolment.Status.ACCEPTED)
        )
    ).order_by("-start_date", "name")
    if filters is not None:
        qs = CampaignFilter(filters, queryset=qs).qs
    return qs


def campaign_get(*, user, pk: int) -> Campaign:
    """The campaign if this person may see it; 404 otherwise."""
    return get_object_or_404(campaign_list(user=user), pk=pk)


def figure_network_ids(*, user, campaign: Campaign) -> set[int] | None:
    """Whose figures this person may see: ``None`` for every network (staff)."""
    if access.is_staff_member(user):
        return None
    return set(access.network_ids(user))


def metric_list(*, user, campaign: Campaign, filters=None) -> QuerySet[CampaignMetric]:
    from campaigns.filters import CampaignMetricFilter

    qs = CampaignMetric.objects.filter(campaign=campaign).select_related("network")
    allowed = figure_network_ids(user=user, campaign=campaign)
    if allowed is not None:
        qs = qs.filter(network_id__in=allowed)
    qs = qs.order_by("date", "network__name", "metric")
    if filters is not None:
        qs = CampaignMetricFilter(filters, queryset=qs).qs
    return qs


def enrolment_list(*, user, campaign: Campaign) -> QuerySet[Enrolment]:
    """The campaign's enrolments this person may see (a network: its own)."""
    qs = campaign.enrolments.select_related("network", "responded_by")
    allowed = figure_network_ids(user=user, campaign=campaign)
    if allowed is not None:
        qs = qs.filter(network_id__in=allowed)
    return qs.order_by("network__name", "id")


def enrolments_for(*, user, campaign: Campaign) -> list[Enrolment]:
    return list(enrolment_list(user=user, campaign=campaign))


def campaign_detail_parts(*, campaign: Campaign, with_tasks: bool = True) -> dict:
    """Goals, the setup checklist (staff only) and materials."""
    return {
        "goals": list(campaign.goals.all()),
        "tasks": list(campaign.tasks.select_related("owner")) if with_tasks else [],
        "materials": list(campaign.materials.select_related("guide")),
    }


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


# --- for the monthly digest ---------------------------------------------------


def campaign_results_for_network(*, network, start: date, end: date) -> list[dict]:
    """Campaigns this network took part in that overlap ``start``..``end``.

    Each item: ``campaign``, ``totals`` ({metric code: value} of this network's own
    figures within the period, rolled up as in ``campaigns.vocabulary``), ``labels``
    ({code: label}) and ``summary``: the network's own results in words (never
    other networks' figures, rankings or campaign totals; the manager's
    ``review_summary`` names other networks and stays staff-only).
    """
    campaigns = Campaign.objects.filter(
        enrolments__network=network,
        enrolments__status=Enrolment.Status.ACCEPTED,
        status__in=NETWORK_VISIBLE_STATUSES,
        start_date__lte=end,
        end_date__gte=start,
    ).order_by("start_date", "name")
    campaigns = list(campaigns)
    daily = daily_figures(
        campaign_ids=[c.pk for c in campaigns],
        network_ids=[network.pk],
        start=start,
        end=end,
    )
    results = []
    for campaign in campaigns:
        figures = daily.get(campaign.pk, {})
        totals = roll_up(figures)
        results.append(
            {
                "campaign": campaign,
                "totals": totals,
                "labels": {code: str(METRICS[code].label) for code in figures},
                "summary": network_summary(
                    campaign=campaign, totals=totals, daily=figures
                ),
            }
        )
    return results


def current_campaigns_for_network(*, network, today: date) -> QuerySet[Campaign]:
    """Campaigns running on ``today`` (live, between their dates) that this network
    joined, soonest ending first: what staff see beside the network's tickets."""
    return Campaign.objects.filter(
        enrolments__network=network,
        enrolments__status=Enrolment.Status.ACCEPTED,
        status=Campaign.Status.LIVE,
        start_date__lte=today,
        end_date__gte=today,
    ).order_by("end_date", "name")


def upcoming_campaigns_for_network(*, network, today: date) -> QuerySet[Campaign]:
    """Campaigns starting after ``today`` this network is invited to or joined.

    Each campaign carries ``enrolment_status`` (``invited`` or ``accepted``).
    """
    return (
        Campaign.objects.filter(
            enrolments__network=network,
            enrolments__status__in=[
                Enrolment.Status.INVITED,
                Enrolment.Status.ACCEPTED,
            ],
            status__in=[Campaign.Status.SETUP, Campaign.Status.LIVE],
            start_date__gt=today,
        )
        .annotate(enrolment_status=Max("enrolments__status"))
        .prefetch_related(Prefetch("regions"))
        .order_by("start_date", "name")
    )


def transition_preview(*, campaign: Campaign, to: str, today: date) -> dict:
    """What moving ``campaign`` to ``to`` will do, for the confirmation step: the
    start date still ahead, open setup tasks, the networks that will see the new
    status (invited or accepted) and the webhook endpoints that will be called.

    ``warnings`` are the final or early parts (going live before the start date,
    open tasks, closing): the API refuses a move with any of them until it is
    sent with ``"confirm": true`` (``transition_warnings``)."""
    from webhooks.selectors import subscriber_count

    going_live = to == Campaign.Status.LIVE
    days_ahead = (campaign.start_date - today).days if campaign.start_date else 0
    networks = list(
        campaign.enrolments.filter(
            status__in=[Enrolment.Status.INVITED, Enrolment.Status.ACCEPTED]
        )
        .order_by("network__name")
        .values_list("network__name", flat=True)
    )
    preview = {
        "to": to,
        "to_label": Campaign.Status(to).label,
        "starts_in_days": days_ahead if going_live and days_ahead > 0 else 0,
        "open_tasks": list(
            campaign.tasks.filter(done_at__isnull=True).order_by("due_date", "id")
        )
        if to in (Campaign.Status.LIVE, Campaign.Status.REVIEW)
        else [],
        "networks": networks,
        "webhooks": subscriber_count("campaign.status_changed"),
    }
    preview["warnings"] = _transition_warnings(campaign, preview)
    return preview


def _transition_warnings(campaign: Campaign, preview: dict) -> list[str]:
    warnings = []
    days = preview["starts_in_days"]
    if days:
        warnings.append(
            ngettext(
                "It starts on %(start)s, in %(days)s day: it goes live before its "
                "start date.",
                "It starts on %(start)s, in %(days)s days: it goes live before its "
                "start date.",
                days,
            )
            % {"start": local_date(campaign.start_date), "days": days}
        )
    tasks = preview["open_tasks"]
    if tasks:
        warnings.append(
            ngettext(
                "%(n)s setup task is still open: %(tasks)s.",
                "%(n)s setup tasks are still open: %(tasks)s.",
                len(tasks),
            )
            % {
                "n": len(tasks),
                "tasks": ", ".join(
                    _("%(task)s (due %(date)s)")
                    % {"task": task.title, "date": local_date(task.due_date)}
                    if task.due_date
                    else task.title
                    for task in tasks
                ),
            }
        )
    if preview["to"] == Campaign.Status.CLOSED:
        warnings.append(
            _("Closing is final: the campaign's figures can no longer be changed.")
        )
    return warnings


def transition_warnings(*, campaign: Campaign, to: str, today: date) -> list[str]:
    """The confirmation step's warnings for a move (none for a move the campaign
    cannot make: the service refuses that one)."""
    if to not in campaign.allowed_transitions():
        return []
    return transition_preview(campaign=campaign, to=to, today=today)["warnings"]
