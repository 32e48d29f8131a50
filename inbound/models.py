"""Every message that reached the support mailbox, kept with what became of it.

One row per message (``key`` is its Message-ID, or a digest of the whole message when
it has none), written by ``inbound.services`` only. The raw message is kept, so a
message that could not be filed is never lost: staff read it, then assign it to a
network or reject it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InboundMessage(models.Model):
    class Status(models.TextChoices):
        TICKET = "ticket", _("New ticket")
        REPLY = "reply", _("Reply on a ticket")
        IGNORED = "ignored", _("Ignored (auto-reply or bounce)")
        UNROUTED = "unrouted", _("Unrouted: needs a network")
        QUARANTINED = "quarantined", _("Quarantined: could not be filed")
        REJECTED = "rejected", _("Rejected by staff")

    # What staff still have to look at.
    NEEDS_REVIEW = (Status.UNROUTED, Status.QUARANTINED)

    class Source(models.TextChoices):
        IMAP = "imap", _("IMAP mailbox")
        PIPE = "pipe", _("receive_email (standard input)")

    key = models.CharField(
        _("key"),
        max_length=255,
        unique=True,
        editable=False,
        help_text=_("The Message-ID, or a digest of the message when it has none."),
    )
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    sender = models.CharField(_("from"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status)
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why it was not filed, or what was left out (attachments)."),
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source, default=Source.PIPE
    )
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    raw = models.BinaryField(_("raw message"), editable=False)
    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("ticket"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_messages",
    )
    ticket_message = models.ForeignKey(
        "tickets.TicketMessage",
        verbose_name=_("reply"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The staff member who assigned or rejected it."),
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("inbound e-mail")
        verbose_name_plural = _("inbound e-mails")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-received_at"], name="inbound_status_idx"),
            models.Index(fields=["sender", "received_at"], name="inbound_sender_idx"),
            models.Index(fields=["message_id"], name="inbound_message_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.sender or '?'}: {self.subject or '(no subject)'}"

    @property
    def needs_review(self) -> bool:
        return self.status in self.NEEDS_REVIEW
