"""POST actions around the ticket work: canned replies, bulk changes, saved views,
satisfaction ratings. Each calls one service and redirects (or re-renders)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.forms import form_add_service_error
from hub.decorators import staff_required
from tickets import selectors, services
from tickets.forms import (
    BulkActionForm,
    CannedReplyPickForm,
    ComposerForm,
    RatingForm,
    SavedViewForm,
)
from tickets.models import Ticket
from tickets.services import UNSET
from tickets.views.actions import _rerender, _staff_ticket
from tickets.views.undo import bulk_undo_remember


def _safe_next(request) -> str:
    """``next`` when it stays on this site, else ""."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return ""


def _back_to_queue(request):
    return redirect(_safe_next(request) or "tickets:list")


@login_required
@require_POST
def canned_reply_apply_view(request, reference: str):
    """Insert a canned reply into the composer (without JavaScript: the composer's
    "Insert" posts here and the page comes back with the text added after what
    was typed; nothing is sent)."""
    ticket = _staff_ticket(request, reference)
    pick = CannedReplyPickForm(request.POST, prefix="pick")
    if not pick.is_valid():
        messages.error(request, _("Choose a canned reply."))
        return redirect(f"{ticket.get_absolute_url()}#composer")
    macro = pick.cleaned_data["canned_reply"]
    text = services.canned_reply_render(macro=macro, ticket=ticket, agent=request.user)
    typed = request.POST.get("body", "").rstrip()
    data = {
        **request.POST.dict(),
        "kind": request.POST.get("kind") or ComposerForm.REPLY,
        "body": f"{typed}\n\n{text}" if typed else text,
        "canned_reply": macro.pk,
        "seen": request.POST.get("seen", "0"),
    }
    return _rerender(request, ticket, status=200, composer_form=ComposerForm(data))


@staff_required
@require_POST
def ticket_bulk_view(request):
    references = request.POST.getlist("tickets")
    form = BulkActionForm(request.POST, references=references)
    if not form.is_valid():
        messages.error(request, _("Select tickets and what to change."))
        return _back_to_queue(request)
    data = form.cleaned_data
    assignee = UNSET
    if data["assignee"] == BulkActionForm.UNASSIGN:
        assignee = None
    elif data["assignee"]:
        assignee = selectors.staff_assignee(pk=data["assignee"])
        if assignee is None:
            messages.error(request, _("That person cannot be assigned tickets."))
            return _back_to_queue(request)
    tickets = selectors.ticket_list(user=request.user).filter(
        reference__in=data["tickets"]
    )
    if data["status"] == Ticket.Status.CLOSED and not request.POST.get("confirmed"):
        # "closed" is final for the network: ask first, on a page of its own
        return render(
            request,
            "tickets/ticket_bulk_confirm.html",
            {
                "tickets": list(tickets),
                "fields": [
                    (name, value)
                    for name, values in request.POST.lists()
                    if name != "csrfmiddlewaretoken"
                    for value in values
                ],
                "back": _safe_next(request),
            },
        )
    try:
        changed = services.tickets_bulk_update(
            actor=request.user,
            tickets=tickets,
            assignee=assignee,
            status=data["status"] or None,
            priority=data["priority"] or None,
            add_tag=data["add_tag"] or None,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext("%(n)s ticket updated.", "%(n)s tickets updated.", len(changed))
            % {"n": len(changed)},
        )
        if data["status"]:
            bulk_undo_remember(request, changed)
    return _back_to_queue(request)


@staff_required
@require_POST
def saved_view_create_view(request):
    form = SavedViewForm(request.POST)
    if form.is_valid():
        try:
            view = services.saved_view_create(
                owner=request.user,
                name=form.cleaned_data["name"],
                query=form.cleaned_data["query"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("View saved."))
            return redirect(f"{reverse('tickets:list')}?{view.query}")
    else:
        messages.error(request, _("Give the view a name."))
    return _back_to_queue(request)


@staff_required
@require_POST
def saved_view_delete_view(request, pk: int):
    view = selectors.own_saved_view(user=request.user, pk=pk)
    services.saved_view_delete(actor=request.user, view=view)
    messages.success(request, _("View deleted."))
    return redirect("tickets:list")


@login_required
@require_POST
def ticket_rate_view(request, reference: str):
    ticket = selectors.ticket_get(user=request.user, reference=reference)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.satisfaction_rate(
                ticket=ticket,
                user=request.user,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ApplicationError as error:
            if error.status_code == 404:
                raise Http404 from error
            form_add_service_error(form, error)
            status = error.status_code
        else:
            messages.success(request, _("Thank you for your rating!"))
            return redirect(f"{ticket.get_absolute_url()}#rate")
    else:
        status = 400
    return render(
        request,
        "tickets/ticket_detail.html",
        _detail(request, ticket, rating_form=form),
        status=status,
    )


def _detail(request, ticket, **kwargs):
    from tickets.views.pages import detail_context

    return detail_context(request, ticket, **kwargs)
