"""Loading figures from a CSV: upload → preview (new/changed/unchanged) → confirm."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from campaigns import services
from campaigns.forms import MetricUploadForm
from campaigns.models import Enrolment, MetricUpload
from campaigns.review import number
from campaigns.selectors import campaign_get
from campaigns.services.metrics import MetricBatchError, metric_upload_preview
from campaigns.vocabulary import METRICS
from core.csvfile import csv_response
from core.exceptions import ApplicationError
from core.forms import form_add_service_error
from core.reload import preview_sample
from core.timefmt import local_date
from hub.decorators import manager_required


@manager_required
def template_csv(request, pk: int):
    """A CSV template: the header and one example row per accepted network."""
    campaign = campaign_get(user=request.user, pk=pk)
    response, writer = csv_response(f"{campaign.slug}-template.csv")
    writer.writerow(["network", "date", "metric", "value"])
    slugs = campaign.enrolments.filter(status=Enrolment.Status.ACCEPTED).values_list(
        "network__slug", flat=True
    )
    for slug in slugs:
        for code in METRICS:
            writer.writerow([slug, campaign.start_date.isoformat(), code, ""])
    return response


@manager_required
def upload(request, pk: int):
    campaign = campaign_get(user=request.user, pk=pk)
    form = MetricUploadForm(request.POST or None, request.FILES or None)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            staged, _result = services.metric_upload_stage(
                campaign=campaign,
                user=request.user,
                content=file.read(),
                filename=file.name,
            )
        except MetricBatchError as exc:
            form_add_service_error(form, exc)
            row_errors = exc.lines()
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            return redirect(
                "campaigns:upload_preview", pk=campaign.pk, upload_id=staged.pk
            )
    return render(
        request,
        "campaigns/metric_upload.html",
        {
            "campaign": campaign,
            "form": form,
            "row_errors": row_errors,
            "metrics": METRICS.values(),
        },
    )


@manager_required
def upload_preview(request, pk: int, upload_id: int):
    """GET shows what confirming would do; POST applies it."""
    campaign = campaign_get(user=request.user, pk=pk)
    staged = get_object_or_404(
        campaign.uploads.filter(status=MetricUpload.Status.PENDING), pk=upload_id
    )
    if request.method == "POST":
        return _confirm(request, campaign, staged)
    result, diff = metric_upload_preview(upload=staged)
    names = dict(campaign.enrolments.values_list("network_id", "network__name"))
    sample = preview_sample(
        diff,
        describe=lambda row: [
            names.get(row.network_id, "?"),
            local_date(row.date),
            METRICS[row.metric].label,
        ],
        show=number,
    )
    return render(
        request,
        "campaigns/metric_upload_preview.html",
        {
            "campaign": campaign,
            "upload": staged,
            "result": result,
            "sample": sample,
            "columns": [_("Network"), _("Date"), _("Metric")],
            "previewed": diff.fingerprint(),
        },
    )


def _confirm(request, campaign, staged):
    try:
        result = services.metric_upload_confirm(
            upload=staged,
            user=request.user,
            previewed=request.POST.get("previewed"),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(campaign)
    messages.success(
        request,
        _("Figures loaded: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.")
        % {"new": result.new, "changed": result.changed, "unchanged": result.unchanged},
    )
    return redirect(f"{campaign.get_absolute_url()}#figures")
