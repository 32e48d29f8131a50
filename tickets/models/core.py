"""Tickets: a network's question (its conversation, attachments and history are in
``conversation``).

Writes go through ``tickets.services``; no bare ``.save()`` on a ticket elsewhere.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tickets.models.querysets import TicketQuerySet

REFERENCE_FORMAT = "HUB-%06d"


def reference_for(pk: int) -> str:
    """``HUB-000123`` from the primary key (more digits once past a million)."""
    return REFERENCE_FORMAT % pk


class Category(models.Model):
    """What a ticket is about; staff edit the list in the admin."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=240, blank=True)
    is_active = models.BooleanField(
        _("offered on the form"),
        default=True,
        help_text=_("Inactive categories stay on old tickets but are not offered."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("ticket category")
        verbose_name_plural = _("ticket categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Ticket(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        OPEN = "open", _("Open")
        PENDING = "pending", _("Pending (waiting on the network)")
        ON_HOLD = "on_hold", _("On hold")
        SOLVED = "solved", _("Solved")
        CLOSED = "closed", _("Closed")

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        PROBLEM = "problem", _("Problem")
        FEEDBACK = "feedback", _("Feedback")
        FEATURE_REQUEST = "feature_request", _("Feature request")

    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    class Channel(models.TextChoices):
        WEB = "web", _("Web")
        API = "api", _("API")
        EMAIL = "email", _("E-mail")

    # Statuses where the ticket still needs someone to act.
    ACTIVE_STATUSES = (Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD)
    PRIORITY_RANK = {"low": 0, "normal": 1, "high": 2, "urgent": 3}

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, null=True, editable=False
    )
    network = models.ForeignKey(
        "hub.CreatorNetwork",
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="requested_tickets",
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind, default=Kind.QUESTION
    )
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status, default=Status.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
        limit_choices_to={"is_staff": True},
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True)
    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel, default=Channel.WEB
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("solved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Incremented by every change.")
    )

    # --- service standards (issue 5): written only by ``tickets.sla`` via services.
    sla_policy = models.ForeignKey(
        "tickets.SlaPolicy",
        verbose_name=_("SLA policy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    first_response_due_at = models.DateTimeField(
        _("first response due"), null=True, blank=True
    )
    next_response_due_at = models.DateTimeField(
        _("next response due"), null=True, blank=True
    )
    next_response_started_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("next response started at")
    )
    resolution_due_at = models.DateTimeField(_("resolution due"), null=True, blank=True)
    # The nearest target still running (null while paused or when none runs): the
    # queue sorts by it, the SLA state and the sweep read it.
    sla_due_at = models.DateTimeField(_("next SLA due"), null=True, blank=True)
    sla_paused_at = models.DateTimeField(_("SLA paused"), null=True, blank=True)
    sla_paused_seconds = models.PositiveIntegerField(
        default=0, verbose_name=_("SLA paused (seconds)")
    )
    # Business seconds left per running target while paused: {"resolution": 3600}.
    sla_remaining = models.JSONField(
        default=dict, blank=True, verbose_name=_("SLA time remaining")
    )
    first_response_warned_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("first response warned at")
    )
    first_response_breached_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("first response breached at")
    )
    next_response_warned_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("next response warned at")
    )
    next_response_breached_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("next response breached at")
    )
    resolution_warned_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("resolution warned at")
    )
    resolution_breached_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("resolution breached at")
    )
    sla_breached_at = models.DateTimeField(_("SLA breached"), null=True, blank=True)
    first_response_business_seconds = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("first response (business seconds)")
    )
    resolution_business_seconds = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("resolution (business seconds)")
    )
    satisfaction_requested_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("satisfaction requested at")
    )

    # --- who spoke last (issue 17): written only by ``tickets.speakers`` via
    # services. The ticket's description counts as the network's first message.
    last_reply_at = models.DateTimeField(_("last reply"), null=True, blank=True)
    last_reply_by_staff = models.BooleanField(_("staff spoke last"), default=False)
    network_replied_at = models.DateTimeField(
        _("network last wrote"), null=True, blank=True
    )

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status"], name="ticket_status_idx"),
            models.Index(fields=["priority"], name="ticket_priority_idx"),
            models.Index(fields=["created_at"], name="ticket_created_idx"),
            # the default ordering, so deep pages of the queue walk the index
            models.Index(fields=["-created_at", "-id"], name="ticket_created_id_idx"),
            models.Index(fields=["updated_at"], name="ticket_updated_idx"),
            # The queue: by status, newest first; a network's list; someone's work.
            models.Index(
                fields=["status", "-created_at"], name="ticket_status_created_idx"
            ),
            models.Index(
                fields=["network", "status", "-created_at"],
                name="ticket_net_status_idx",
            ),
            # a network's own list, newest first: the page walks the index (the
            # network's rows are spread over the table, sorting them all cost more)
            models.Index(
                fields=["network", "-created_at", "-id"], name="ticket_net_created_idx"
            ),
            models.Index(
                fields=["assignee", "status", "-created_at"],
                name="ticket_asg_status_idx",
            ),
            models.Index(
                fields=["status", "priority", "-created_at"],
                name="ticket_status_prio_idx",
            ),
            # the staff home's queue health: every column it counts, active rows only
            models.Index(
                fields=[
                    "status",
                    "priority",
                    "assignee",
                    "sla_due_at",
                    "sla_breached_at",
                    "sla_paused_at",
                ],
                condition=models.Q(status__in=["new", "open", "pending", "on_hold"]),
                name="ticket_active_health_idx",
            ),
            # the queue's default (open work, newest first) and its deep pages: an
            # index-only walk instead of sorting every open ticket
            models.Index(
                fields=["-created_at", "-id"],
                condition=models.Q(status__in=["new", "open", "pending", "on_hold"]),
                name="ticket_active_created_idx",
            ),
            models.Index(fields=["sla_due_at"], name="ticket_sla_due_idx"),
            models.Index(fields=["first_response_due_at"], name="ticket_frd_idx"),
            models.Index(fields=["next_response_due_at"], name="ticket_nrd_idx"),
            models.Index(fields=["resolution_due_at"], name="ticket_rd_idx"),
            # the queue's "network replied most recently" sort
            models.Index(
                fields=["-network_replied_at", "-id"], name="ticket_net_replied_idx"
            ),
            # Weekly figures and reports count tickets solved in a period.
            models.Index(fields=["resolved_at"], name="ticket_resolved_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("tickets:detail", kwargs={"reference": self.reference})

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def waiting_on_us(self) -> bool:
        """Being worked and the network spoke last (``tickets.speakers``)."""
        from tickets.speakers import waiting_on_us

        return waiting_on_us(self)

    @property
    def sla_state(self) -> str | None:
        """on_track, due_soon, breached, met, paused or None (``tickets.sla``)."""
        from tickets.sla import state_of

        return state_of(self)
