"""LIVE agency campaigns: setup, enrolled networks, daily figures and post-review."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from campaigns.vocabulary import METRIC_CHOICES
from hub.models import CreatorNetwork, Region


class Campaign(models.Model):
    class Kind(models.TextChoices):
        LIVE_EVENT = "live_event", _("LIVE event")
        TOURNAMENT = "tournament", _("Tournament")
        RECRUITMENT = "recruitment", _("Recruitment drive")
        TRAINING = "training", _("Training")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SETUP = "setup", _("Setup")
        LIVE = "live", _("Live")
        REVIEW = "review", _("Review")
        CLOSED = "closed", _("Closed")

    # The only valid moves; anything else is refused by ``campaign_transition``.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.DRAFT: (Status.SETUP,),
        Status.SETUP: (Status.DRAFT, Status.LIVE),
        Status.LIVE: (Status.REVIEW,),
        Status.REVIEW: (Status.CLOSED,),
        Status.CLOSED: (),
    }

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    status = models.CharField(
        _("status"), max_length=8, choices=Status, default=Status.DRAFT
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), related_name="campaigns", blank=True
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_campaigns",
        limit_choices_to={"is_staff": True},
    )
    description = models.TextField(_("description"), blank=True)
    networks = models.ManyToManyField(
        CreatorNetwork,
        through="Enrolment",
        related_name="campaigns",
        verbose_name=_("networks"),
    )
    # Post-review: drafted from the figures on entering review, then edited.
    review_summary = models.TextField(_("review summary"), blank=True)
    review_worked = models.TextField(_("what worked"), blank=True)
    review_change = models.TextField(_("what to change"), blank=True)
    review_next_actions = models.TextField(_("next actions"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("campaign")
        ordering = ["-start_date", "name"]
        indexes = [models.Index(fields=["status", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="campaign_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("campaigns:detail", kwargs={"pk": self.pk})

    def allowed_transitions(self) -> tuple[str, ...]:
        return self.TRANSITIONS.get(self.status, ())


class Goal(models.Model):
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("campaign"),
    )
    metric = models.CharField(_("metric"), max_length=32, choices=METRIC_CHOICES)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "metric"], name="unique_goal_metric"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_display()} ≥ {self.target}"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("campaign"),
    )
    network = models.ForeignKey(
        CreatorNetwork,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("network"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status, default=Status.INVITED
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responded by"),
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["network__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "network"], name="unique_enrolment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network} in {self.campaign} ({self.get_status_display()})"


class Task(models.Model):
    """An item of the setup checklist."""

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("campaign"),
    )
    title = models.CharField(_("task"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaign_tasks",
        limit_choices_to={"is_staff": True},
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def done(self) -> bool:
        return self.done_at is not None


def material_upload_to(instance, filename: str) -> str:
    """A random stored name; the download is named after the title."""
    extension = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"campaigns/{instance.campaign_id}/materials/{uuid.uuid4().hex}.{extension}"


class Material(models.Model):
    """Training material: a knowledge-base guide, a link or an uploaded file."""

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="materials",
        verbose_name=_("campaign"),
    )
    title = models.CharField(_("title"), max_length=200)
    guide = models.ForeignKey(
        "faq.Article",
        verbose_name=_("knowledge-base guide"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaign_materials",
        limit_choices_to={"kind": "guide", "status": "published"},
    )
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=material_upload_to, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    def download_name(self) -> str:
        extension = self.file.name.rsplit(".", 1)[-1] if self.file else ""
        return f"{slugify(self.title) or 'material'}.{extension}"


class CampaignMetric(models.Model):
    """One figure: a network's value of one metric on one day of a campaign."""

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="metrics",
        verbose_name=_("campaign"),
    )
    network = models.ForeignKey(
        CreatorNetwork,
        on_delete=models.CASCADE,
        related_name="campaign_metrics",
        verbose_name=_("network"),
    )
    date = models.DateField(_("date"))
    metric = models.CharField(_("metric"), max_length=32, choices=METRIC_CHOICES)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("campaign figure")
        ordering = ["date", "network_id", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "network", "date", "metric"],
                name="unique_campaign_metric",
            )
        ]
        # The unique index (campaign first) serves every read; no second index, so
        # bulk loads stay fast.

    def __str__(self) -> str:
        return f"{self.network} {self.date} {self.metric}={self.value}"


class MetricUpload(models.Model):
    """A validated CSV waiting for the manager to confirm it after the preview.

    ``rows`` holds ``[network_id, "YYYY-MM-DD", metric, "value"]`` lists.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        APPLIED = "applied", _("Applied")

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="uploads",
        verbose_name=_("campaign"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    filename = models.CharField(max_length=255, blank=True, verbose_name=_("filename"))
    rows = models.JSONField(default=list, verbose_name=_("rows"))
    status = models.CharField(
        max_length=8, choices=Status, default=Status.PENDING, verbose_name=_("status")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    applied_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("applied at")
    )

    class Meta:
        verbose_name = _("metric upload")
        verbose_name_plural = _("metric uploads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"
