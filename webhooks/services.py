"""Every write of webhooks: endpoints, events and deliveries.

``webhook_emit`` is called by other apps' services inside their transaction: it
writes one delivery per active endpoint subscribed to the event and records one
outbox task per delivery, so nothing is sent for a change that rolls back and
nothing is lost when the broker is down. ``webhook_deliver`` (the worker) claims the
row, POSTs, and records the answer; a failure schedules the next attempt with
exponential backoff (30 s, 1, 2, 4 … minutes, at most ``HUB_WEBHOOK_MAX_ATTEMPTS``);
``HUB_WEBHOOK_DISABLE_AFTER`` failed attempts in a row disable the endpoint and
e-mail its owner. Delivery is at least once: a worker killed between the receiver's
answer and the UPDATE leaves the claim to expire and the same delivery id is sent
again; receivers de-duplicate on ``X-Hub-Delivery``.
"""

from __future__ import annotations

import json
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.exceptions import ApplicationError
from hub import outbox
from hub import permissions as access
from webhooks import security, transport
from webhooks.models import EVENT_NAMES, WebhookDelivery, WebhookEndpoint

BACKOFF_SECONDS = 30
MAX_BACKOFF = timedelta(hours=6)
CLAIM_TIMEOUT = timedelta(minutes=5)  # a claim older than this was a dead worker's
Status = WebhookDelivery.Status


def _field_error(field: str, message: str) -> ApplicationError:
    return ApplicationError(message, extra={"fields": {field: [message]}})


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def endpoint_clean(
    *, url: str, events, secret: str | None
) -> tuple[str, list[str], str | None]:
    """The URL (checked: http(s), a public address), events and secret, or an
    ``ApplicationError`` naming the field."""
    url = (url or "").strip()
    try:
        security.resolve(url)
    except security.UnsafeTarget as exc:
        raise _field_error("url", str(exc)) from exc
    events = list(dict.fromkeys(events or []))
    if not events:
        raise _field_error("events", _("Choose at least one event."))
    unknown = [e for e in events if e not in EVENT_NAMES]
    if unknown:
        raise _field_error(
            "events",
            _("Unknown events: %(unknown)s. Choose from: %(known)s.")
            % {
                "unknown": ", ".join(map(str, unknown)),
                "known": ", ".join(EVENT_NAMES),
            },
        )
    if secret is not None:
        secret = secret.strip()
        if len(secret) < 16:
            raise _field_error(
                "secret",
                _("Use a secret of at least 16 characters (or leave it empty)."),
            )
    return url, events, secret


@transaction.atomic
def webhook_endpoint_create(
    *, actor, url: str, events, secret: str | None = None, description: str = ""
) -> WebhookEndpoint:
    access.require_staff_member(actor)
    url, events, secret = endpoint_clean(url=url, events=events, secret=secret or None)
    endpoint = WebhookEndpoint.objects.create(
        url=url,
        events=events,
        secret=secret or new_secret(),
        description=(description or "")[:200],
        owner=actor,
    )
    audit_record(
        actor=actor,
        action="webhook.create",
        obj=endpoint,
        changes={"url": url, "events": events},
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_update(
    *,
    endpoint: WebhookEndpoint,
    actor,
    url: str | None = None,
    events=None,
    description: str | None = None,
    is_active: bool | None = None,
) -> WebhookEndpoint:
    access.require_staff_member(actor)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    new_url, new_events, _secret = endpoint_clean(
        url=endpoint.url if url is None else url,
        events=endpoint.events if events is None else events,
        secret=None,
    )
    changes = {}
    for field, value in (("url", new_url), ("events", new_events)):
        if getattr(endpoint, field) != value:
            changes[field] = [getattr(endpoint, field), value]
            setattr(endpoint, field, value)
    if description is not None and description != endpoint.description:
        changes["description"] = [endpoint.description, description[:200]]
        endpoint.description = description[:200]
    if is_active is not None and is_active != endpoint.is_active:
        changes["is_active"] = [endpoint.is_active, is_active]
        endpoint.is_active = is_active
        if is_active:  # switched back on: start counting afresh
            endpoint.consecutive_failures, endpoint.disabled_at = 0, None
    if changes:
        endpoint.save()
        audit_record(
            actor=actor, action="webhook.update", obj=endpoint, changes=changes
        )
    return endpoint


@transaction.atomic
def webhook_secret_rotate(*, endpoint: WebhookEndpoint, actor) -> WebhookEndpoint:
    """A new secret signs every delivery from now on (retries included)."""
    access.require_staff_member(actor)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.secret = new_secret()
    endpoint.secret_rotated_at = timezone.now()
    endpoint.save(update_fields=["secret", "secret_rotated_at"])
    audit_record(
        actor=actor,
        action="webhook.rotate_secret",
        obj=endpoint,
        changes={"secret": "(changed)"},
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, actor) -> None:
    access.require_staff_member(actor)
    audit_record(
        actor=actor,
        action="webhook.delete",
        obj=endpoint,
        changes={"url": endpoint.url},
    )
    endpoint.delete()


# --- events and deliveries ----------------------------------------------------------


def webhook_emit(*, event: str, data) -> list[WebhookDelivery]:
    """One delivery per active endpoint subscribed to ``event`` (inside the caller's
    transaction; sent after it commits). ``data`` is a dict, or a function that
    makes it, called only when some endpoint wants the event."""
    if event not in EVENT_NAMES:
        raise ValueError(f"unknown webhook event {event!r}")
    endpoints = [
        pk
        for pk, events in WebhookEndpoint.objects.filter(is_active=True).values_list(
            "pk", "events"
        )
        if event in (events or [])
    ]
    if not endpoints:
        return []
    if callable(data):
        data = data()
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                endpoint_id=pk,
                event=event,
                data=data,
                created_at=now,
                next_attempt_at=now,
            )
            for pk in endpoints
        ]
    )
    from webhooks.tasks import webhook_deliver_task

    for delivery in deliveries:
        outbox.enqueue(webhook_deliver_task, delivery_id=delivery.pk)
    return deliveries


