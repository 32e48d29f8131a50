"""The audit log viewer (``/hub/audit/``) and its CSV: agency managers only."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.selectors import CSV_HEADER, audit_csv_rows, audit_filterset
from core.csvfile import streaming_csv_response
from hub.decorators import manager_required

PAGE_SIZE = 50


@manager_required
@require_GET
def audit_log_view(request):
    filterset = audit_filterset(user=request.user, filters=request.GET)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/audit_log.html",
        {"filter": filterset, "page_obj": page, "entries": page.object_list},
    )


@manager_required
@require_GET
def audit_log_export_view(request):
    filterset = audit_filterset(user=request.user, filters=request.GET)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return streaming_csv_response(
        f"audit-log-{stamp}.csv", CSV_HEADER, audit_csv_rows(filterset.qs)
    )
