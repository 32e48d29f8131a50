"""Portal pages of feature tests. Managers run them; networks apply, answer
invitations and check in; staff read the report. Everyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.csvfile import streaming_csv_response
from core.exceptions import ApplicationError
from core.forms import form_add_service_error
from hub import permissions as access
from hub.decorators import (
    manager_required,
    member_or_staff_required,
    network_member_required,
    staff_required,
)
from programmes import selectors, services
from programmes.filters import FeatureTestFilter
from programmes.forms import CheckInForm, FeatureTestForm, InviteForm
from programmes.models import Application, FeatureTest

PAGE_SIZE = 25


@member_or_staff_required
def feature_test_list_view(request):
    filterset = FeatureTestFilter(
        request.GET, queryset=selectors.feature_test_list(user=request.user)
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/featuretest_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "can_manage": access.is_manager(request.user),
        },
    )


@login_required
def feature_test_detail(request, pk: int):
    """The test's page: what ``selectors.programme_page`` reads, and the check-in
    form for a network taking part while the test runs."""
    test = selectors.feature_test_get(user=request.user, pk=pk)
    context = selectors.programme_page(user=request.user, programme=test)
    if context.get("participating") and test.status == FeatureTest.Status.RUNNING:
        context["checkin_form"] = CheckInForm()
    return render(request, "programmes/featuretest_detail.html", context)


def _form_page(request, *, form, title, test=None, action_label=None):
    return render(
        request,
        "programmes/featuretest_form.html",
        {
            "form": form,
            "title": title,
            "test": test,
            "action_label": action_label or _("Save"),
        },
    )


@manager_required
def feature_test_create(request):
    form = FeatureTestForm(request.POST or None, initial={"owner": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            test = services.feature_test_create(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Feature test created; it is recruiting."))
            return redirect(test)
    return _form_page(request, form=form, title=_("New feature test"))


@manager_required
def feature_test_edit(request, pk: int):
    test = selectors.feature_test_get(user=request.user, pk=pk)
    initial = {
        "name": test.name,
        "description": test.description,
        "guide": test.guide,
        "start_date": test.start_date,
        "end_date": test.end_date,
        "capacity": test.capacity,
        "regions": list(test.regions.all()),
        "tiers": test.tiers,
        "owner": test.owner,
    }
    form = FeatureTestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.feature_test_update(
                feature_test=test, user=request.user, **form.cleaned_data
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Feature test saved."))
            return redirect(test)
    return _form_page(request, form=form, title=_("Edit feature test"), test=test)


@manager_required
@require_POST
def feature_test_transition(request, pk: int):
    """Closing is final: the first POST shows what closing means and asks to
    confirm; only the confirmed POST closes."""
    test = selectors.feature_test_get(user=request.user, pk=pk)
    to = request.POST.get("to", "")
    if to == FeatureTest.Status.CLOSED and request.POST.get("confirm") != "yes":
        return render(
            request,
            "programmes/featuretest_confirm_close.html",
            {
                "test": test,
                "report": selectors.feature_test_report(feature_test=test),
                "checklist": selectors.documentation_checklist(test),
            },
        )
    try:
        test = services.feature_test_transition(
            feature_test=test, user=request.user, to=to
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The feature test is now %(status)s.")
            % {"status": test.get_status_display()},
        )
    return redirect(test)


@manager_required
@require_POST
def documentation_mark(request, pk: int):
    test = selectors.feature_test_get(user=request.user, pk=pk)
    try:
        services.documentation_mark(
            feature_test=test,
            user=request.user,
            step=request.POST.get("step", ""),
            done=request.POST.get("done") == "1",
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Documentation checklist updated."))
    return redirect(test.get_absolute_url() + "#documentation")


@manager_required
def application_invite(request, pk: int):
    test = selectors.feature_test_get(user=request.user, pk=pk)
    form = InviteForm(request.POST or None, feature_test=test)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.application_invite(
                feature_test=test, user=request.user, **form.cleaned_data
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("%(n)s networks invited.") % {"n": len(new)})
            return redirect(test)
    return _form_page(
        request,
        form=form,
        title=_("Invite networks"),
        test=test,
        action_label=_("Invite"),
    )


@network_member_required
@require_POST
def application_apply(request, pk: int):
    test = selectors.feature_test_get(user=request.user, pk=pk)
    network = selectors.own_network_get(
        user=request.user, slug=request.POST.get("network")
    )
    try:
        services.application_apply(
            feature_test=test, user=request.user, network=network
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Applied. A manager will confirm your place."))
    return redirect(test)


@login_required
@require_POST
def application_decide(request, pk: int, application_id: int):
    """Managers accept or decline applications; an invited network answers its
    invitation. Interns and other networks get 404."""
    test = selectors.feature_test_get(user=request.user, pk=pk)
    application = get_object_or_404(
        selectors.application_list(user=request.user, feature_test=test),
        pk=application_id,
    )
    if not access.is_manager(request.user) and (
        access.is_staff_member(request.user) or not application.invited
    ):
        raise Http404
    try:
        application = services.application_decide(
            application=application,
            user=request.user,
            status=request.POST.get("status", ""),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(network)s: %(status)s.")
            % {
                "network": application.network.name,
                "status": application.get_status_display(),
            },
        )
    return redirect(test)


@network_member_required
def checkin_submit(request, pk: int):
    test = selectors.feature_test_get(user=request.user, pk=pk)
    participating = [
        a
        for a in selectors.application_list(user=request.user, feature_test=test)
        if a.status == Application.Status.ACCEPTED
    ]
    if not participating:
        raise Http404
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_submit(
                feature_test=test,
                user=request.user,
                network=participating[0].network,
                **form.cleaned_data,
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Thank you: your check-in is recorded."))
            return redirect(test)
    return render(
        request,
        "programmes/checkin_form.html",
        {"test": test, "form": form, "week": services.current_week()},
    )


@staff_required
def export_csv(request, pk: int):
    test = selectors.feature_test_get(user=request.user, pk=pk)
    return streaming_csv_response(
        f"feature-test-{test.pk}-checkins.csv",
        selectors.EXPORT_HEADER,
        selectors.checkin_export_rows(feature_test=test),
    )
