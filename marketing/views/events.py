"""Event pages: list, create/edit/publish/cancel, register, attendance, calendar."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.csvfile import csv_response
from core.exceptions import ApplicationError
from core.forms import form_add_service_error
from hub.decorators import (
    manager_required,
    network_member_required,
    staff_required,
)
from marketing import selectors, services
from marketing.calendar import event_ics
from marketing.forms import EventForm, RatingForm
from marketing.models import Event, Registration


@login_required
def event_list_view(request):
    return render(
        request,
        "marketing/event_list.html",
        selectors.event_list_page(user=request.user, number=request.GET.get("page")),
    )


@manager_required
def event_create_view(request, pk=None):
    event = selectors.event_get(user=request.user, pk=pk) if pk else None
    form = EventForm(request.POST or None, instance=event or Event())
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        targeting = {
            "regions": form.cleaned_data["regions"],
            "networks": form.cleaned_data["networks"],
        }
        try:
            if event is None:
                event = services.event_create(actor=request.user, **targeting, **fields)
                messages.success(
                    request, _("Draft saved. Publish it when it is ready.")
                )
            else:
                services.event_update(
                    event=event, actor=request.user, **targeting, **fields
                )
                messages.success(request, _("Event saved."))
            return redirect(event.get_absolute_url())
        except ApplicationError as exc:
            form_add_service_error(form, exc)
    title = _("Edit event") if event else _("New event")
    return render(
        request,
        "marketing/event_form.html",
        {"form": form, "event": event, "title": title},
    )


@login_required
def event_detail_view(request, pk):
    context = selectors.event_page(user=request.user, pk=pk)
    context["rating_form"] = RatingForm()
    return render(request, "marketing/event_detail.html", context)


def _act(request, pk, action, done: str):
    event = selectors.event_get(user=request.user, pk=pk)
    try:
        action(event)
        messages.success(request, done)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(event.get_absolute_url())


@require_POST
@manager_required
def event_publish_view(request, pk):
    return _act(
        request,
        pk,
        lambda e: services.event_publish(event=e, actor=request.user),
        _("Published."),
    )


@manager_required
def event_cancel_view(request, pk):
    event = selectors.event_get(user=request.user, pk=pk)
    if request.method != "POST":
        return render(request, "marketing/event_cancel.html", {"event": event})
    return _act(
        request,
        pk,
        lambda e: services.event_cancel(event=e, actor=request.user),
        _("Cancelled; every registrant is told once."),
    )


@require_POST
@network_member_required
def event_register_view(request, pk):
    event = selectors.event_get(user=request.user, pk=pk)
    try:
        registration = services.event_register(event=event, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(event.get_absolute_url())
    if registration.status == Registration.Status.WAITLISTED:
        messages.info(request, _("The event is full: you are on the waitlist."))
    else:
        messages.success(
            request, _("You are registered. A confirmation is on its way.")
        )
    return redirect(event.get_absolute_url())


@require_POST
@login_required
def event_unregister_view(request, pk):
    event = selectors.event_get(user=request.user, pk=pk)
    registration = selectors.registration_for(event=event, user=request.user)
    if registration is None:
        raise Http404
    try:
        services.registration_cancel(registration=registration, actor=request.user)
        messages.success(request, _("Your registration is cancelled."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(event.get_absolute_url())


@require_POST
@staff_required
def event_attendance_view(request, pk):
    ids = [v for v in request.POST.getlist("attended") if v.isdigit()]
    return _act(
        request,
        pk,
        lambda e: services.attendance_mark(
            event=e, actor=request.user, attended_ids=ids
        ),
        _("Attendance saved."),
    )


@require_POST
@login_required
def event_rate_view(request, pk):
    event = selectors.event_get(user=request.user, pk=pk)
    registration = selectors.registration_for(event=event, user=request.user)
    if registration is None:
        raise Http404
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
        return redirect(event.get_absolute_url())
    return _act(
        request,
        pk,
        lambda e: services.registration_rate(
            registration=registration, user=request.user, **form.cleaned_data
        ),
        _("Thank you for rating the event."),
    )


@login_required
def event_calendar_view(request, pk):
    event = selectors.event_get(user=request.user, pk=pk)
    response = HttpResponse(
        event_ics(event), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@staff_required
def event_attendees_csv_view(request, pk):
    event = selectors.event_get(user=request.user, pk=pk)
    response, writer = csv_response(f"event-{event.pk}-attendees.csv")
    writer.writerow(
        ["name", "email", "network", "status", "in_line_since", "rating", "comment"]
    )
    for r in selectors.event_registrations(event=event):
        writer.writerow(
            [
                str(r.user),
                r.user.email,
                r.network.name,
                r.status,
                r.queued_at.isoformat(),
                r.rating or "",
                r.comment,
            ]
        )
    return response
