"""Feature tests (beta programmes): networks taking part, weekly check-ins and the
documentation checklist that must be complete before a test closes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.models import CreatorNetwork, Region


class FeatureTest(models.Model):
    class Status(models.TextChoices):
        RECRUITING = "recruiting", _("Recruiting")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    # The only valid moves, in one place; ``feature_test_transition`` enforces them.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.RECRUITING: (Status.RUNNING,),
        Status.RUNNING: (Status.CLOSED,),
        Status.CLOSED: (),
    }

    name = models.CharField(_("feature name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    guide = models.ForeignKey(
        "faq.Article",
        verbose_name=_("guide"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The knowledge-base guide that documents the feature."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("eligible regions"),
        related_name="+",
        blank=True,
        help_text=_("None selected: networks of every region may apply."),
    )
    tiers = models.JSONField(
        _("eligible tiers"),
        default=list,
        blank=True,
        help_text=_("Network tiers that may apply; empty: every tier."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), help_text=_("How many networks may take part.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.RECRUITING
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"is_staff": True},
    )
    # documentation checklist: drafted and reviewed are ticked here; "published"
    # is the guide's own status in the knowledge base (one owner of that fact)
    guide_drafted_at = models.DateTimeField(_("guide drafted"), null=True, blank=True)
    guide_reviewed_at = models.DateTimeField(_("guide reviewed"), null=True, blank=True)
    feedback_item = models.ForeignKey(
        "insights.FeedbackItem",
        verbose_name=_("feedback board item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where issues reported in check-ins are collected."),
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("feature test")
        ordering = ["-start_date", "name"]
        indexes = [models.Index(fields=["status", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="feature_test_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", kwargs={"pk": self.pk})

    def allowed_transitions(self) -> tuple[str, ...]:
        return self.TRANSITIONS.get(self.status, ())


class Application(models.Model):
    """A network's place in a test: it applied (or was invited), then accepted or
    declined."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    feature_test = models.ForeignKey(
        FeatureTest,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("feature test"),
    )
    network = models.ForeignKey(
        CreatorNetwork,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("network"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.APPLIED
    )
    invited = models.BooleanField(
        _("invited"), default=False, help_text=_("Invited by a manager.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("application")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["feature_test", "network"], name="unique_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network} → {self.feature_test}"


class CheckIn(models.Model):
    """A participant's answer for one ISO week of a running test."""

    feature_test = models.ForeignKey(
        FeatureTest,
        on_delete=models.CASCADE,
        related_name="checkins",
        verbose_name=_("feature test"),
    )
    network = models.ForeignKey(
        CreatorNetwork,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("network"),
    )
    week = models.CharField(_("ISO week"), max_length=8)
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"))
    works = models.BooleanField(_("works as expected?"))
    issues = models.TextField(_("issues found"), blank=True)
    comment = models.TextField(_("comments"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("feedback ticket"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The feedback ticket the reported issues became."),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("check-in")
        ordering = ["-week", "network__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["feature_test", "network", "week"], name="unique_checkin"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5),
                name="checkin_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.week}: {self.rating}/5"
