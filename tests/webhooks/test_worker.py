"""Through a real Celery worker on Redis to a real HTTP receiver: a registered
webhook receives a correctly signed ``ticket.created`` within seconds."""

import hashlib
import hmac
import json
import time

import pytest

from tickets.services import ticket_create
from webhooks.models import WebhookDelivery
from webhooks.services import webhook_endpoint_create


def _wait(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db(transaction=True)
def test_ticket_created_reaches_the_receiver_through_a_worker(
    celery_worker, receiver, manager, member_a
):
    secret = "worker-test-secret-0123"
    webhook_endpoint_create(
        actor=manager, url=receiver.url, events=["ticket.created"], secret=secret
    )
    started = time.monotonic()
    ticket = ticket_create(requester=member_a, subject="Gifts missing", description="?")
    assert receiver.arrived.wait(timeout=15), "no webhook within 15 seconds"
    assert time.monotonic() - started < 15
    [request] = receiver.requests
    timestamp = request["headers"]["X-Hub-Timestamp"]
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + request["body"], hashlib.sha256
    ).hexdigest()
    assert request["headers"]["X-Hub-Signature-256"] == f"sha256={expected}"
    body = json.loads(request["body"])
    assert body["event"] == "ticket.created"
    assert body["data"]["reference"] == ticket.reference
    assert _wait(
        lambda: WebhookDelivery.objects.filter(status="succeeded").count() == 1
    )


@pytest.mark.django_db(transaction=True)
def test_a_failed_delivery_is_retried_by_the_worker(
    celery_worker, receiver, manager, monkeypatch
):
    monkeypatch.setattr("webhooks.services.BACKOFF_SECONDS", 1)
    receiver.statuses = [503]
    endpoint = webhook_endpoint_create(
        actor=manager, url=receiver.url, events=["campaign.status_changed"]
    )
    from django.db import transaction

    from webhooks.services import webhook_emit

    with transaction.atomic():
        webhook_emit(event="campaign.status_changed", data={"id": 1})
    assert _wait(lambda: len(receiver.requests) == 2), receiver.requests
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert _wait(
        lambda: WebhookDelivery.objects.filter(
            pk=delivery.pk, status="succeeded"
        ).exists()
    )
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    ids = {r["headers"]["X-Hub-Delivery"] for r in receiver.requests}
    assert ids == {str(delivery.key)}
