"""Events become signed deliveries, retried with backoff, logged, and an endpoint
that keeps failing is switched off and its owner told."""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.exceptions import ApplicationError
from tests.tickets.factories import TicketFactory
from tests.webhooks.receiver import Receiver
from tickets.services import ticket_create, ticket_reply
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services import (
    backoff,
    webhook_deliver,
    webhook_emit,
    webhook_endpoint_create,
    webhook_endpoint_update,
    webhook_retry_due,
    webhook_secret_rotate,
)
from webhooks.transport import signature

pytestmark = pytest.mark.django_db
SECRET = "s3cret-s3cret-s3cret"


def _verify(request: dict, secret: str) -> bool:
    """What the README tells receivers to do."""
    timestamp = request["headers"]["X-Hub-Timestamp"]
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + request["body"], hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(
        "sha256=" + expected, request["headers"]["X-Hub-Signature-256"]
    )


@pytest.fixture
def endpoint(manager, receiver):
    return webhook_endpoint_create(
        actor=manager, url=receiver.url, events=["ticket.created"], secret=SECRET
    )


def test_a_new_ticket_is_posted_signed_to_the_endpoint(
    endpoint, receiver, member_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = ticket_create(
            requester=member_a, subject="Diamonds", description="Gone"
        )
    [request] = receiver.requests
    body = json.loads(request["body"])
    delivery = WebhookDelivery.objects.get()
    assert body == {
        "id": str(delivery.key),
        "event": "ticket.created",
        "created_at": delivery.created_at.isoformat(),
        "data": body["data"],
    }
    assert body["data"]["reference"] == ticket.reference
    assert body["data"]["network"] == ticket.network.slug
    headers = request["headers"]
    assert headers["X-Hub-Event"] == "ticket.created"
    assert headers["X-Hub-Delivery"] == str(delivery.key)
    assert _verify(request, SECRET) and not _verify(request, "wrong-secret-123456")
    delivery.refresh_from_db()
    assert delivery.status == "succeeded" and delivery.response_status == 200
    assert delivery.attempts == 1 and delivery.delivered_at is not None


def test_events_an_endpoint_did_not_ask_for_are_not_sent(endpoint, member_a, intern):
    ticket = TicketFactory(network=member_a.memberships.get().network)
    ticket_reply(ticket=ticket, author=intern, body="Hello")  # message.created
    assert not WebhookDelivery.objects.exists()


def test_each_event_is_one_delivery_per_endpoint(manager, receiver):
    with Receiver() as other:
        for url in (receiver.url, other.url):
            webhook_endpoint_create(actor=manager, url=url, events=["message.created"])
        webhook_endpoint_create(actor=manager, url=other.url, events=["ticket.created"])
        deliveries = webhook_emit(event="message.created", data={"x": 1})
    assert len(deliveries) == 2


def test_a_failure_is_retried_with_backoff_and_logged(endpoint, receiver):
    receiver.statuses = [500]
    [delivery] = webhook_emit(event="ticket.created", data={"reference": "HUB-000001"})
    webhook_deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert delivery.response_status == 500 and "500" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=25)
    # not due yet: nothing is sent
    assert webhook_deliver(delivery.pk) is None and len(receiver.requests) == 1
    # when it is due
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now()
    )
    webhook_deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "succeeded" and delivery.attempts == 2
    first, second = receiver.requests
    assert first["body"] == second["body"]  # the same delivery, id and payload
    assert first["headers"]["X-Hub-Delivery"] == second["headers"]["X-Hub-Delivery"]
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0


def test_backoff_doubles_and_is_capped():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(30) == timedelta(hours=6)


def test_a_delivery_gives_up_after_the_last_attempt(endpoint, receiver, settings):
    settings.HUB_WEBHOOK_MAX_ATTEMPTS = 2
    receiver.statuses = [503, 503]
    [delivery] = webhook_emit(event="ticket.created", data={})
    for _ in range(2):
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            next_attempt_at=timezone.now()
        )
        webhook_deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == 2


def test_twenty_failures_in_a_row_disable_the_endpoint_and_email_its_owner(
    endpoint, receiver, manager, settings, django_capture_on_commit_callbacks
):
    settings.HUB_WEBHOOK_DISABLE_AFTER = 3
    receiver.statuses = [500] * 3
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            [delivery] = webhook_emit(event="ticket.created", data={})
    endpoint.refresh_from_db()
    assert not endpoint.is_active and endpoint.disabled_at is not None
    assert endpoint.consecutive_failures == 3
    [sent] = [m for m in mail.outbox if "Webhook disabled" in m.subject]
    assert sent.to == [manager.email] and endpoint.url in sent.body
    # a disabled endpoint gets nothing new
    assert webhook_emit(event="ticket.created", data={}) == []
    # switching it back on starts counting afresh
    webhook_endpoint_update(endpoint=endpoint, actor=manager, is_active=True)
    endpoint.refresh_from_db()
    assert endpoint.is_active and endpoint.consecutive_failures == 0


