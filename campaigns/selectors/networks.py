"""One network's campaigns: its own results and the campaigns coming up (the
monthly digest), and the campaigns it is in now (beside its tickets, for staff).
"""

from datetime import date

from django.db.models import Max, Prefetch, QuerySet

from campaigns.models import Campaign, Enrolment
from campaigns.selectors.campaigns import NETWORK_VISIBLE_STATUSES
from campaigns.selectors.figures import daily_figures, network_summary, roll_up
from campaigns.vocabulary import METRICS


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
