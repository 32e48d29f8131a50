"""Manager forms: create and edit campaigns, goals, checklist, enrolments, materials,
review notes, and status moves. Everyone but agency managers gets 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import selectors, services
from campaigns.forms import (
    CampaignForm,
    GoalForm,
    InviteForm,
    MaterialForm,
    ReviewForm,
    TaskForm,
)
from campaigns.models import Campaign
from campaigns.selectors import campaign_get
from core.exceptions import ApplicationError
from core.forms import form_add_service_error
from hub.decorators import manager_required


def _form_page(request, *, form, title, campaign=None, action_label=None, **extra):
    return render(
        request,
        "campaigns/campaign_form.html",
        {
            "form": form,
            "title": title,
            "campaign": campaign,
            "action_label": action_label or _("Save"),
            **extra,
        },
    )


@manager_required
def campaign_create(request):
    form = CampaignForm(request.POST or None, initial={"owner": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Campaign created as a draft."))
            return redirect(campaign)
    return _form_page(request, form=form, title=_("New campaign"))


@manager_required
def campaign_edit(request, pk: int):
    campaign = campaign_get(user=request.user, pk=pk)
    initial = {
        "name": campaign.name,
        "kind": campaign.kind,
        "regions": list(campaign.regions.all()),
        "start_date": campaign.start_date,
        "end_date": campaign.end_date,
        "owner": campaign.owner,
        "description": campaign.description,
    }
    form = CampaignForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                campaign=campaign, user=request.user, **form.cleaned_data
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Campaign saved."))
            return redirect(campaign)
    return _form_page(request, form=form, title=_("Edit campaign"), campaign=campaign)


@manager_required
def campaign_transition(request, pk: int):
    """Ask first, then move: GET (or a POST without ``confirmed``) shows what the
    move will do (start date still ahead, open tasks, who is told); the
    confirmation's POST moves the campaign."""
    campaign = campaign_get(user=request.user, pk=pk)
    to = request.POST.get("to") or request.GET.get("to", "")
    if to not in campaign.allowed_transitions():
        label = dict(Campaign.Status.choices).get(to, to)
        messages.error(
            request,
            _("A %(status)s campaign cannot move to %(to)s.")
            % {"status": campaign.get_status_display(), "to": label},
        )
        return redirect(campaign)
    if request.method != "POST" or request.POST.get("confirmed") != "1":
        preview = selectors.transition_preview(
            campaign=campaign, to=to, today=timezone.localdate()
        )
        return render(
            request,
            "campaigns/campaign_transition_confirm.html",
            {"campaign": campaign, "preview": preview},
        )
    try:
        campaign = services.campaign_transition(
            campaign=campaign, user=request.user, to=to
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The campaign is now %(status)s.")
            % {"status": campaign.get_status_display()},
        )
    return redirect(campaign)


def _simple_form(request, pk, form_class, service, title, done, **service_kwargs):
    campaign = campaign_get(user=request.user, pk=pk)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(
                campaign=campaign,
                user=request.user,
                **form.cleaned_data,
                **service_kwargs,
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(campaign)
    return _form_page(request, form=form, title=title, campaign=campaign)


@manager_required
def goal_add(request, pk: int):
    return _simple_form(
        request,
        pk,
        GoalForm,
        services.goal_set,
        _("Add or change a goal"),
        _("Goal saved."),
    )


@manager_required
@require_POST
def goal_delete(request, pk: int, goal_id: int):
    campaign = campaign_get(user=request.user, pk=pk)
    goal = get_object_or_404(campaign.goals, pk=goal_id)
    services.goal_delete(goal=goal, user=request.user)
    messages.success(request, _("Goal removed."))
    return redirect(campaign)


@manager_required
def task_add(request, pk: int):
    return _simple_form(
        request,
        pk,
        TaskForm,
        services.task_create,
        _("Add a checklist task"),
        _("Task added."),
    )


@manager_required
@require_POST
def task_toggle(request, pk: int, task_id: int):
    campaign = campaign_get(user=request.user, pk=pk)
    task = get_object_or_404(campaign.tasks, pk=task_id)
    services.task_set_done(
        task=task, user=request.user, done=request.POST.get("done") == "1"
    )
    return redirect(f"{campaign.get_absolute_url()}#checklist")


@manager_required
def material_add(request, pk: int):
    return _simple_form(
        request,
        pk,
        MaterialForm,
        services.material_create,
        _("Add training material"),
        _("Material added."),
    )


@manager_required
@require_POST
def material_delete(request, pk: int, material_id: int):
    campaign = campaign_get(user=request.user, pk=pk)
    material = get_object_or_404(campaign.materials, pk=material_id)
    services.material_delete(material=material, user=request.user)
    messages.success(request, _("Material removed."))
    return redirect(campaign)


@manager_required
def enrolment_invite(request, pk: int):
    campaign = campaign_get(user=request.user, pk=pk)
    form = InviteForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            invited = services.enrolment_invite(
                campaign=campaign,
                user=request.user,
                networks=list(form.cleaned_data["networks"]),
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(
                request, _("%(n)s networks invited.") % {"n": len(invited)}
            )
            return redirect(campaign)
    return _form_page(
        request,
        form=form,
        title=_("Invite networks"),
        campaign=campaign,
        action_label=_("Invite"),
    )


@manager_required
def review_edit(request, pk: int):
    campaign = campaign_get(user=request.user, pk=pk)
    if campaign.status not in (Campaign.Status.REVIEW, Campaign.Status.CLOSED):
        messages.error(request, _("Review notes open once the campaign is in review."))
        return redirect(campaign)
    form = ReviewForm(
        request.POST or None,
        initial={
            "review_summary": campaign.review_summary,
            "review_worked": campaign.review_worked,
            "review_change": campaign.review_change,
            "review_next_actions": campaign.review_next_actions,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_review_update(
                campaign=campaign, user=request.user, **form.cleaned_data
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Review notes saved."))
            return redirect(campaign)
    return _form_page(
        request, form=form, title=_("Post-review notes"), campaign=campaign
    )