def test_a_redirect_is_not_followed(manager, settings):
    with Receiver(statuses=[302], redirect_to="http://169.254.169.254/") as bouncer:
        endpoint = webhook_endpoint_create(
            actor=manager, url=bouncer.url, events=["ticket.created"]
        )
        [delivery] = webhook_emit(event="ticket.created", data={})
        webhook_deliver(delivery.pk)
    delivery.refresh_from_db()
    assert (
        delivery.status == "pending"
        and "Redirects are not followed" in delivery.last_error
    )
    assert len(bouncer.requests) == 1 and endpoint.pk


def test_a_name_that_now_resolves_inward_is_refused_at_delivery(
    endpoint, receiver, settings
):
    [delivery] = webhook_emit(event="ticket.created", data={})
    settings.HUB_WEBHOOK_ALLOW_PRIVATE = False  # as in production
    webhook_deliver(delivery.pk)
    delivery.refresh_from_db()
    assert not receiver.requests
    assert delivery.status == "pending" and "public addresses" in delivery.last_error


def test_production_refuses_to_register_internal_urls(manager, settings):
    settings.HUB_WEBHOOK_ALLOW_PRIVATE = False
    with pytest.raises(ApplicationError) as refused:
        webhook_endpoint_create(
            actor=manager, url="http://127.0.0.1:8000/x", events=["ticket.created"]
        )
    assert "url" in refused.value.extra["fields"]
    assert not WebhookEndpoint.objects.exists()


def test_unknown_events_and_short_secrets_are_refused(manager, receiver):
    with pytest.raises(ApplicationError, match="Unknown events"):
        webhook_endpoint_create(
            actor=manager, url=receiver.url, events=["ticket.deleted"]
        )
    with pytest.raises(ApplicationError, match="16 characters"):
        webhook_endpoint_create(
            actor=manager, url=receiver.url, events=["ticket.created"], secret="short"
        )


def test_a_rotated_secret_signs_the_next_delivery(endpoint, receiver, manager):
    rotated = webhook_secret_rotate(endpoint=endpoint, actor=manager)
    assert rotated.secret != SECRET and rotated.secret.startswith("whsec_")
    [delivery] = webhook_emit(event="ticket.created", data={})
    webhook_deliver(delivery.pk)
    [request] = receiver.requests
    assert _verify(request, rotated.secret) and not _verify(request, SECRET)


def test_the_sweep_re_enqueues_due_deliveries_nobody_holds(endpoint, receiver):
    [delivery] = webhook_emit(event="ticket.created", data={})  # its task never ran
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=1)
    )
    assert webhook_retry_due() == 1  # eager in unit tests: sent right here
    delivery.refresh_from_db()
    assert delivery.status == "succeeded" and len(receiver.requests) == 1


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body():
    expected = hmac.new(b"k", b"123.{}", hashlib.sha256).hexdigest()
    assert signature("k", "123", b"{}") == f"sha256={expected}"


def test_ticket_changes_and_messages_become_events(manager, receiver, member_a, intern):
    from tickets.services import ticket_add_note, ticket_set_status, tickets_bulk_update

    webhook_endpoint_create(
        actor=manager, url=receiver.url, events=["ticket.updated", "message.created"]
    )
    ticket = TicketFactory(network=member_a.memberships.get().network)
    ticket_set_status(ticket=ticket, actor=intern, status="pending")
    tickets_bulk_update(tickets=[ticket], actor=manager, priority="urgent")
    ticket_add_note(ticket=ticket, author=intern, body="Checked the ledger.")
    events = list(WebhookDelivery.objects.order_by("pk").values_list("event", "data"))
    assert [e for e, _ in events] == [
        "ticket.updated",
        "ticket.updated",
        "message.created",
    ]
    assert events[0][1]["status"] == "pending" and events[1][1]["priority"] == "urgent"
    assert (
        events[2][1]["internal"] is True and events[2][1]["ticket"] == ticket.reference
    )


def test_a_campaign_transition_is_an_event(manager, receiver):
    from campaigns.services import campaign_transition
    from tests.campaigns.factories import CampaignFactory

    webhook_endpoint_create(
        actor=manager, url=receiver.url, events=["campaign.status_changed"]
    )
    campaign = CampaignFactory(status="draft")
    campaign_transition(campaign=campaign, user=manager, to="setup")
    [delivery] = WebhookDelivery.objects.all()
    assert delivery.data["from"] == "draft" and delivery.data["status"] == "setup"
