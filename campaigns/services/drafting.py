"""Gather a campaign's figures and draft its review summary."""

from campaigns.models import Campaign
from campaigns.review import draft_summary
from campaigns.selectors import campaign_performance, headline_metric


def draft_review_summary(*, campaign: Campaign) -> str:
    performance = campaign_performance(campaign=campaign)
    goals = list(campaign.goals.all())
    headline = headline_metric(performance, goals)
    top_networks = []
    peak_days = []
    if headline:
        ranked = sorted(
            (
                (row["name"], row["values"][headline])
                for row in performance.per_network
                if headline in row["values"]
            ),
            key=lambda item: -item[1],
        )
        top_networks = ranked[:3]
        peak_days = sorted(performance.daily[headline], key=lambda d: -d[1])[:3]
    return draft_summary(
        name=campaign.name,
        start=campaign.start_date,
        end=campaign.end_date,
        goals=performance.goals,
        totals=performance.totals,
        top_networks=top_networks,
        headline=headline,
        peak_days=peak_days,
        network_count=campaign.enrolments.filter(status="accepted").count(),
    )
