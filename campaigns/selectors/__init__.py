"""Reads for campaigns and their figures, with the caller's permissions applied:
``campaigns`` (which campaigns, enrolments and metric rows a person may see; the
campaign page's parts), ``figures`` (the one rule for daily series, totals and a
campaign's performance) and ``networks`` (one network's campaigns).

The names other modules use are imported here.
"""

from campaigns.selectors.campaigns import (  # noqa: F401
    campaign_detail_parts,
    campaign_get,
    campaign_list,
    enrolment_list,
    enrolment_to_answer,
    enrolments_for,
    figure_network_ids,
    metric_list,
    transition_preview,
    transition_warnings,
)
from campaigns.selectors.figures import (  # noqa: F401
    campaign_figures,
    campaign_performance,
    campaign_totals,
    headline_metric,
    network_share_of_target,
    network_summary,
)
from campaigns.selectors.networks import (  # noqa: F401
    campaign_results_for_network,
    current_campaigns_for_network,
    upcoming_campaigns_for_network,
)
