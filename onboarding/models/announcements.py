"""Product and policy updates shown to networks until acknowledged."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Concat, StrIndex
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AnnouncementQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(
            published_at__isnull=False, published_at__lte=now or timezone.now()
        )

    def for_network_ids(self, network_ids):
        """Announcements addressed to any of these networks: the audience decided
        when each was published (``Announcement.audience``), one indexed join."""
        addressed = Announcement.audience.through.objects.filter(
            announcement_id=OuterRef("pk"), creatornetwork_id__in=list(network_ids)
        )
        return self.filter(Exists(addressed))


def audience_for_network_ids_q(model, network_ids) -> Q:
    """``audience_q`` for any of ``network_ids`` at once, as one condition: the
    networks' regions and tiers are joined in SQL, not fetched first."""
    from hub.models import CreatorNetwork

    name = model._meta.model_name
    row = OuterRef(OuterRef("pk"))
    named = model.networks.through.objects.filter(
        **{f"{name}_id": row}, creatornetwork_id=OuterRef("pk")
    )
    any_region = model.regions.through.objects.filter(**{f"{name}_id": row})
    same_region = any_region.filter(region_id=OuterRef("region_id"))
    networks = CreatorNetwork.objects.filter(pk__in=list(network_ids)).annotate(
        tier_pos=StrIndex(OuterRef("tiers"), Concat(Value(","), F("tier"), Value(",")))
    )
    regions = model.regions.through.objects.filter(**{name: OuterRef("pk")})
    everyone = (
        ~Exists(model.networks.through.objects.filter(**{name: OuterRef("pk")}))
        & ~Exists(regions)
        & Q(tiers="")
    )
    segmented = Exists(regions) | ~Q(tiers="")
    in_regions = networks.filter(~Exists(any_region) | Exists(same_region))
    in_segment = segmented & (
        (Q(tiers="") & Exists(in_regions))
        | (~Q(tiers="") & Exists(in_regions.filter(tier_pos__gt=0)))
    )
    return everyone | Exists(networks.filter(Exists(named))) | in_segment


def audience_q(model, *, network_id: int, region_id: int, tier: str) -> Q:
    """The one audience rule (announcements, events, brand assets): rows of
    ``model`` (with ``networks`` and ``regions`` many-to-many fields and a ``tiers``
    field stored as ``,tier,tier,``) whose audience includes this network.
    Nothing chosen = everyone; named networks are always included; regions and
    tiers, when chosen, select the networks that match all of them."""
    owner = {model._meta.model_name: OuterRef("pk")}
    named = model.networks.through.objects.filter(**owner)
    regions = model.regions.through.objects.filter(**owner)
    has_regions = Exists(regions)
    segmented = has_regions | ~Q(tiers="")
    everyone = ~Exists(named) & ~has_regions & Q(tiers="")
    in_segment = (
        segmented
        & (~has_regions | Exists(regions.filter(region_id=region_id)))
        & (Q(tiers="") | Q(tiers__contains=f",{tier},"))
    )
    return everyone | Exists(named.filter(creatornetwork_id=network_id)) | in_segment


class Announcement(models.Model):
    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product update")
        POLICY = "policy", _("Policy update")

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("body"), help_text=_("Plain text; blank lines separate paragraphs.")
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind, default=Kind.PRODUCT
    )
    regions = models.ManyToManyField(
        "hub.Region", blank=True, related_name="+", verbose_name=_("regions")
    )
    tiers = models.CharField(
        _("tiers"),
        max_length=80,
        blank=True,
        default="",
        help_text=_("Stored as ,tier,tier, — use the checkboxes in the admin."),
    )
    networks = models.ManyToManyField(
        "hub.CreatorNetwork",
        blank=True,
        related_name="+",
        verbose_name=_("named networks"),
    )
    audience = models.ManyToManyField(
        "hub.CreatorNetwork",
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("audience"),
        help_text=_(
            "The networks it was addressed to, decided once when it was published "
            "(and e-mailed): the banner, the list and the digest all read this."
        ),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep it a draft."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("announcement")
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def tier_list(self) -> list[str]:
        return [tier for tier in self.tiers.split(",") if tier]

    @property
    def status(self) -> str:
        if self.published_at:
            return "published"
        return "scheduled" if self.publish_at else "draft"


class AnnouncementAcknowledgement(models.Model):
    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("acknowledgement")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "user"], name="unique_announcement_ack"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ✓ {self.announcement_id}"
