"""Reads of the knowledge base, with audience and status rules applied.

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

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone, translation

from faq import search
from faq.models import Article, Category, SearchRecord
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


def article_search(
    *,
    user,
    query: str,
    limit: int | None = None,
    queryset: QuerySet | None = None,
    match_any: bool = False,
    language: str | None = None,
) -> QuerySet[Article]:
    """Articles matching ``query`` that ``user`` may read, best first: those in the
    reader's ``language`` (default ``reader_language()``) before the others.

    On PostgreSQL each row carries ``score`` and ``headline`` (use
    ``faq.search.highlight`` to show it); elsewhere ``score`` only.
    Staff searches include drafts; pass ``queryset`` to narrow further.
    ``match_any`` lets any word match (sentences such as a ticket subject).
    """
    qs = visible_articles(user) if queryset is None else queryset
    query = search.normalise(query)
    if not query:
        return qs.none()
    language = language or reader_language()
    qs = qs.search(query, match_any=match_any, language=language)
    return qs[:limit] if limit else qs


def article_suggestions(
    *, user, query: str, limit: int = 5, language: str | None = None
) -> list[Article]:
    """Published matches for the ticket form's deflection suggestions, each article
    once and in the reader's language when it has that version."""
    if not search.long_enough(query):
        return []
    language = language or reader_language()
    return list(
        article_search(
            user=user,
            query=query,
            limit=limit,
            queryset=in_reader_language(
                published_articles(user), user=user, language=language
            ),
            match_any=True,
            language=language,
        )
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


# --- the search log, read for search gaps (written by ``faq.search_log``) -----------

SEARCH_OPEN_WINDOW = timedelta(minutes=30)  # opened later than this: not answered
UNANSWERED_LIMIT = 5000  # the most recent ones, when a period holds more


def unanswered_searches(
    *,
    since: datetime,
    now: datetime | None = None,
    open_window: timedelta = SEARCH_OPEN_WINDOW,
    limit: int = UNANSWERED_LIMIT,
) -> list:
    """Searches since ``since`` that found nothing, or whose results nobody opened
    within ``open_window`` (searches younger than the window still may be): rows of
    ``(id, query, network_id, result_count, created_at)``, oldest first."""
    now = now or timezone.now()
    unopened = Q(opened_at__isnull=True) | Q(
        opened_at__gt=F("created_at") + open_window
    )
    rows = (
        SearchRecord.objects.filter(created_at__gte=since, created_at__lte=now)
        .filter(Q(result_count=0) | (Q(created_at__lte=now - open_window) & unopened))
        .order_by("-created_at", "-id")
        .values_list(
            "id", "query", "network_id", "result_count", "created_at", named=True
        )[:limit]
    )
    return list(reversed(rows))


def article_answering_queries(
    queries: list[str], *, changed_since: datetime | None = None
) -> Article | None:
    """The published article (for networks or everyone) that now answers these
    searches: the top result of at least half of them, among the articles published
    or changed since ``changed_since`` (an article they found but nobody opened
    does not answer them) that hold every word of the search (a fuzzy title match
    finds, but does not answer). None when no article does."""
    queryset = Article.objects.filter(status=Article.Status.PUBLISHED).exclude(
        audience=Article.Audience.STAFF
    )
    if changed_since is not None:
        queryset = queryset.filter(
            Q(published_at__gte=changed_since) | Q(updated_at__gte=changed_since)
        )
    queries = [q for q in dict.fromkeys(queries) if search.normalise(q)]
    if not queries or not queryset.exists():
        return None
    hits: Counter = Counter()
    for query in queries:
        strict = search.every_word_matches(queryset, search.normalise(query))
        found = article_search(user=None, query=query, queryset=strict)
        top = list(found.values_list("pk", flat=True)[:1])
        if top:
            hits[top[0]] += 1
    if not hits:
        return None
    pk, count = hits.most_common(1)[0]
    if count * 2 < len(queries):
        return None
    return Article.objects.get(pk=pk)


# --- translations (the admin's "missing or older than the source") ---------------


def outdated_translations(queryset: QuerySet[Article]) -> QuerySet[Article]:
    """Translations whose source was saved after them."""
    return queryset.filter(
        translation_of__isnull=False, translation_of__updated_at__gt=F("updated_at")
    )


def missing_translation(
    queryset: QuerySet[Article], *, language: str
) -> QuerySet[Article]:
    """Source articles in another language with no translation into ``language``."""
    return (
        queryset.filter(translation_of__isnull=True)
        .exclude(language=language)
        .exclude(translations__language=language)
    )


@dataclass(frozen=True)
class TranslationState:
    language: str
    name: str
    state: str  # "missing", "outdated" or "current"
    translation: Article | None


def translation_states(
    article: Article, *, translations: list[Article] | None = None
) -> list[TranslationState]:
    """For a source article: each shipped language but its own, with the state of
    its translation. ``translations``: already fetched (the admin list prefetches
    them), else read here. Empty for a translation."""
    if article.translation_of_id:
        return []
    if translations is None:
        translations = list(
            article.translations.only("slug", "title", "language", "updated_at")
        )
    by_language = {t.language: t for t in translations}
    states = []
    for code, name in settings.LANGUAGES:
        if code == article.language:
            continue
        found = by_language.get(code)
        if found is None:
            state = "missing"
        elif article.updated_at and found.updated_at < article.updated_at:
            state = "outdated"
        else:
            state = "current"
        states.append(TranslationState(code, str(name), state, found))
    return states


# --- links to articles from other apps (onboarding steps, campaign materials) ---


def article_slug_from_path(path: str) -> str | None:
    """The slug when ``path`` is a hub link to one article (``/faq/<slug>/``, with
    or without a query or fragment), else ``None`` (external or other pages)."""
    from django.urls import Resolver404, resolve

    if not path or not path.startswith("/") or path.startswith("//"):
        return None
    bare = path.split("#", 1)[0].split("?", 1)[0]
    try:
        match = resolve(bare)
    except Resolver404:
        return None
    if match.view_name != "faq:detail":
        return None
    return match.kwargs.get("slug")


def missing_article_links(paths) -> set[str]:
    """Of these links, the hub article links with no published article behind them
    (one query): what a guide link must not point at."""
    slugs = {path: article_slug_from_path(path) for path in paths}
    wanted = {slug for slug in slugs.values() if slug}
    if not wanted:
        return set()
    published = set(
        Article.objects.filter(
            slug__in=wanted, status=Article.Status.PUBLISHED
        ).values_list("slug", flat=True)
    )
    return {path for path, slug in slugs.items() if slug and slug not in published}
