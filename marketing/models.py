"""Marketing support: events and registrations, content engagement, the brand kit.

Events and brand assets are targeted like announcements (regions, tiers, named
networks; none = everyone), through ``onboarding.models.announcements.audience_q``.
Times are stored in UTC; an event's ``time_zone`` is the one it is announced in.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.models import TIME_ZONE_CHOICES
from onboarding.models.announcements import audience_for_network_ids_q, audience_q


class TargetedQuerySet(models.QuerySet):
    def for_networks(self, networks):
        """Rows whose audience includes any of ``networks`` ((id, region_id, tier))."""
        q = Q(pk__in=[])
        for network_id, region_id, tier in networks:
            q |= audience_q(
                self.model, network_id=network_id, region_id=region_id, tier=tier
            )
        return self.filter(q)

    def for_network_ids(self, network_ids):
        """Rows for any of these networks, in one SQL statement."""
        return self.filter(audience_for_network_ids_q(self.model, network_ids))


class Targeted(models.Model):
    """The audience fields, the same as an announcement's."""

    regions = models.ManyToManyField(
        "hub.Region", blank=True, related_name="+", verbose_name=_("regions")
    )
    tiers = models.CharField(
        _("tiers"),
        max_length=80,
        blank=True,
        default="",
        help_text=_("Stored as ,tier,tier, — use the checkboxes."),
    )
    networks = models.ManyToManyField(
        "hub.CreatorNetwork",
        blank=True,
        related_name="+",
        verbose_name=_("named networks"),
    )

    class Meta:
        abstract = True

    @property
    def tier_list(self) -> list[str]:
        return [tier for tier in self.tiers.split(",") if tier]


class Event(Targeted):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("LIVE training")
        WEBINAR = "webinar", _("Webinar")
        MEETUP = "meetup", _("Meetup")
        AWARDS = "awards", _("Award night")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    description = models.TextField(_("description"), blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="UTC"
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats; past them people join the waitlist. Empty: no limit."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.DRAFT
    )
    recording_url = models.URLField(_("recording link"), blank=True)
    slides_url = models.URLField(_("slides link"), blank=True)
    sequence = models.PositiveIntegerField(
        default=0,
        help_text=_("iCalendar SEQUENCE: raised on every change sent out."),
        verbose_name=_("calendar sequence"),
    )
    uid = models.UUIDField(
        default=uuid.uuid4, editable=False, unique=True, verbose_name=_("calendar UID")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = TargetedQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("marketing:event_detail", args=[self.pk])


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")

    HOLDS_SEAT = (Status.REGISTERED, Status.ATTENDED)

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    network = models.ForeignKey(
        "hub.CreatorNetwork",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("network"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status)
    queued_at = models.DateTimeField(
        _("in line since"), help_text=_("The waitlist's order.")
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        verbose_name = _("registration")
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], name="unique_event_registration"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="registration_rating_1_to_5",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.event} ({self.status})"


class ContentItem(models.Model):
    class Kind(models.TextChoices):
        SHORT_VIDEO = "short_video", _("Short video")
        LIVE_REPLAY = "live_replay", _("LIVE replay")
        POST = "post", _("Post")

    network = models.ForeignKey(
        "hub.CreatorNetwork",
        on_delete=models.CASCADE,
        related_name="content_items",
        verbose_name=_("network"),
    )
    creator_handle = models.CharField(_("creator handle"), max_length=80)
    url = models.URLField(_("URL"), max_length=500, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    posted_at = models.DateTimeField(_("posted"))
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="content_items",
        verbose_name=_("campaign"),
    )
    hashtags = models.CharField(_("hashtags"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("content item")
        ordering = ["-posted_at", "id"]
        indexes = [models.Index(fields=["network", "posted_at"])]

    def __str__(self) -> str:
        return f"@{self.creator_handle} {self.url}"

    def get_absolute_url(self) -> str:
        return reverse("marketing:content_detail", args=[self.pk])


class ContentMetric(models.Model):
    """One figure of one content item on one day; reloading replaces it."""

    item = models.ForeignKey(
        ContentItem,
        on_delete=models.CASCADE,
        related_name="metrics",
        verbose_name=_("item"),
    )
    date = models.DateField(_("date"))
    metric = models.CharField(_("metric"), max_length=24)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        verbose_name = _("content figure")
        ordering = ["item", "date", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "date", "metric"], name="unique_content_metric"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.date} {self.metric}={self.value}"


class ContentUpload(models.Model):
    """A checked CSV waiting for its uploader to confirm the preview."""

    network = models.ForeignKey(
        "hub.CreatorNetwork", on_delete=models.CASCADE, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=200, blank=True)
    rows = models.JSONField(default=list)
    applied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("content upload")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.network})"


class BrandAsset(Targeted):
    class Kind(models.TextChoices):
        LOGO = "logo", _("Logo")
        TEMPLATE = "template", _("Template")
        PALETTE = "palette", _("Colour palette")
        FONT = "font", _("Font")
        VIDEO_INTRO = "video_intro", _("Video intro")
        GUIDELINES = "guidelines", _("Guidelines")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    usage_notes = models.TextField(_("usage notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    objects = TargetedQuerySet.as_manager()

    class Meta:
        verbose_name = _("brand asset")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("marketing:asset_detail", args=[self.pk])


def _asset_path(instance, filename: str) -> str:
    return f"brand/{uuid.uuid4().hex}"


class BrandAssetVersion(models.Model):
    asset = models.ForeignKey(
        BrandAsset,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("asset"),
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=_asset_path, verbose_name=_("file"))
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100, verbose_name=_("content type"))
    size = models.PositiveBigIntegerField(verbose_name=_("size"))
    is_current = models.BooleanField(_("current"), default=False)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    download_count = models.PositiveIntegerField(_("downloads"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("brand asset version")
        ordering = ["asset", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["asset", "number"], name="unique_brand_asset_version"
            ),
            models.UniqueConstraint(
                fields=["asset"],
                condition=Q(is_current=True),
                name="one_current_brand_asset_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asset} v{self.number}"

    @property
    def is_image(self) -> bool:
        return self.content_type in (
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
        )
