from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from hub import permissions as access
from onboarding.filters import OnboardingFilter
from onboarding.selectors import (
    checklist_rows,
    onboarding_for_network,
    onboarding_list,
    step_for_user,
)
from onboarding.services import onboarding_step_set_done


@login_required
def index(request):
    """Managers: their networks' progress. Network people: their checklist(s)."""
    user = request.user
    if access.is_staff_member(user):
        filterset = OnboardingFilter(
            request.GET, queryset=onboarding_list(user=user), user=user
        )
        page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
        return render(
            request,
            "onboarding/onboarding_list.html",
            {"filter": filterset, "page_obj": page},
        )
    onboardings = list(onboarding_list(user=user))
    if len(onboardings) == 1:
        return redirect("onboarding:detail", slug=onboardings[0].network.slug)
    return render(
        request,
        "onboarding/onboarding_list.html",
        {"page_obj": onboardings, "filter": None},
    )


@login_required
def detail(request, slug: str):
    onboarding = onboarding_for_network(user=request.user, slug=slug)
    steps = checklist_rows(user=request.user, onboarding=onboarding)
    return render(
        request,
        "onboarding/onboarding_detail.html",
        {
            "onboarding": onboarding,
            "network": onboarding.network,
            "steps": steps,
            "can_manage_members": access.can_manage_members(
                request.user, onboarding.network
            ),
        },
    )


@login_required
@require_POST
def step_toggle(request, step_id: int):
    step = step_for_user(user=request.user, step_id=step_id)
    slug = step.onboarding.network.slug
    try:
        onboarding_step_set_done(
            step=step, user=request.user, done=request.POST.get("done") == "1"
        )
    except ApplicationError as exc:
        if exc.status_code == 404:
            raise Http404 from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Checklist updated."))
    return redirect("onboarding:detail", slug=slug)
