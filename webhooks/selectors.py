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
