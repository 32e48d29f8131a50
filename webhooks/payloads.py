"""What each event's ``data`` says: the API's names, no internal ids of people."""

from __future__ import annotations

from django.conf import settings


def _when(value) -> str | None:
    return value.isoformat() if value else None


def ticket_data(ticket) -> dict:
    return {
        "reference": ticket.reference,
        "subject": ticket.subject,
        "status": ticket.status,
        "priority": ticket.priority,
        "kind": ticket.kind,
        "channel": ticket.channel,
        "network": ticket.network.slug,
        "category": ticket.category.slug if ticket.category_id else None,
        "assignee": ticket.assignee.email if ticket.assignee_id else None,
        "created_at": _when(ticket.created_at),
        "updated_at": _when(ticket.updated_at),
        "url": f"{settings.HUB_BASE_URL}{ticket.get_absolute_url()}",
    }


def message_data(message) -> dict:
    return {
        "ticket": message.ticket.reference,
        "network": message.ticket.network.slug,
        "body": message.body,
        "internal": message.internal,
        "author": message.author.email if message.author_id else None,
        "from_staff": message.author_is_staff,
        "created_at": _when(message.created_at),
    }


def emit_ticket(event: str, ticket) -> None:
    from webhooks.services import webhook_emit

    webhook_emit(event=event, data=lambda: ticket_data(ticket))


def emit_message(message) -> None:
    from webhooks.services import webhook_emit

    webhook_emit(event="message.created", data=lambda: message_data(message))


def emit_campaign_status(campaign, old_status: str) -> None:
    from webhooks.services import webhook_emit

    webhook_emit(
        event="campaign.status_changed",
        data=lambda: {
            "id": campaign.pk,
            "name": campaign.name,
            "from": old_status,
            "status": campaign.status,
            "updated_at": _when(campaign.updated_at),
        },
    )
