"""Campaigns and their parts as a person may see them.

Staff (interns, managers) see every campaign. A network member sees the campaigns
(past draft) that one of their networks is enrolled in, and only the rows of their
own networks (enrolments, metric rows). Also the campaign page's goals, tasks and
materials, and what a status change will do (its confirmation step).
"""

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.models import Campaign, CampaignMetric, Enrolment
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


def enrolment_to_answer(*, user, campaign: Campaign, pk: int) -> Enrolment:
    """One of the campaign's enrolments for a network this person belongs to (the
    invitation they may accept or decline); 404 otherwise."""
    return get_object_or_404(
        Enrolment.objects.filter(
            campaign=campaign, network_id__in=access.network_ids(user)
        ),
        pk=pk,
    )


def enrolments_for(*, user, campaign: Campaign) -> list[Enrolment]:
    return list(enrolment_list(user=user, campaign=campaign))


def campaign_detail_parts(*, campaign: Campaign, with_tasks: bool = True) -> dict:
    """Goals, the setup checklist (staff only) and materials."""
    return {
        "goals": list(campaign.goals.all()),
        "tasks": list(campaign.tasks.select_related("owner")) if with_tasks else [],
        "materials": list(campaign.materials.select_related("guide")),
    }


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
