"""People, creator networks and who belongs to which."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

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
    # blank: the network's time zone, else TIME_ZONE (hub/timezones.py)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        blank=True,
        default="",
        help_text=_("Times are shown in it. Empty: your network's time zone."),
    )
    # blank: automatic (browser, then the network's default; hub/languages.py)
    language = models.CharField(
        _("language"),
        max_length=16,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty to follow your browser and your network."),
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

    def save(self, *args, **kwargs):
        """A new password or a deactivation ends every API token of the account
        (``set_password`` leaves ``_password`` set until the save completes)."""
        reason = (
            "password changed"
            if self._password is not None
            else ("deactivated" if not self.is_active else "")
        )
        super().save(*args, **kwargs)
        if reason:
            from hub.tokens import api_tokens_revoke_all

            api_tokens_revoke_all(user=self, reason=reason)


class Region(models.Model):
    code = models.SlugField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
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
    # the language of its people's pages and e-mails when they chose none and their
    # browser asks for none the hub speaks (hub/languages.py)
    default_language = models.CharField(
        _("default language"),
        max_length=16,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_(
            "Pages and e-mails use it for the network's people who chose no language "
            "and whose browser asks for none the hub speaks."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    members = models.ManyToManyField(
        User, through="Membership", related_name="networks", verbose_name=_("members")
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

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    network = models.ForeignKey(
        CreatorNetwork,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("network"),
    )
    role = models.CharField(_("role"), max_length=8, choices=Role, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
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

    task_name = models.CharField(max_length=200, verbose_name=_("task name"))
    kwargs = models.JSONField(default=dict, verbose_name=_("task arguments"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    dispatched_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("dispatched at")
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    last_error = models.TextField(blank=True, verbose_name=_("last error"))

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


class ApiToken(models.Model):
    """A named API token; only a SHA-256 digest of the secret is kept.

    The secret (``hub_`` + 43 random characters, 256 bits) is shown once, when it is
    created; ``prefix`` lets its owner recognise it in a list. See ``hub.tokens``.
    """

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("starts with"), max_length=16)
    digest = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name=_("token digest")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("API token")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class RecoveryCodeDevice(ThrottlingMixin, Device):
    """A second factor for when the phone is lost: single-use codes, kept hashed.

    A django-otp device, so verification is throttled (exponential back-off) like
    the TOTP device's. See ``hub.two_factor``.
    """

    class Meta:
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token) -> bool:
        from hub.two_factor import recovery_code_digest

        allowed, _info = self.verify_is_allowed()
        if not allowed:
            return False
        used = self.codes.filter(digest=recovery_code_digest(str(token))).first()
        if used is None:
            self.throttle_increment()
            return False
        used.delete()
        self.throttle_reset()
        return True


class RecoveryCode(models.Model):
    device = models.ForeignKey(
        RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes"
    )
    digest = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        constraints = [
            models.UniqueConstraint(
                fields=["device", "digest"], name="unique_recovery_code"
            )
        ]

    def __str__(self) -> str:
        return f"recovery code {self.pk}"
