import factory

from tests.hub.factories import MembershipFactory, NetworkFactory
from tickets.models import Category, Ticket, TicketMessage, reference_for

# Smallest valid files of each kind, for upload tests.
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class TicketFactory(factory.django.DjangoModelFactory):
    """A ticket straight in the database (services are tested on their own)."""

    class Meta:
        model = Ticket

    network = factory.SubFactory(NetworkFactory)
    requester = factory.LazyAttribute(
        lambda o: MembershipFactory(network=o.network).user
    )
    subject = factory.Sequence(lambda n: f"Diamonds missing from payout {n}")
    description = "Our creator's diamonds from the LIVE battle are missing."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        tags = kwargs.pop("tags", [])
        ticket = super()._create(model_class, *args, **kwargs)
        ticket.reference = reference_for(ticket.pk)
        # as ``tickets.speakers.record_ticket_filed`` does, unless given
        ticket.last_reply_at = ticket.last_reply_at or ticket.created_at
        ticket.network_replied_at = ticket.network_replied_at or ticket.created_at
        Ticket.objects.filter(pk=ticket.pk).update(
            reference=ticket.reference,
            last_reply_at=ticket.last_reply_at,
            network_replied_at=ticket.network_replied_at,
        )
        if tags:
            ticket.tags.set(tags)
        return ticket


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TicketMessage

    ticket = factory.SubFactory(TicketFactory)
    author = factory.LazyAttribute(lambda o: o.ticket.requester)
    body = factory.Sequence(lambda n: f"Message {n}")
    internal = False
    author_is_staff = factory.LazyAttribute(
        lambda o: bool(o.author and o.author.is_staff)
    )


class CalendarFactory(factory.django.DjangoModelFactory):
    """Round the clock in UTC unless told otherwise (business time = real time)."""

    class Meta:
        model = "tickets.BusinessCalendar"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Calendar {n}")
    time_zone = "UTC"
    weekdays = [0, 1, 2, 3, 4, 5, 6]
    start_time = "00:00"
    end_time = "00:00"


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.SlaPolicy"
        django_get_or_create = ["priority", "network_tier"]

    name = factory.LazyAttribute(lambda o: f"{o.priority} {o.network_tier}".strip())
    priority = "normal"
    network_tier = ""
    calendar = factory.SubFactory(CalendarFactory)
    first_response_minutes = 60
    next_response_minutes = 120
    resolution_minutes = 480


class CannedReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.CannedReply"

    title = factory.Sequence(lambda n: f"Macro {n}")
    body = "Hi {requester_name}, about {reference} for {network}: on it. {agent_name}"


def png_attachment(ticket, message=None, *, name="shot.png", uploaded_by=None):
    """A small PNG attached to the ticket (``message`` None: filed with it)."""
    from django.core.files.base import ContentFile

    from tickets.models import Attachment

    return Attachment.objects.create(
        ticket=ticket,
        message=message,
        file=ContentFile(PNG_BYTES, name=name),
        name=name,
        content_type="image/png",
        size=len(PNG_BYTES),
        uploaded_by=uploaded_by,
    )
