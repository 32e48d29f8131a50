"""Pages: the list (staff queue or the network's tickets), the form, the ticket."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from faq.services import deflection_mark_filed
from hub import permissions as access
from hub.exceptions import ApplicationError
from hub.paginator import FastPaginator
from tickets import selectors, services, sla
from tickets.filters import TicketFilter
from tickets.forms import (
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

PAGE_SIZES = (25, 50, 100)


def _page_size(request) -> int:
    try:
        size = int(request.GET.get("per_page", PAGE_SIZES[0]))
    except ValueError:
        return PAGE_SIZES[0]
    return size if size in PAGE_SIZES else PAGE_SIZES[0]


@login_required
def ticket_list_view(request):
    is_staff = access.is_staff_member(request.user)
    filterset = TicketFilter(
        request.GET,
        queryset=selectors.ticket_list(user=request.user, queue=is_staff),
        request=request,
    )
    paginator = FastPaginator(
        filterset.qs,
        _page_size(request),
        count_key=selectors.list_count_key(user=request.user, params=request.GET),
    )
    page = paginator.get_page(request.GET.get("page"))
    if is_staff:
        page.object_list = selectors.attach_tag_names(list(page.object_list))
    template = "tickets/ticket_queue.html" if is_staff else "tickets/ticket_list.html"
    context = {
        "filter": filterset,
        "page_obj": page,
        "tickets": page.object_list,
        "show_network": is_staff or len(access.network_ids(request.user)) > 1,
        "page_sizes": PAGE_SIZES,
    }
    if is_staff:
        from tickets.forms import BulkActionForm

        query = request.GET.urlencode()
        context.update(
            saved_views=selectors.saved_views(user=request.user),
            current_query=query,
            save_view_form=SavedViewForm(initial={"query": query}),
            bulk_form=BulkActionForm(staff=filterset.choice_lists().get("assignee")),
        )
    return render(request, template, context)


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
                _form_error(form, error)
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


def _form_error(form, error: ApplicationError) -> None:
    fields = error.extra.get("fields", {})
    placed = False
    for name, errors in fields.items():
        if name in form.fields:
            for text in errors:
                form.add_error(name, text)
            placed = True
    if not placed or error.message not in sum(fields.values(), []):
        form.add_error(None, error.message)


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
    return render(
        request, "tickets/ticket_detail.html", detail_context(request, ticket)
    )
