"""Pages: the list (staff queue or the network's tickets), the form, the ticket."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core import cache
from core.exceptions import ApplicationError
from core.forms import form_add_service_error
from faq.services import deflection_mark_filed
from hub import permissions as access
from tickets import selectors, services
from tickets.forms import (
    BulkActionForm,
    CannedReplyPickForm,
    ComposerForm,
    PropertiesForm,
    RatingForm,
    ReplyForm,
    SavedViewForm,
    TicketCreateForm,
)
from tickets.models import Category
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
    composer_form=None,
    held=None,
):
    """The ticket page: what ``selectors.ticket_page`` reads, and the forms. Staff
    get the composer (``held``: the messages that held theirs), the properties and
    the canned replies; a network's person the rating form once it is solved."""
    user = request.user
    view_query = view_query_of(request)
    context = selectors.ticket_page(
        user=user, ticket=ticket, view_query=view_query, request=request
    )
    context["reply_form"] = reply_form or ReplyForm(user=user)
    rating = context["rating"]
    solved = ticket.status in (ticket.Status.SOLVED, ticket.Status.CLOSED)
    if solved and may_rate(user, ticket) and rating_editable(rating):
        initial = {"score": rating.score, "comment": rating.comment} if rating else {}
        context["rating_form"] = rating_form or RatingForm(initial=initial)
    if context["is_staff_view"]:
        held_ids = set(held or ())
        context.update(
            composer_form=composer_form
            or _composer_for(
                context["latest_message_id"],
                view_query,
                reply_form,
                note_form,
                closed=not context["can_reply"],
            ),
            send_choices=ComposerForm.SEND_CHOICES,
            held_messages=[m for m in context["conversation"] if m.pk in held_ids],
            props_form=props_form or PropertiesForm.for_ticket(ticket),
            conflict=conflict,
            macro_form=CannedReplyPickForm(macros=context["macros"], prefix="pick"),
            presence_poll_seconds=presence_poll_seconds(),
            conversation_poll_seconds=settings.HUB_CONVERSATION_POLL_SECONDS,
            side_panels=[
                "tickets/includes/panel_sla.html",
                "tickets/includes/panel_properties.html",
                "tickets/includes/panel_network_later.html",
                "tickets/includes/panel_satisfaction.html",
            ],
        )
    return context


def presence_poll_seconds() -> int:
    """The presence heartbeat: a third of a mark's lifetime, so one lost beat
    does not make a colleague vanish."""
    return max(1, cache.presence_seconds() // 3)


def view_query_of(request) -> str | None:
    """The queue view a ticket was opened from: ``?from=`` on the page, the
    composer's ``view`` on a POST (a query string; empty: the whole queue; None:
    not opened from the queue, so no previous/next)."""
    if request.method == "POST":
        raw = request.POST.get("view")
    else:
        raw = request.GET.get("from")
    return None if raw is None else QueryDict(raw[:2000]).urlencode()


def _composer_for(latest, view_query, reply_form=None, note_form=None, closed=False):
    """A fresh composer (on the note tab when the ticket is closed), or one
    carrying what was typed into the old separate reply / note forms (their
    errors are shown above it)."""
    kind = ComposerForm.NOTE if closed else ComposerForm.REPLY
    initial = {"seen": latest, "view": view_query, "kind": kind}
    old = reply_form if reply_form is not None and reply_form.is_bound else None
    if old is None and note_form is not None and note_form.is_bound:
        old, initial["kind"] = note_form, ComposerForm.NOTE
    if old is None:
        initial.update((reply_form.initial if reply_form else {}) or {})
        initial["seen"], initial["view"] = latest, view_query
        return ComposerForm(initial=initial)
    form = ComposerForm(initial={**initial, "body": old.data.get("body", "")})
    form.old_errors = [e for errors in old.errors.values() for e in errors]
    return form


@login_required
def ticket_detail_view(request, reference: str):
    ticket = selectors.ticket_get(user=request.user, reference=reference)
    services.ticket_mark_seen(request.user, ticket)
    return render(
        request, "tickets/ticket_detail.html", detail_context(request, ticket)
    )
