"""Insights: recurring-question groups, the product feedback board and the ledger of
weekly-update e-mails."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RecurringGroup(models.Model):
    """Tickets of the last weeks that ask the same thing (recomputed nightly)."""

    label = models.CharField(_("question"), max_length=200)
    size = models.PositiveIntegerField(_("tickets"))
    network_count = models.PositiveIntegerField(_("networks"))
    terms = models.CharField(_("key words"), max_length=200, blank=True)
    typical_ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("most typical ticket"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    tickets = models.ManyToManyField(
        "tickets.Ticket",
        related_name="recurring_groups",
        blank=True,
        verbose_name=_("tickets"),
    )
    article = models.ForeignKey(
        "faq.Article",
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A published article that already answers this question."),
    )
    draft_article = models.ForeignKey(
        "faq.Article",
        verbose_name=_("drafted article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    computed_at = models.DateTimeField(_("computed"), default=timezone.now)

    class Meta:
        verbose_name = _("recurring question")
        ordering = ["-size", "-network_count", "id"]
        indexes = [models.Index(fields=["-size"], name="recurring_size_idx")]

    def __str__(self) -> str:
        return f"{self.label} ({self.size})"


class ProductArea(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("product area")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FeedbackItem(models.Model):
    """One piece of product feedback or a feature request, asked by one or more
    networks through their tickets."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        RELAYED = "relayed", _("Relayed to product")
        PLANNED = "planned", _("Planned")
        SHIPPED = "shipped", _("Shipped")
        DECLINED = "declined", _("Declined")

    title = models.CharField(_("title"), max_length=200)
    area = models.ForeignKey(
        ProductArea,
        verbose_name=_("product area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.NEW
    )
    note = models.TextField(_("note"), blank=True)
    tickets = models.ManyToManyField(
        "tickets.Ticket",
        related_name="feedback_items",
        blank=True,
        verbose_name=_("tickets"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback item")
        ordering = ["area__name", "-updated_at", "id"]

    def __str__(self) -> str:
        return self.title


class FeedbackStatusChange(models.Model):
    item = models.ForeignKey(
        FeedbackItem,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("item"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    old_status = models.CharField(max_length=12, verbose_name=_("old status"))
    new_status = models.CharField(max_length=12, verbose_name=_("new status"))
    note = models.TextField(blank=True, verbose_name=_("note"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))

    class Meta:
        verbose_name = _("feedback status change")
        verbose_name_plural = _("feedback status changes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.old_status} → {self.new_status}"


class EmbeddingCache(models.Model):
    """A text's meaning vector (float32 bytes), keyed by a hash of model and text, so
    that each ticket or article is embedded once (see ``insights.embeddings``)."""

    key = models.CharField(max_length=64, unique=True)
    vector = models.BinaryField()
    language = models.CharField(max_length=8, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("embedding")

    def __str__(self) -> str:
        return self.key[:12]


class SearchGap(models.Model):
    """FAQ searches of the last weeks that found nothing or whose results nobody
    opened, grouped by meaning (recomputed hourly by
    ``insights.services.search_gaps_compute``)."""

    label = models.CharField(_("searched for"), max_length=200)
    size = models.PositiveIntegerField(_("searches"))
    network_count = models.PositiveIntegerField(_("networks"))
    no_results = models.PositiveIntegerField(_("found nothing"))
    sample_queries = models.JSONField(_("sample searches"), default=list)
    first_seen = models.DateTimeField(_("first searched"))
    last_seen = models.DateTimeField(_("last searched"))
    article = models.ForeignKey(
        "faq.Article",
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A published article, later than the searches, that answers them."),
    )
    answered = models.BooleanField(_("answered"), default=False)
    draft_article = models.ForeignKey(
        "faq.Article",
        verbose_name=_("drafted article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    computed_at = models.DateTimeField(_("computed"), default=timezone.now)

    class Meta:
        verbose_name = _("search gap")
        ordering = ["answered", "-size", "-network_count", "id"]

    def __str__(self) -> str:
        return f"{self.label} ({self.size})"
