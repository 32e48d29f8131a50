"""Pages: the list (staff queue or the network's tickets), the form, the ticket."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import form_add_service_error
from faq.services import deflection_mark_filed
from hub import permissions as access
from hub.exceptions import ApplicationError
from tickets import selectors, services, sla
from tickets.forms import (
    BulkActionForm,
    CannedReplyPickForm,
    NoteForm,
    PropertiesForm,
    RatingForm,
    ReplyForm,
    SavedViewForm,
    TicketCreateForm,
)
from tickets.models import Category, SatisfactionRating
from tickets.services.work import may_rate, rating_editable
from tickets.views.undo import bulk_undo_offer


@login_required
def ticket_list_view(request):
    listing = selectors.ticket_list_page(
        user=request.user, params=request.GET, request=request
    )
    context = {
        "filter": listing.filterset,
        "page_obj": listing.page,
        "tickets": listing.tickets,
        "show_network": listing.show_network,
        "page_sizes": selectors.PAGE_SIZES,
    }
    if not listing.is_queue:
        return render(request, "tickets/ticket_list.html", context)
    context.update(
        saved_views=listing.saved_views,
        views=listing.views,
        chips=listing.chips,
        current_query=listing.query,
        save_view_form=SavedViewForm(initial={"query": listing.query}),
        # its own ids: the filters' form has a "status" and a "priority" too
        bulk_form=BulkActionForm(staff=listing.staff_choices(), auto_id="bulk_%s"),
        bulk_undo=bulk_undo_offer(request),
    )
    return render(request, "tickets/ticket_queue.html", context)


def _initial_from_query(request) -> dict:
    """``?subject=…&category=<slug>&article=<slug>`` from the knowledge base."""
    initial = {}
    subject = request.GET.get("subject", "").strip()
    if subject:
        initial["subject"] = subject[: services.MAX_SUBJECT]
    slug = request.GET.get("category", "").strip()
    if slug and Category.objects.filter(slug=slug, is_active=True).exists():
        initial["category"] = slug
    article = request.GET.get("article", "").strip()
    if article:
        initial["description"] = _(
            'I read the article "%(slug)s" and still need help:\n\n'
        ) % {"slug": article[:120]}
    return initial


@login_required
def ticket_create_view(request):
    if not (access.is_staff_member(request.user) or access.network_ids(request.user)):
        messages.error(
            request,
            _("You are not a member of any network yet, so you cannot file tickets."),
        )
        return redirect("home")
    if request.method == "POST":
        form = TicketCreateForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                ticket = services.ticket_create(
                    requester=request.user,
                    network=data.get("network"),
                    subject=data["subject"],
                    description=data["description"],
                    category=data["category"],
                    kind=data["kind"],
                    priority=data["priority"],
                    attachments=data["attachments"],
                )
            except ApplicationError as error:
                form_add_service_error(form, error)
            else:
                # suggestions this person opened did not answer the question after all
                deflection_mark_filed(
                    session_key=request.session.session_key, user=request.user
                )
                messages.success(
                    request,
                    _("Thanks! Your ticket %(ref)s was received.")
                    % {"ref": ticket.reference},
                )
                return redirect(ticket)
    else:
        form = TicketCreateForm(initial=_initial_from_query(request), user=request.user)
    return render(request, "tickets/ticket_form.html", {"form": form})


def detail_context(
    request,
    ticket,
    *,
    reply_form=None,
    note_form=None,
    props_form=None,
    conflict=None,
    rating_form=None,
):
    user = request.user
    is_staff = access.can_work_tickets(user)
    try:  # ticket_get joins it; a ticket from elsewhere reads it here
        rating = ticket.satisfaction
    except SatisfactionRating.DoesNotExist:
        rating = None
    context = {
        "ticket": ticket,
        "conversation": selectors.ticket_messages(user=user, ticket=ticket),
        "ticket_files": selectors.ticket_attachments(ticket=ticket),
        "reply_form": reply_form or ReplyForm(user=user),
        "is_staff_view": is_staff,
        "can_reply": ticket.status != ticket.Status.CLOSED,
        "rating": rating,
        "sla_state": getattr(ticket, "sla_state", None),
        "sla_state_label": sla.State.LABELS.get(getattr(ticket, "sla_state", None)),
        "sla_time_left": sla.time_left(ticket),
    }
    solved = ticket.status in (ticket.Status.SOLVED, ticket.Status.CLOSED)
    if solved and may_rate(user, ticket) and rating_editable(rating):
        initial = {"score": rating.score, "comment": rating.comment} if rating else {}
        context["rating_form"] = rating_form or RatingForm(initial=initial)
    if is_staff:
        from tickets.models import CannedReply

        macros = list(CannedReply.objects.filter(is_active=True))
        context.update(
            note_form=note_form or NoteForm(),
            props_form=props_form or PropertiesForm.for_ticket(ticket),
            history=selectors.ticket_history(user=user, ticket=ticket),
            conflict=conflict,
            macro_form=CannedReplyPickForm(macros=macros),
            macro_texts=_macro_texts(ticket, user, macros),
            side_panels=[
                "tickets/includes/panel_sla.html",
                "tickets/includes/panel_properties.html",
                "tickets/includes/panel_satisfaction.html",
            ],
        )
    return context


def _macro_texts(ticket, user, macros) -> list[dict]:
    """Each active macro rendered for this ticket (the JS fills the reply box)."""
    return [
        {
            "id": macro.pk,
            "body": services.canned_reply_render(
                macro=macro, ticket=ticket, agent=user
            ),
            "status": macro.set_status,
        }
        for macro in macros
    ]


@login_required
def ticket_detail_view(request, reference: str):
    ticket = selectors.ticket_get(user=request.user, reference=reference)
    services.ticket_mark_seen(request.user, ticket)
    return render(
        request, "tickets/ticket_detail.html", detail_context(request, ticket)
    )
