"""What staff work with: canned replies, saved queue views; and the network's
satisfaction rating of a solved ticket."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tickets.models.core import Ticket

MACRO_STATUSES = [
    (s, Ticket.Status(s).label) for s in ("open", "pending", "on_hold", "solved")
]


class CannedReply(models.Model):
    """A macro: text with placeholders, and actions applied when the reply is sent.

    Placeholders: ``{requester_name}``, ``{reference}``, ``{network}``,
    ``{agent_name}``.
    """

    title = models.CharField(_("title"), max_length=120, unique=True)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders: {requester_name}, {reference}, {network}, {agent_name}."
        ),
    )
    set_status = models.CharField(
        _("then set status"), max_length=8, choices=MACRO_STATUSES, blank=True
    )
    set_priority = models.CharField(
        _("then set priority"),
        max_length=8,
        choices=Ticket.Priority.choices,
        blank=True,
    )
    add_tag = models.CharField(_("then add tag"), max_length=50, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    usage_count = models.PositiveIntegerField(_("times used"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class SavedView(models.Model):
    """A named set of queue filters; no owner: shared with every staff member."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="saved_ticket_views",
        help_text=_("Empty: shared with all staff."),
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(
        _("filters"), max_length=600, blank=True, help_text=_("A query string.")
    )
    position = models.PositiveSmallIntegerField(default=100)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("saved ticket view")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"], name="unique_saved_view_per_owner"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(owner__isnull=True),
                name="unique_shared_saved_view",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def shared(self) -> bool:
        return self.owner_id is None


class SatisfactionRating(models.Model):
    """The network's 1–5 rating of a solved ticket (one per ticket)."""

    ticket = models.OneToOneField(
        Ticket, on_delete=models.CASCADE, related_name="satisfaction"
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(_("rating"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction rating")
        indexes = [models.Index(fields=["created_at"], name="rating_created_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5),
                name="rating_score_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.score}"


class TicketSeen(models.Model):
    """When a staff member last opened a ticket: the queue marks tickets with a
    reply since then (``tickets.services.ticket_mark_seen`` writes it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="seen_marks"
    )
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ticket seen by")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "ticket"], name="unique_ticket_seen_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} seen by {self.user_id} at {self.seen_at}"
