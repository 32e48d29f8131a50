"""Knowledge base: categories, articles and guides, their revisions, votes and
deflections (a ticket-form suggestion that was opened, solved it, or not).

``Article.body`` is Markdown; ``body_html`` is its sanitised rendering, stored on every
save (``faq.services.article_save``) so pages never render Markdown per request.
``search_vector`` is maintained by the same service (PostgreSQL only; NULL on SQLite).

Translations: an article in another language points at its source with
``translation_of`` (one level: a translation is never itself translated); at most one
version per language and source. Readers get the published version in their language,
else the source (``faq.selectors``); a translation is *outdated* when its source was
saved after it.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def language_choices() -> list[tuple[str, str]]:
    """The shipped languages, read when validating (a callable, so that adding a
    language to ``settings.LANGUAGES`` needs no migration of this app)."""
    return list(settings.LANGUAGES)


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('faq:index')}?category={self.slug}"


class ArticleQuerySet(models.QuerySet):
    def search(self, query: str, *, match_any: bool = False, language=None):
        """Matches for a normalised ``query``, best first: PostgreSQL full-text
        search (rows carry ``score`` and ``headline``), elsewhere the portable
        fallback, then fuzzy titles. The knowledge base's one dialect branch; the
        work is ``faq.search``'s."""
        from faq import search

        if search.using_postgres():
            return search.postgres_search(
                self, query, snippets=True, match_any=match_any, language=language
            )
        plain = search.fallback_search(
            self, query, match_any=match_any, language=language
        )
        return plain if plain.exists() else search.fuzzy_title_search(self, query)


class Article(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        GUIDE = "guide", _("Guide (numbered steps)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        NETWORKS = "networks", _("Networks only")
        STAFF = "staff", _("Staff only")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind, default=Kind.ARTICLE
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Markdown. In a guide, every second-level heading (## Step) starts a "
            "numbered step."
        ),
    )
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.DRAFT
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience, default=Audience.EVERYONE
    )
    language = models.CharField(
        _("language"), max_length=16, choices=language_choices, default="en"
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        limit_choices_to={"translation_of__isnull": True},
        help_text=_(
            "The source article this one translates; empty for a source article."
        ),
    )
    tags = models.CharField(
        _("tags"), max_length=250, blank=True, help_text=_("Comma-separated.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="faq_articles_written",
    )
    last_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last editor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="faq_articles_edited",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_("After this date the article shows up in “needs review”."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    helpful_yes = models.PositiveIntegerField(_("helpful"), default=0, editable=False)
    helpful_no = models.PositiveIntegerField(
        _("not helpful"), default=0, editable=False
    )
    search_vector = SearchVectorField(
        null=True, editable=False, verbose_name=_("search index")
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["status", "audience"]),
            models.Index(fields=["review_by"]),
            models.Index(fields=["-view_count"], name="faq_article_views_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                condition=models.Q(translation_of__isnull=False),
                name="faq_one_translation_per_language",
                violation_error_message=_(
                    "This article already has a translation in this language."
                ),
            )
        ]
        # The GIN indexes (search vector, trigram on title) are PostgreSQL-only and
        # created by migration 0002.

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("faq:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        """A translation translates a source article (not a translation, not
        itself) into another language than the source's."""
        super().clean()
        source = self.translation_of
        if source is None:
            return
        if source.pk == self.pk or source.translation_of_id is not None:
            raise ValidationError(
                {"translation_of": _("Choose a source article, not a translation.")}
            )
        if source.language == self.language:
            raise ValidationError(
                {"language": _("A translation needs another language than its source.")}
            )
        if self.pk and self.translations.exists():
            raise ValidationError(
                {"translation_of": _("This article has translations of its own.")}
            )

    @property
    def source(self) -> "Article":
        """The source article of a translation; the article itself otherwise."""
        return self.translation_of if self.translation_of_id else self

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def needs_review(self) -> bool:
        return bool(self.review_by and self.review_by < timezone.localdate())


class ArticleNeedingReview(Article):
    """Published articles past their review-by date (a list of its own in the admin)."""

    class Meta:
        proxy = True
        verbose_name = _("article needing review")
        verbose_name_plural = _("articles needing review")


class ArticleRevision(models.Model):
    """A snapshot of an article's content, taken on every save."""

    # PROTECT: revisions never vanish in a cascade; ``faq.services.article_delete``
    # deletes them on purpose, after its permission check.
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body"))
    category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Article.Kind)
    status = models.CharField(_("status"), max_length=16, choices=Article.Status)
    audience = models.CharField(_("audience"), max_length=16, choices=Article.Audience)
    language = models.CharField(_("language"), max_length=16)
    tags = models.CharField(_("tags"), max_length=250, blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("revision")
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="faq_unique_revision_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article_id} r{self.number}"


class ArticleVote(models.Model):
    """“Was this helpful?” — one vote per person (or per session when anonymous)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    session_key = models.CharField(max_length=40, blank=True)
    helpful = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("article vote")
        verbose_name_plural = _("article votes")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"],
                condition=models.Q(user__isnull=False),
                name="faq_one_vote_per_user",
            ),
            models.UniqueConstraint(
                fields=["article", "session_key"],
                condition=models.Q(user__isnull=True),
                name="faq_one_vote_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {'yes' if self.helpful else 'no'}"


class Deflection(models.Model):
    """A ticket-form suggestion someone opened; ``filed`` if they filed a ticket
    anyway, ``solved`` if they said it solved their question."""

    class Outcome(models.TextChoices):
        OPENED = "opened", _("Opened (left without filing)")
        SOLVED = "solved", _("Solved it")
        FILED = "filed", _("Filed a ticket anyway")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="deflections",
        verbose_name=_("article"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    session_key = models.CharField(
        max_length=40, blank=True, db_index=True, verbose_name=_("session key")
    )
    query = models.CharField(_("typed subject"), max_length=200, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome, default=Outcome.OPENED
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("deflection")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["outcome", "created_at"])]

    def __str__(self) -> str:
        return f"{self.article_id} {self.outcome}"


class SearchRecord(models.Model):
    """One FAQ search by a person (hub page, API or ticket-form suggestions), kept for
    ``HUB_SEARCH_LOG_DAYS`` days so that the searches nobody could answer become
    search gaps (``insights.SearchGap``). Written only by ``faq.search_log``."""

    class Source(models.TextChoices):
        HUB = "hub", _("Knowledge-base page")
        API = "api", _("API")
        TICKET_FORM = "ticket-form", _("Ticket-form suggestions")

    query = models.CharField(_("query"), max_length=200)
    source = models.CharField(_("source"), max_length=16, choices=Source)
    result_count = models.PositiveIntegerField(_("results"), default=0)
    network = models.ForeignKey(
        "hub.CreatorNetwork",
        verbose_name=_("network"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    session_key = models.CharField(max_length=40, blank=True)
    opened_article = models.ForeignKey(
        Article,
        verbose_name=_("opened article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    created_at = models.DateTimeField(_("searched"), default=timezone.now)
    updated_at = models.DateTimeField(_("last typed"), default=timezone.now)

    class Meta:
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["created_at"], name="faq_search_created_idx"),
            models.Index(
                fields=["source", "user", "session_key", "updated_at"],
                name="faq_search_typing_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.query}"
