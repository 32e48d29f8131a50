"""POST-only actions on a ticket; each calls one service and redirects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError, ConflictError
from core.forms import form_add_service_error
from hub import permissions as access
from tickets import selectors, services
from tickets.forms import NoteForm, PropertiesForm, ReplyForm
from tickets.views.pages import detail_context


def _rerender(request, ticket, status=400, **forms):
    ticket = selectors.ticket_get(user=request.user, reference=ticket.reference)
    return render(
        request,
        "tickets/ticket_detail.html",
        detail_context(request, ticket, **forms),
        status=status,
    )


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _properties_partial(request, ticket, *, status=200, saved=False, **forms):
    """The properties panel alone (with the history and the heading's badges
    swapped out of band), for a change made in place through htmx."""
    ticket = selectors.ticket_get(user=request.user, reference=ticket.reference)
    context = {
        "ticket": ticket,
        "props_form": forms.get("props_form") or PropertiesForm.for_ticket(ticket),
        "conflict": forms.get("conflict"),
        "history": selectors.ticket_history(user=request.user, ticket=ticket),
        "saved": saved,
    }
    return render(
        request, "tickets/includes/properties_response.html", context, status=status
    )


def _back_to_properties(request, ticket, *, status=200, saved=False, **forms):
    if is_htmx(request):
        return _properties_partial(request, ticket, status=status, saved=saved, **forms)
    if saved:
        return redirect(f"{ticket.get_absolute_url()}#properties")
    return _rerender(request, ticket, status=status, **forms)


def _staff_ticket(request, reference):
    ticket = selectors.ticket_get(user=request.user, reference=reference)
    if not access.can_work_tickets(request.user):
        raise Http404  # staff-only action: no hint that it exists
    return ticket


@login_required
@require_POST
def ticket_reply_view(request, reference: str):
    ticket = selectors.ticket_get(user=request.user, reference=reference)
    form = ReplyForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        try:
            services.ticket_reply(
                ticket=ticket,
                author=request.user,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
                status=form.cleaned_data.get("status") or None,
                canned_reply=form.cleaned_data.get("canned_reply"),
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Your reply was sent."))
            return redirect(ticket)
    return _rerender(request, ticket, reply_form=form)


@login_required
@require_POST
def ticket_note_view(request, reference: str):
    ticket = _staff_ticket(request, reference)
    form = NoteForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.ticket_add_note(
                ticket=ticket,
                author=request.user,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Internal note added."))
            return redirect(ticket)
    return _rerender(request, ticket, note_form=form)


@login_required
@require_POST
def ticket_properties_view(request, reference: str):
    ticket = _staff_ticket(request, reference)
    form = PropertiesForm.for_ticket(ticket, data=request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.ticket_update(
                ticket=ticket,
                actor=request.user,
                version=data["version"],
                status=data["status"],
                priority=data["priority"],
                kind=data["kind"],
                category=data["category"],
                assignee=data["assignee"],
                tags=form.tag_names(),
            )
        except ConflictError as error:
            # Keep what this person chose; the next save is made over the
            # version they have now seen (the changes are listed above the form).
            ticket = selectors.ticket_get(user=request.user, reference=reference)
            data = request.POST.copy()
            data[form.add_prefix("version")] = error.extra["version"]
            form = PropertiesForm.for_ticket(ticket, data=data)
            form.is_valid()
            form.add_error(None, error.message)
            return _back_to_properties(
                request,
                ticket,
                status=409,
                props_form=form,
                conflict=error.extra.get("changes", []),
            )
        except ApplicationError as error:
            status = getattr(error, "status_code", 400)
            form_add_service_error(form, error)
            return _back_to_properties(request, ticket, status=status, props_form=form)
        if not is_htmx(request):
            messages.success(request, _("Ticket updated."))
        return _back_to_properties(request, ticket, saved=True)
    return _back_to_properties(request, ticket, status=400, props_form=form)


@login_required
@require_POST
def ticket_take_view(request, reference: str):
    ticket = _staff_ticket(request, reference)
    services.ticket_assign(ticket=ticket, actor=request.user, assignee=request.user)
    if not is_htmx(request):
        messages.success(request, _("The ticket is assigned to you."))
    return _back_to_properties(request, ticket, saved=True)
