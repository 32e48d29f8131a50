"""Webhook endpoints and one delivery row per event × endpoint.

Written only by ``webhooks.services``. A delivery keeps its payload, so every retry
sends the same body with the same ``X-Hub-Delivery`` id (receivers de-duplicate on
it); its status, attempts, last answer and times are the delivery log.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EVENTS = (
    ("ticket.created", _("A ticket was created")),
    ("ticket.updated", _("A ticket's status, priority, assignee or triage changed")),
    ("message.created", _("A reply or internal note was added to a ticket")),
    ("campaign.status_changed", _("A campaign moved to another status")),
    ("event.registration_created", _("Someone registered for an event")),
)
EVENT_NAMES = tuple(name for name, _label in EVENTS)


class WebhookEndpoint(models.Model):
    url = models.URLField(
        _("URL"), max_length=500, help_text=_("Where events are POSTed (https://…).")
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    secret = models.CharField(
        _("secret"),
        max_length=128,
        help_text=_("Signs every delivery (X-Hub-Signature-256)."),
    )
    events = models.JSONField(
        _("events"), default=list, help_text=_("The events sent to this endpoint.")
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Turned off after repeated failures; turn on again once fixed."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        help_text=_("E-mailed when the endpoint is disabled."),
    )
    consecutive_failures = models.PositiveIntegerField(
        _("failures in a row"), default=0
    )
    disabled_at = models.DateTimeField(_("disabled"), null=True, blank=True)
    secret_rotated_at = models.DateTimeField(_("secret rotated"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.description or self.url


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending (will be tried)")
        SUCCEEDED = "succeeded", _("Delivered")
        FAILED = "failed", _("Failed (gave up)")

    key = models.UUIDField(
        _("delivery id"), default=uuid.uuid4, unique=True, editable=False
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("event"), max_length=40)
    data = models.JSONField(_("data"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("claimed at")
    )
    response_status = models.PositiveSmallIntegerField(
        _("last HTTP status"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("last duration (ms)"), null=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["endpoint", "-created_at"], name="webhook_delivery_ep_idx"
            ),
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="webhook_delivery_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} ({self.status})"

    def payload(self) -> dict:
        """The JSON body: the same on every attempt."""
        return {
            "id": str(self.key),
            "event": self.event,
            "created_at": self.created_at.isoformat(),
            "data": self.data,
        }
