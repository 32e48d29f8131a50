from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.decorators import manager_required
from onboarding.selectors import acknowledgement_page, announcement_for_user
from onboarding.services import announcement_acknowledge


@login_required
def announcement_detail(request, pk: int):
    announcement = announcement_for_user(user=request.user, announcement_id=pk)
    return render(
        request,
        "onboarding/announcement_detail.html",
        {"announcement": announcement},
    )


@login_required
@require_POST
def announcement_ack(request, pk: int):
    announcement = announcement_for_user(user=request.user, announcement_id=pk)
    announcement_acknowledge(announcement=announcement, user=request.user)
    messages.success(request, _("Thanks — marked as read."))
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    return redirect(target)


@manager_required
def announcement_report(request, pk: int):
    """Managers: who acknowledged, who has not, per network."""
    return render(
        request,
        "onboarding/announcement_report.html",
        acknowledgement_page(announcement_id=pk),
    )
