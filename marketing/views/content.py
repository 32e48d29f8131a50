"""Content engagement: top content with trend charts, item pages, the CSV load."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from campaigns.review import number
from core import charts
from core.csvfile import csv_response
from core.exceptions import ApplicationError
from core.forms import form_add_service_error
from core.reload import preview_sample
from core.timefmt import local_date
from hub import permissions as access
from hub.decorators import member_or_staff_required
from marketing import selectors, services
from marketing.engagement import METRICS, engagement_rate
from marketing.forms import ContentUploadForm
from marketing.loading import CSV_COLUMNS
from marketing.models import ContentUpload

CHARTED = ("views", "likes", "shares")


def _charts(items_qs) -> list[dict]:
    daily = selectors.content_daily(items_qs=items_qs)
    return [
        {
            "label": METRICS[code],
            "svg": charts.daily_line_chart(
                _("%(label)s per day") % {"label": METRICS[code]},
                daily[code],
                name=str(METRICS[code]),
            ),
        }
        for code in CHARTED
    ]


def _filter(request):
    network = request.GET.get("network") or ""
    campaign = request.GET.get("campaign") or ""

    def apply(qs):
        if network:
            qs = qs.filter(network__slug=network)
        if campaign.isdigit():
            qs = qs.filter(campaign_id=int(campaign))
        return qs

    return apply


@member_or_staff_required
def content_list_view(request):
    items = selectors.top_content(user=request.user, filters=_filter(request))
    page = Paginator(items, 25).get_page(request.GET.get("page"))
    rows = [
        {
            "item": item,
            "totals": (t := selectors.item_totals(item)),
            "rate": engagement_rate(t),
        }
        for item in page
    ]
    return render(
        request,
        "marketing/content_list.html",
        {
            "page_obj": page,
            "rows": rows,
            "charts": _charts(items.values("pk")),
            "networks": access.visible_networks(request.user).order_by("name"),
            "chosen_network": request.GET.get("network", ""),
        },
    )


@login_required
def content_detail_view(request, pk):
    item = selectors.content_get(user=request.user, pk=pk)
    totals = selectors.item_totals(item)
    return render(
        request,
        "marketing/content_detail.html",
        {
            "item": item,
            "totals": [(METRICS[c], v) for c, v in totals.items()],
            "rate": engagement_rate(totals),
            "charts": _charts([item.pk]),
        },
    )


def _upload_networks(user):
    networks = access.visible_networks(user).order_by("name")
    if not networks.exists():
        raise Http404
    return networks


@login_required
def content_upload_view(request):
    networks = _upload_networks(request.user)
    form = ContentUploadForm(
        request.POST or None, request.FILES or None, networks=networks
    )
    row_errors = {}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error(
                "file", _("The file is not UTF-8 text (save it as CSV UTF-8).")
            )
        else:
            try:
                staged = services.content_upload_stage(
                    network=form.cleaned_data["network"],
                    user=request.user,
                    text=text,
                    filename=upload.name or "",
                )
                return redirect("marketing:content_upload_preview", pk=staged.pk)
            except ApplicationError as exc:
                row_errors = exc.extra.get("rows", {})
                form_add_service_error(form, exc)
    return render(
        request,
        "marketing/content_upload.html",
        {"form": form, "row_errors": row_errors, "columns": CSV_COLUMNS},
    )


@login_required
def content_upload_preview_view(request, pk):
    upload = get_object_or_404(
        ContentUpload, pk=pk, uploaded_by=request.user, applied_at__isnull=True
    )
    if request.method == "POST":
        try:
            counts = services.content_upload_apply(
                upload=upload,
                user=request.user,
                previewed=request.POST.get("previewed"),
            )
            messages.success(
                request,
                _(
                    "Loaded: %(new)s new, %(changed)s changed, %(unchanged)s unchanged figures."
                )
                % counts,
            )
            return redirect("marketing:content_list")
        except ApplicationError as exc:
            messages.error(request, exc.message)
    counts, diff = services.content_upload_preview(upload=upload)
    sample = preview_sample(
        diff,
        describe=lambda f: [f.url, local_date(f.date), METRICS[f.metric]],
        show=number,
    )
    return render(
        request,
        "marketing/content_upload_preview.html",
        {
            "upload": upload,
            "counts": counts,
            "sample": sample,
            "columns": [_("Content"), _("Date"), _("Metric")],
            "previewed": diff.fingerprint(),
        },
    )


@login_required
def content_template_view(request):
    _upload_networks(request.user)
    response, writer = csv_response("content-template.csv")
    writer.writerow(CSV_COLUMNS)
    writer.writerow(
        [
            "https://www.tiktok.com/@creator/video/1",
            "creator",
            "short_video",
            "2026-03-01 18:00",
            "",
            "#live",
            "2026-03-01",
            1200,
            140,
            12,
            9,
            300,
            15,
        ]
    )
    return response
