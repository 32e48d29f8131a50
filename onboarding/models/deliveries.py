"""The delivery ledger: every scheduled e-mail is one row, sent exactly once.

A row is unique per (kind, recipient, key) — key is the period ("2026-W48",
"2026-10/n12") or the item ("a17"). A worker *claims* a row with a conditional
UPDATE before sending and marks it sent after; a claim older than
``HUB_DELIVERY_CLAIM_TIMEOUT`` (its worker died) may be taken over only while the
row is not sent. See ``emails.delivery``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    class Kind(models.TextChoices):
        TIP = "tip", _("Weekly tip")
        DIGEST = "digest", _("Monthly digest")
        ANNOUNCEMENT = "announcement", _("Announcement")
        CHECKIN = "checkin", _("Feature-test check-in request")
        EVENT = "event", _("Event e-mail")  # marketing: confirmation, reminders
        WEEKLY_UPDATE = "weekly_update", _("Weekly update")
        FEEDBACK_STATUS = "feedback_status", _("Feedback status news")
        TICKET_REPLY = "ticket_reply", _("Ticket reply")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        CLAIMED = "claimed", _("Sending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    key = models.CharField(_("period or item"), max_length=64)
    network = models.ForeignKey(
        "hub.CreatorNetwork",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("network"),
    )
    object_id = models.PositiveBigIntegerField(
        _("item"), null=True, blank=True, help_text=_("The tip or announcement sent.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.PENDING
    )
    claimed_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("claimed at")
    )
    claim_token = models.UUIDField(null=True, blank=True, verbose_name=_("claim token"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("attempts"))
    last_error = models.CharField(
        max_length=300, blank=True, verbose_name=_("last error")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "key"], name="unique_delivery"
            )
        ]
        indexes = [models.Index(fields=["kind", "key", "status"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.recipient_id}"


class EmailPreference(models.Model):
    """A member's choice of lifecycle e-mails; no row means subscribed to both."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_preference",
        verbose_name=_("user"),
    )
    tips = models.BooleanField(_("weekly tips"), default=True)
    digest = models.BooleanField(_("monthly digest"), default=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        verbose_name = _("e-mail preference")

    def __str__(self) -> str:
        return str(self.user)
