"""The staff ticket page's working parts: the composer, presence, the live
conversation. Each view validates, calls one service or selector, and answers
(a redirect to the anchor, or a partial for htmx)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.exceptions import ApplicationError
from core.forms import form_add_service_error
from tickets import selectors, services
from tickets.forms import ComposerForm
from tickets.views.actions import _rerender, _staff_ticket, is_htmx
from tickets.views.pages import view_query_of


def ticket_url(reference: str, view_query: str | None, anchor: str = "") -> str:
    """A ticket's page, still within the queue view it was opened from."""
    url = f"/tickets/{reference}/"
    if view_query is not None:
        url += "?" + urlencode({"from": view_query})
    return url + (f"#{anchor}" if anchor else "")


@login_required
@require_POST
def ticket_compose_view(request, reference: str):
    """Send the composer: a public reply or an internal note, optionally setting
    the status ("Send and set Pending") and opening the next ticket of the view.
    A message someone else wrote since the page was drawn holds this one: the
    page comes back with it shown and the typed text kept ("Send anyway")."""
    ticket = _staff_ticket(request, reference)
    form = ComposerForm(request.POST, request.FILES)
    if not form.is_valid():
        return _rerender(request, ticket, composer_form=form)
    data = form.cleaned_data
    # the next ticket is read before sending: setting the status may take this
    # one out of the view
    view_query = view_query_of(request)
    neighbours = selectors.ticket_neighbours(
        user=request.user, ticket=ticket, params=view_query, request=request
    )
    options = {
        "ticket": ticket,
        "author": request.user,
        "body": data["body"],
        "attachments": data["attachments"],
        "status": data["status"] or None,
        "seen_message_id": data["seen"],
    }
    try:
        if data["kind"] == ComposerForm.NOTE:
            message = services.ticket_add_note(**options)
        else:
            message = services.ticket_reply(
                **options, canned_reply=data.get("canned_reply")
            )
    except services.ReplyCollisionError as error:
        held = ComposerForm(
            data={**request.POST.dict(), "seen": error.extra["latest"]},
        )
        held.had_files = bool(data["attachments"])
        return _rerender(
            request,
            ticket,
            status=409,
            composer_form=held,
            held=error.extra["messages"],
        )
    except ApplicationError as error:
        form_add_service_error(form, error)
        return _rerender(request, ticket, status=error.status_code, composer_form=form)
    if data["kind"] == ComposerForm.NOTE:
        messages.success(request, _("Internal note added."))
    else:
        messages.success(request, _("Your reply was sent."))
    if data["open_next"] and neighbours.next:
        return redirect(ticket_url(neighbours.next, view_query))
    return redirect(ticket_url(ticket.reference, view_query, f"message-{message.pk}"))


@login_required
@require_POST
def ticket_presence_view(request, reference: str):
    """The heartbeat: mark this person on the ticket (viewing or replying) and
    answer who else is here. With the cache down nobody is shown."""
    ticket = _staff_ticket(request, reference)
    others = services.ticket_presence_beat(
        ticket=ticket,
        user=request.user,
        replying=request.POST.get("state") == "replying",
    )
    return render(request, "tickets/includes/presence.html", {"others": others or []})


@login_required
@require_GET
def ticket_conversation_view(request, reference: str):
    """The conversation, for the page's poll: 204 (nothing to swap) while the
    newest message is still ``?seen=``, else the whole conversation section."""
    ticket = selectors.ticket_get(user=request.user, reference=reference)
    latest = selectors.latest_message_id(user=request.user, ticket=ticket)
    try:
        seen = int(request.GET.get("seen", ""))
    except ValueError:
        seen = -1
    if seen == latest:
        return HttpResponse(status=204)
    conversation = list(selectors.ticket_messages(user=request.user, ticket=ticket))
    return render(
        request,
        "tickets/includes/conversation.html",
        {
            "ticket": ticket,
            "conversation": conversation,
            "latest_message_id": latest,
            "conversation_poll_seconds": settings.HUB_CONVERSATION_POLL_SECONDS,
        },
    )


@login_required
@require_GET
def ticket_context_view(request, reference: str):
    """The network's context beside the conversation (other open tickets,
    onboarding, campaigns, satisfaction), loaded by the page after it is drawn so
    that the conversation is not kept waiting; without htmx, a page of its own."""
    ticket = _staff_ticket(request, reference)
    context = {
        "ticket": ticket,
        "network_context": selectors.network_context(user=request.user, ticket=ticket),
    }
    if is_htmx(request):
        return render(request, "tickets/includes/panel_network.html", context)
    return render(request, "tickets/ticket_context.html", context)
