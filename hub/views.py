"""Portal shell views: home, network pages, health check and error pages."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.exceptions import ApplicationError
from hub import permissions as access
from hub.decorators import manager_required, staff_required
from hub.filters import NetworkFilter
from hub.forms import NetworkLanguageForm
from hub.selectors import network_list, person_get

logger = logging.getLogger(__name__)


@login_required
def home(request):
    """Portal home; each capability adds its panels through ``hub.home``."""
    from hub.home import home_context

    return render(request, "hub/home.html", home_context(request.user))


@staff_required
def network_list_view(request):
    filterset = NetworkFilter(request.GET, queryset=network_list(user=request.user))
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request, "hub/network_list.html", {"filter": filterset, "page_obj": page}
    )


@login_required
def network_detail(request, slug: str):
    network = get_object_or_404(network_list(user=request.user), slug=slug)
    memberships = network.memberships.select_related("user").order_by(
        "role", "user__email"
    )
    return render(
        request,
        "hub/network_detail.html",
        {
            "network": network,
            "memberships": memberships,
            "can_manage_members": access.can_manage_members(request.user, network),
            "can_erase": access.is_manager(request.user),
            "language_form": NetworkLanguageForm(
                initial={"default_language": network.default_language}
            )
            if access.can_manage_network(request.user, network)
            else None,
        },
    )


@manager_required
@require_GET
def network_export_view(request, slug: str):
    """The network's data as a zip (JSON, CSV and the attached files)."""
    from hub.privacy import network_export

    network = get_object_or_404(network_list(user=request.user), slug=slug)
    file, filename = network_export(actor=request.user, network=network)
    return FileResponse(file, as_attachment=True, filename=filename)


@manager_required
@require_http_methods(["GET", "POST"])
def person_erase_view(request, pk: int):
    """Confirm, then erase a network person's personal data."""
    from hub.privacy import person_erase
    from hub.privacy.erasure import is_erased

    person = person_get(pk=pk)
    if request.method == "POST":
        try:
            removed = person_erase(actor=request.user, person=person)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Their personal data was erased (%(n)s records removed).")
                % {"n": sum(removed.values())},
            )
            return redirect("hub:network_list")
    return render(
        request,
        "hub/person_erase.html",
        {
            "person": person,
            "memberships": person.memberships.select_related("network"),
            "ticket_count": person.requested_tickets.count(),
            "erased": is_erased(person),
        },
    )


def _check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        logger.warning("healthz: database check failed: %s", exc)
        return {
            "ok": False,
            "vendor": connection.vendor,
            "error": exc.__class__.__name__,
        }


def _check_broker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "in-process"}
    from hub.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return {"ok": True, "mode": "broker"}
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        logger.warning("healthz: broker check failed: %s", exc)
        return {"ok": False, "mode": "broker", "error": exc.__class__.__name__}


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _check_database(), "broker": _check_broker()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unhealthy", **checks},
        status=200 if healthy else 503,
    )


def _wants_json(request) -> bool:
    return request.path.startswith(
        "/api/"
    ) or "application/json" in request.headers.get("Accept", "")


def error_400(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"message": "Bad request.", "errors": {}}, status=400)
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    if _wants_json(request):
        return JsonResponse(
            {"message": "You do not have permission to do this.", "errors": {}},
            status=403,
        )
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"message": "Not found.", "errors": {}}, status=404)
    return render(request, "404.html", status=404)


def error_500(request):
    if _wants_json(request):
        return JsonResponse(
            {
                "message": "Something went wrong on our side; the error was logged.",
                "errors": {},
            },
            status=500,
        )
    return render(request, "500.html", status=500)
