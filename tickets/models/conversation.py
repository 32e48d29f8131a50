"""A ticket's conversation: its messages, their attachments and the change log."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tickets.attachments import THUMBNAIL_TYPES
from tickets.models.core import Ticket


class TicketMessage(models.Model):
    """A public reply (the network sees it) or an internal note (staff only)."""

    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("ticket"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="ticket_messages",
    )
    body = models.TextField(_("message"))
    internal = models.BooleanField(
        _("internal note"),
        default=False,
        help_text=_("Internal notes are only ever shown to platform staff."),
    )
    author_is_staff = models.BooleanField(
        default=False, editable=False, verbose_name=_("author is staff")
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("ticket message")
        verbose_name_plural = _("ticket messages")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at"], name="message_ticket_idx")
        ]

    def __str__(self) -> str:
        kind = "note" if self.internal else "reply"
        return f"{kind} on {self.ticket_id} by {self.author_id}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A random name under MEDIA_ROOT; the original name is only kept in the row."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    now = timezone.now()
    return f"tickets/{now:%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file on a ticket (``message`` empty: filed with the ticket itself)."""

    key = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, verbose_name=_("storage key")
    )
    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("ticket"),
    )
    message = models.ForeignKey(
        TicketMessage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("message"),
    )
    file = models.FileField(
        upload_to=attachment_path, max_length=200, verbose_name=_("file")
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=120, verbose_name=_("content type"))
    size = models.PositiveBigIntegerField(verbose_name=_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tickets:attachment", kwargs={"key": self.key})

    @property
    def internal(self) -> bool:
        return bool(self.message_id and self.message.internal)

    @property
    def has_thumbnail(self) -> bool:
        """An image the ticket page shows small (``tickets.attachments``)."""
        return self.content_type in THUMBNAIL_TYPES


class TicketChange(models.Model):
    """One changed field: who, when, old → new (display values)."""

    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("ticket"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    field = models.CharField(max_length=40, verbose_name=_("field"))
    old_value = models.CharField(
        max_length=400, blank=True, verbose_name=_("old value")
    )
    new_value = models.CharField(
        max_length=400, blank=True, verbose_name=_("new value")
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))
    # The ticket version this change produced (conflict messages list the changes
    # made after the version someone was editing).
    version = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("version")
    )

    class Meta:
        verbose_name = _("ticket change")
        verbose_name_plural = _("ticket changes")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at"], name="change_ticket_idx")
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.old_value} → {self.new_value}"
