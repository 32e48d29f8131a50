"""Onboarding plans (SOP templates) and each network's checklist copied from one."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validators import validate_link


class OwnerSide(models.TextChoices):
    NETWORK = "network", _("Network")
    MANAGER = "manager", _("Agency manager")


class OnboardingPlan(models.Model):
    """A standard operating procedure: ordered steps every new network goes through."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(
        _("default plan"),
        default=False,
        help_text=_("New networks get a checklist from the default plan."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("onboarding plan")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="onboarding_single_default_plan",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PlanStep(models.Model):
    plan = models.ForeignKey(
        OnboardingPlan, on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    guide_url = models.CharField(
        _("guide link"),
        max_length=300,
        blank=True,
        validators=[validate_link],
        help_text=_(
            "A guide in the knowledge base, e.g. /faq/going-live/, or an https:// "
            "address."
        ),
    )
    owner_side = models.CharField(
        _("done by"), max_length=16, choices=OwnerSide, default=OwnerSide.NETWORK
    )
    due_offset_days = models.PositiveIntegerField(
        _("due after (days)"),
        default=7,
        help_text=_("Days after the onboarding starts."),
    )

    class Meta:
        verbose_name = _("plan step")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        """A guide link to the knowledge base must name a published article, so no
        checklist ever shows a "Read the guide" that answers 404."""
        from django.core.exceptions import ValidationError

        from faq.selectors import missing_article_links

        if self.guide_url and missing_article_links([self.guide_url]):
            raise ValidationError(
                {
                    "guide_url": _(
                        "No published article at %(link)s: publish it first or "
                        "link another guide."
                    )
                    % {"link": self.guide_url}
                }
            )


class Onboarding(models.Model):
    """One network's checklist; steps are copied so later plan edits keep history."""

    network = models.OneToOneField(
        "hub.CreatorNetwork", on_delete=models.CASCADE, related_name="onboarding"
    )
    plan = models.ForeignKey(
        OnboardingPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="onboardings",
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    last_progress_at = models.DateTimeField(_("last progress"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    stalled_reminded_at = models.DateTimeField(
        _("manager reminded (stalled)"),
        null=True,
        blank=True,
        help_text=_("Set when the manager was reminded; cleared by new progress."),
    )

    class Meta:
        verbose_name = _("onboarding")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["completed_at", "last_progress_at"])]

    def __str__(self) -> str:
        return str(self.network)

    @staticmethod
    def stall_cutoff():
        return timezone.now() - timedelta(days=settings.HUB_ONBOARDING_STALL_DAYS)

    @property
    def is_stalled(self) -> bool:
        return self.completed_at is None and self.last_progress_at < self.stall_cutoff()


class OnboardingStep(models.Model):
    onboarding = models.ForeignKey(
        Onboarding, on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    guide_url = models.CharField(
        _("guide link"), max_length=300, blank=True, validators=[validate_link]
    )
    owner_side = models.CharField(
        _("done by"), max_length=16, choices=OwnerSide, default=OwnerSide.NETWORK
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("checklist step")
        ordering = ["onboarding", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return (
            self.done_at is None
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )
