"""People, creator networks and who belongs to which."""

import zoneinfo

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class UserManager(DjangoUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="UTC"
    )
    is_staff = models.BooleanField(
        _("platform staff"),
        default=False,
        help_text=_(
            "Platform staff (interns, agency managers) can sign in to the admin."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        indexes = [
            # the staff pickers (assignee filters, bulk bar, properties) among
            # thousands of network members
            models.Index(
                fields=["email"],
                name="user_staff_email_idx",
                condition=models.Q(is_staff=True, is_active=True),
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return (self.display_name or self.email).split(" ")[0]


class Region(models.Model):
    code = models.SlugField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CreatorNetwork(models.Model):
    """An agency that manages LIVE creators and gets support through the hub."""

    class Tier(models.TextChoices):
        EMERGING = "emerging", _("Emerging")
        GROWTH = "growth", _("Growth")
        PREMIER = "premier", _("Premier")

    class Status(models.TextChoices):
        ONBOARDING = "onboarding", _("Onboarding")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        OFFBOARDED = "offboarded", _("Offboarded")

    name = models.CharField(_("name"), max_length=160, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="networks",
    )
    tier = models.CharField(
        _("tier"), max_length=16, choices=Tier, default=Tier.EMERGING
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.ONBOARDING
    )
    manager = models.ForeignKey(
        User,
        verbose_name=_("agency manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_networks",
        limit_choices_to={"is_staff": True},
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="UTC"
    )
    language = models.CharField(_("language"), max_length=16, default="en")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    members = models.ManyToManyField(
        User, through="Membership", related_name="networks"
    )

    class Meta:
        verbose_name = _("creator network")
        ordering = ["name"]
        permissions = [("manage_networks", "Can manage every creator network")]
        indexes = [models.Index(fields=["region", "tier", "status"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("hub:network_detail", kwargs={"slug": self.slug})


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    network = models.ForeignKey(
        CreatorNetwork, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["network__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "network"], name="unique_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.network} ({self.get_role_display()})"


class OutboxMessage(models.Model):
    """A Celery task recorded in the same transaction as the change that needs it.

    Sent right after commit; when the broker is down the row stays pending and
    ``outbox_flush_task`` (beat) sends it once the broker is back. See ``hub.outbox``.
    """

    task_name = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("outbox message")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(dispatched_at__isnull=True),
                name="outbox_pending_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_name} ({'sent' if self.dispatched_at else 'pending'})"
