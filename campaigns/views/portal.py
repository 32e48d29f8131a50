"""What everyone allowed may read: the list, a campaign's page, exports, files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import services
from campaigns.filters import CampaignFilter
from campaigns.forms import RespondForm
from campaigns.models import Campaign, Enrolment
from campaigns.review import number
from campaigns.selectors import (
    campaign_detail_parts,
    campaign_get,
    campaign_list,
    campaign_performance,
    enrolment_to_answer,
    enrolments_for,
    figure_network_ids,
    metric_list,
    network_summary,
)
from campaigns.vocabulary import METRICS
from core import charts
from core.csvfile import csv_response
from core.exceptions import ApplicationError
from hub import permissions as access
from hub.decorators import member_or_staff_required

PAGE_SIZE = 25


def _page_size(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page_size", PAGE_SIZE)), 100))
    except ValueError:
        return PAGE_SIZE


@member_or_staff_required
def campaign_list_view(request):
    filterset = CampaignFilter(request.GET, queryset=campaign_list(user=request.user))
    page = Paginator(filterset.qs, _page_size(request)).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "can_manage": access.is_manager(request.user),
        },
    )


def _charts(performance, goals_label: str) -> dict:
    goals = charts.goal_bars(
        goals_label,
        [(str(METRICS[g.metric].label), g.actual, g.target) for g in performance.goals],
    )
    trends = [
        {
            "code": code,
            "label": METRICS[code].label,
            "svg": charts.daily_line_chart(
                _("%(label)s per day") % {"label": METRICS[code].label},
                performance.daily[code],
                name=str(METRICS[code].label),
                unit=str(METRICS[code].unit),
            ),
        }
        for code in performance.metrics
    ]
    return {
        "goal_chart": goals if performance.goals else "",
        "trend_charts": trends,
    }


def _network_summary(campaign, performance) -> str:
    """A network's own results in words: no goals, rankings or others' totals."""
    if campaign.status not in (Campaign.Status.REVIEW, Campaign.Status.CLOSED):
        return ""
    return network_summary(
        campaign=campaign, totals=performance.totals, daily=performance.daily
    )


@login_required
def campaign_detail(request, pk: int):
    campaign = campaign_get(user=request.user, pk=pk)
    own = figure_network_ids(user=request.user, campaign=campaign)
    performance = campaign_performance(campaign=campaign, network_ids=own)
    is_network = own is not None
    metrics = performance.metrics
    table = [
        {
            "name": row["name"],
            "values": [
                number(row["values"][code]) if code in row["values"] else None
                for code in metrics
            ],
        }
        for row in performance.per_network
    ]
    context = {
        "campaign": campaign,
        **campaign_detail_parts(campaign=campaign, with_tasks=not is_network),
        "enrolments": enrolments_for(user=request.user, campaign=campaign),
        "performance": performance,
        "metric_columns": [METRICS[code] for code in metrics],
        "totals_row": [number(performance.totals[code]) for code in metrics],
        "network_table": table,
        "goal_rows": [
            {
                "label": METRICS[g.metric].label,
                "target": number(g.target),
                "actual": number(g.actual),
                "percent": g.percent,
                "met": g.met,
            }
            for g in performance.goals
        ],
        "network_summary": _network_summary(campaign, performance)
        if is_network
        else "",
        "is_network": is_network,
        "can_manage": access.is_manager(request.user),
        "transitions": [
            (code, Campaign.Status(code).label)
            for code in campaign.allowed_transitions()
        ],
        **_charts(
            performance,
            _("Your network's figures against the campaign goals")
            if is_network
            else _("Goals against actuals"),
        ),
    }
    from marketing.selectors import campaign_content_summary

    context["linked_content"] = campaign_content_summary(
        campaign=campaign, user=request.user
    )
    return render(request, "campaigns/campaign_detail.html", context)


@login_required
def export_csv(request, pk: int):
    """The figures this person may see, in the upload format (network, date, …)."""
    campaign = campaign_get(user=request.user, pk=pk)
    rows = metric_list(user=request.user, campaign=campaign, filters=request.GET)
    response, writer = csv_response(f"{campaign.slug}-figures.csv")
    writer.writerow(["network", "date", "metric", "value"])
    for network, day, metric, value in rows.values_list(
        "network__slug", "date", "metric", "value"
    ).iterator(chunk_size=5000):
        writer.writerow([network, day.isoformat(), metric, value])
    return response


@login_required
def material_download(request, pk: int, material_id: int):
    campaign = campaign_get(user=request.user, pk=pk)
    material = get_object_or_404(campaign.materials, pk=material_id)
    if not material.file:
        raise Http404
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.download_name(),
    )


@login_required
@require_POST
def enrolment_respond(request, pk: int, enrolment_id: int):
    campaign = campaign_get(user=request.user, pk=pk)
    enrolment = enrolment_to_answer(
        user=request.user, campaign=campaign, pk=enrolment_id
    )
    form = RespondForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or decline."))
        return redirect(campaign)
    accept = form.cleaned_data["answer"] == Enrolment.Status.ACCEPTED
    try:
        services.enrolment_respond(
            enrolment=enrolment, user=request.user, accept=accept
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            (_("You joined %(name)s.") if accept else _("You declined %(name)s."))
            % {"name": campaign.name},
        )
    return redirect(campaign)
