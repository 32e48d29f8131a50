"""One ticket's page as one read: what the page shows this person, before any
form is drawn (the view adds those)."""

from hub import permissions as access
from tickets import sla
from tickets.models import CannedReply, SatisfactionRating, Ticket
from tickets.selectors.neighbours import ticket_neighbours
from tickets.selectors.ticket import (
    ticket_attachments,
    ticket_history,
    ticket_messages,
)


def ticket_page(*, user, ticket: Ticket, view_query=None, request=None) -> dict:
    """The conversation, its files, the rating and the SLA for everyone who may
    read ``ticket``; for staff also the active canned replies (each filled in for
    this ticket), the history and the previous / next tickets of the queue view
    the page was opened from (``view_query``, the queue's query string). The
    network's context follows in its own request (``network_context``)."""
    from tickets.services.work import canned_reply_render

    is_staff = access.can_work_tickets(user)
    try:  # ticket_get joins it; a ticket from elsewhere reads it here
        rating = ticket.satisfaction
    except SatisfactionRating.DoesNotExist:
        rating = None
    conversation = list(ticket_messages(user=user, ticket=ticket))
    state = getattr(ticket, "sla_state", None)
    page = {
        "ticket": ticket,
        "conversation": conversation,
        "latest_message_id": max((m.pk for m in conversation), default=0),
        "ticket_files": ticket_attachments(ticket=ticket),
        "is_staff_view": is_staff,
        "can_reply": ticket.status != Ticket.Status.CLOSED,
        "rating": rating,
        "sla_state": state,
        "sla_state_label": sla.State.LABELS.get(state),
        "sla_time_left": sla.time_left(ticket),
    }
    if not is_staff:
        return page
    macros = list(CannedReply.objects.filter(is_active=True))
    page.update(
        macros=macros,
        macro_texts=[
            {
                "id": macro.pk,
                "body": canned_reply_render(macro=macro, ticket=ticket, agent=user),
                "status": macro.set_status,
                "status_label": (
                    Ticket.Status(macro.set_status).label if macro.set_status else ""
                ),
            }
            for macro in macros
        ],
        history=ticket_history(user=user, ticket=ticket),
        neighbours=ticket_neighbours(
            user=user, ticket=ticket, params=view_query, request=request
        ),
    )
    return page
