"""Reads of webhooks (staff only: callers have checked the role)."""

from webhooks.models import WebhookDelivery, WebhookEndpoint


def endpoint_list():
    return WebhookEndpoint.objects.select_related("owner").order_by(
        "-created_at", "-id"
    )


def delivery_list(*, endpoint: WebhookEndpoint):
    return WebhookDelivery.objects.filter(endpoint=endpoint).order_by(
        "-created_at", "-id"
    )


def subscriber_count(event: str) -> int:
    """How many active endpoints an ``event`` would be POSTed to (what a
    confirmation step tells the person about to cause it)."""
    return sum(
        1
        for events in WebhookEndpoint.objects.filter(is_active=True).values_list(
            "events", flat=True
        )
        if event in (events or [])
    )
