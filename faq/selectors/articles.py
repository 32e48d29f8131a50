"""Which articles a person may read, in which language, and the lists and pages
that show them.

Who sees what (``visible_articles``):
- anonymous visitors and signed-in people who belong to no network: published
  articles for ``everyone``;
- network members: published articles for ``everyone`` and ``networks``;
- platform staff (interns, managers, administrators): every article, drafts and
  archived ones included.
Other apps (campaigns, onboarding, insights) link training material and digest
content through ``visible_articles`` / ``published_articles``.

Languages: the reader's language is ``reader_language()`` (the active one, which the
locale middleware sets). Lists, search, suggestions and the article page show each
article once, in the reader's language when a published translation they may read
exists, else the source (``in_reader_language``).
"""

from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation

from faq.models import Article, Category
from hub import permissions as access


def audiences_for(user) -> list[str] | None:
    """The audiences this person may read, or ``None`` for every audience (staff)."""
    if access.is_staff_member(user):
        return None
    if access.network_ids(user):
        return [Article.Audience.EVERYONE, Article.Audience.NETWORKS]
    return [Article.Audience.EVERYONE]


def visible_articles(user) -> QuerySet[Article]:
    """Every article this person may open (staff: drafts and archived too)."""
    qs = Article.objects.select_related("category")
    audiences = audiences_for(user)
    if audiences is None:
        return qs
    return qs.filter(status=Article.Status.PUBLISHED, audience__in=audiences)


def published_articles(user, *, kind: str | None = None) -> QuerySet[Article]:
    """Published articles this person may read (what lists and digests show)."""
    qs = visible_articles(user).filter(status=Article.Status.PUBLISHED)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def reader_language() -> str:
    """The active language as one of ``settings.LANGUAGES`` (``zh-hans``, ``id``…);
    the default language when the active one is not shipped."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(active)
    except LookupError:
        return settings.LANGUAGE_CODE


def _published_translation(user, language: str) -> QuerySet[Article]:
    return published_articles(user).filter(
        translation_of=OuterRef("pk"), language=language
    )


def in_reader_language(
    queryset: QuerySet[Article], *, user, language: str | None = None
) -> QuerySet[Article]:
    """Each article once: its published translation in ``language`` when the person
    may read one, else the source. Other languages' translations drop out."""
    language = language or reader_language()
    translated = Exists(_published_translation(user, language))
    return queryset.filter(
        (Q(translation_of__isnull=True) & ~translated)
        | Q(
            translation_of__isnull=False,
            language=language,
            status=Article.Status.PUBLISHED,
        )
    )


LIST_DEFERRED = ("body", "body_html", "search_vector")  # what lists never show


def article_list(user) -> QuerySet[Article]:
    """``visible_articles`` for lists and search results: without the bodies and
    the search vector, which only the article page (or the database) reads."""
    return visible_articles(user).defer(*LIST_DEFERRED)


def reader_article_list(user, *, language: str | None = None) -> QuerySet[Article]:
    """``article_list`` with each article once, in the reader's language."""
    return in_reader_language(article_list(user), user=user, language=language)


def article_get(*, user, slug: str) -> Article | None:
    return visible_articles(user).filter(slug=slug).first()


def article_for_reader(
    *, user, slug: str, language: str | None = None, exact: bool = False
) -> Article | None:
    """The article at ``slug``, or, when it is a source and the person may read its
    published translation in the reader's language, that translation (the page then
    moves to its address). ``exact``: the reader chose this version (``?lang=``)."""
    article = article_get(user=user, slug=slug)
    if article is None or exact or article.translation_of_id:
        return article
    language = language or reader_language()
    if article.language == language:
        return article
    translated = (
        published_articles(user)
        .filter(translation_of=article, language=language)
        .first()
    )
    return translated or article


def article_versions(*, article: Article, user) -> list[Article]:
    """Every published version of the article (source and translations) the person
    may read, this one included, by language: the page's language links."""
    source_id = article.translation_of_id or article.pk
    return list(
        published_articles(user)
        .filter(Q(pk=source_id) | Q(translation_of_id=source_id))
        .select_related(None)
        .only("slug", "title", "language", "translation_of_id")
        .order_by("language")
    )


def category_list(*, user) -> list[Category]:
    """Categories holding at least one published article this person may read."""
    audiences = audiences_for(user)
    condition = Q(
        articles__status=Article.Status.PUBLISHED,
        articles__translation_of__isnull=True,
    )
    if audiences is not None:
        condition &= Q(articles__audience__in=audiences)
    qs = Category.objects.annotate(article_count=Count("articles", filter=condition))
    return [category for category in qs if category.article_count]


def _reader_published(user) -> QuerySet[Article]:
    return in_reader_language(published_articles(user), user=user)


def popular_articles(*, user, limit: int = 6) -> list[Article]:
    return list(_reader_published(user).order_by("-view_count", "title")[:limit])


def recent_articles(*, user, limit: int = 6) -> list[Article]:
    return list(
        _reader_published(user).order_by("-published_at", "-updated_at")[:limit]
    )


def related_articles(*, article: Article, user, limit: int = 5) -> list[Article]:
    """Same category or a shared tag, most viewed first."""
    condition = Q(category_id=article.category_id)
    for tag in article.tag_list[:5]:
        condition |= Q(tags__icontains=tag)
    return list(
        _reader_published(user)
        .filter(condition)
        .exclude(pk__in=[article.pk, article.translation_of_id or article.pk])
        .order_by("-view_count", "title")[:limit]
    )


def articles_needing_review(
    *, today: date | None = None, queryset: QuerySet | None = None
) -> QuerySet[Article]:
    """Published articles whose review-by date has passed (oldest first)."""
    today = today or timezone.localdate()
    qs = Article.objects.all() if queryset is None else queryset
    return (
        qs.filter(status=Article.Status.PUBLISHED, review_by__lt=today)
        .select_related("category", "last_editor")
        .order_by("review_by", "title")
    )