def _claim(delivery_id: int) -> WebhookDelivery | None:
    """Take the delivery for this attempt (or None: done, not due, or being sent)."""
    now = timezone.now()
    claimed = (
        WebhookDelivery.objects.filter(
            pk=delivery_id, status=Status.PENDING, next_attempt_at__lte=now
        )
        .filter(_claim_free(now))
        .update(claimed_at=now)
    )
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)


def _claim_free(now):
    from django.db.models import Q

    return Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)


def backoff(attempts: int) -> timedelta:
    """Wait before attempt ``attempts + 1``: 30 s, 1 min, 2 min, 4 min … (≤ 6 h)."""
    return min(
        timedelta(seconds=BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)), MAX_BACKOFF
    )


def webhook_deliver(delivery_id: int) -> WebhookDelivery | None:
    """One attempt at one delivery; returns the row, or None when not ours to send."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return None
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=Status.FAILED,
            claimed_at=None,
            last_error=_("The endpoint is disabled."),
        )
        return delivery
    body = json.dumps(
        delivery.payload(), separators=(",", ":"), sort_keys=True
    ).encode()
    answer = transport.post(
        url=endpoint.url,
        secret=endpoint.secret,
        event=delivery.event,
        delivery_id=str(delivery.key),
        body=body,
        timeout=settings.HUB_WEBHOOK_TIMEOUT,
    )
    now = timezone.now()
    attempts = delivery.attempts + 1
    fields = {
        "attempts": attempts,
        "claimed_at": None,
        "last_attempt_at": now,
        "response_status": answer.status,
        "duration_ms": answer.duration_ms,
        "last_error": answer.error,
    }
    if answer.ok:
        fields.update(status=Status.SUCCEEDED, delivered_at=now, last_error="")
        with transaction.atomic():
            WebhookDelivery.objects.filter(pk=delivery.pk).update(**fields)
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
                consecutive_failures=0
            )
    else:
        if not answer.error:
            fields["last_error"] = _("The endpoint answered HTTP %(status)s.") % {
                "status": answer.status
            }
        gave_up = attempts >= settings.HUB_WEBHOOK_MAX_ATTEMPTS
        if gave_up:
            fields["status"] = Status.FAILED
        else:
            fields["next_attempt_at"] = now + backoff(attempts)
        with transaction.atomic():
            WebhookDelivery.objects.filter(pk=delivery.pk).update(**fields)
            _count_failure(endpoint.pk)
        if not gave_up:
            _schedule_retry(delivery.pk, backoff(attempts))
    delivery.refresh_from_db()
    return delivery


def _count_failure(endpoint_id: int) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint_id).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    disabled = WebhookEndpoint.objects.filter(
        pk=endpoint_id,
        is_active=True,
        consecutive_failures__gte=settings.HUB_WEBHOOK_DISABLE_AFTER,
    ).update(is_active=False, disabled_at=timezone.now())
    if disabled:
        from webhooks.tasks import webhook_disabled_email_task

        outbox.enqueue(webhook_disabled_email_task, endpoint_id=endpoint_id)


def _schedule_retry(delivery_id: int, wait: timedelta) -> None:
    from celery import current_app

    from webhooks.tasks import webhook_deliver_task

    if current_app.conf.task_always_eager:
        return  # in-process (make run): the beat sweep retries when it is due
    webhook_deliver_task.apply_async(
        kwargs={"delivery_id": delivery_id}, countdown=wait.total_seconds()
    )


def webhook_retry_due(*, batch_size: int = 200) -> int:
    """Beat: enqueue pending deliveries that are due and unclaimed (lost tasks,
    broker outages, the in-process mode)."""
    from webhooks.tasks import webhook_deliver_task

    now = timezone.now()
    due = list(
        WebhookDelivery.objects.filter(
            status=Status.PENDING, next_attempt_at__lte=now - timedelta(seconds=30)
        )
        .filter(_claim_free(now))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:batch_size]
    )
    for pk in due:
        webhook_deliver_task.delay(delivery_id=pk)
    return len(due)


def send_webhook_disabled(endpoint_id: int) -> int:
    from hub.emails import send_email
    from hub.languages import email_language

    endpoint = (
        WebhookEndpoint.objects.select_related("owner")
        .filter(pk=endpoint_id, is_active=False)
        .first()
    )
    if endpoint is None or endpoint.owner is None or not endpoint.owner.is_active:
        return 0
    return send_email(
        to=[endpoint.owner.email],
        language=email_language(endpoint.owner),
        template="webhook_disabled",
        context={
            "name": endpoint.owner.get_short_name(),
            "url": endpoint.url,
            "failures": endpoint.consecutive_failures,
            "admin_url": f"{settings.HUB_BASE_URL}/admin/webhooks/webhookendpoint/{endpoint.pk}/change/",
        },
    )
