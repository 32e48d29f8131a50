"""Demo data: one webhook endpoint with a short delivery log (idempotent).

The endpoint points at a placeholder address and is switched off, so ``make run``
sends nothing anywhere; a manager puts in a real receiver and switches it on.
"""

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from hub.models import User
from webhooks.models import WebhookDelivery, WebhookEndpoint

DEMO_URL = "https://hooks.northstar.example/hub-events"


def seed(options: dict, out: Callable[[str], None]) -> None:
    if WebhookEndpoint.objects.filter(url=DEMO_URL).exists():
        return
    manager = User.objects.filter(email="manager@hub.example").first()
    endpoint = WebhookEndpoint.objects.create(
        url=DEMO_URL,
        description="Northstar's ticket tracker (demo; switched off)",
        secret="whsec_demo_only_not_a_real_secret",  # noqa: S106
        events=["ticket.created", "message.created"],
        is_active=False,
        owner=manager,
    )
    now = timezone.now()
    WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="ticket.created",
        data={"reference": "HUB-000001", "subject": "Demo"},
        status=WebhookDelivery.Status.SUCCEEDED,
        attempts=1,
        response_status=200,
        duration_ms=84,
        created_at=now - timedelta(hours=2),
        last_attempt_at=now - timedelta(hours=2),
        delivered_at=now - timedelta(hours=2),
    )
    WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="message.created",
        data={"ticket": "HUB-000001", "body": "Demo"},
        status=WebhookDelivery.Status.FAILED,
        attempts=8,
        response_status=503,
        last_error="The endpoint answered HTTP 503.",
        duration_ms=120,
        created_at=now - timedelta(hours=1),
        last_attempt_at=now - timedelta(minutes=5),
    )
    out("Webhooks: one demo endpoint (switched off) with two logged deliveries.")
