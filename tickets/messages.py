"""Builder of the ticket reply e-mail on the one delivery ledger
(``emails.delivery``): one row per person told of a public reply (key
``m<message id>``, ``object_id`` the ``TicketMessage``)."""

from emails import delivery as engine
from onboarding.models import Delivery
from tickets.models import TicketMessage


@engine.register_builder(Delivery.Kind.TICKET_REPLY)
def build_ticket_reply(delivery: Delivery, batch: engine.Batch):
    from tickets.notifications import ticket_reply_email

    key = ("ticket-reply", delivery.object_id)
    if key not in batch.memo:
        batch.memo[key] = (
            TicketMessage.objects.select_related("ticket__network", "author")
            .filter(pk=delivery.object_id, internal=False)
            .first()
        )
    message = batch.memo[key]
    person = delivery.recipient
    if message is None or not person.is_active:
        return None
    return ticket_reply_email(message, to=person.email)
