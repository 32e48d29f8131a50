"""Reads of the knowledge base, with audience and status rules applied.

Who sees what (``visible_articles``):
- anonymous visitors and signed-in people who belong to no network: published
  articles for ``everyone``;
- network members: published articles for ``everyone`` and ``networks``;
- platform staff (interns, managers, administrators): every article, drafts and
  archived ones included.
Other apps (campaigns, onboarding, insights) link training material and digest
content through ``visible_articles`` / ``published_articles``.
"""

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from faq import search
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


LIST_DEFERRED = ("body", "body_html", "search_vector")  # what lists never show


def article_list(user) -> QuerySet[Article]:
    """``visible_articles`` for lists and search results: without the bodies and
    the search vector, which only the article page (or the database) reads."""
    return visible_articles(user).defer(*LIST_DEFERRED)


def article_get(*, user, slug: str) -> Article | None:
    return visible_articles(user).filter(slug=slug).first()


def article_search(
    *,
    user,
    query: str,
    limit: int | None = None,
    queryset: QuerySet | None = None,
    match_any: bool = False,
) -> QuerySet[Article]:
    """Articles matching ``query`` that ``user`` may read, best first.

    On PostgreSQL each row carries ``score`` and ``headline`` (use
    ``faq.search.highlight`` to show it); elsewhere ``score`` only.
    Staff searches include drafts; pass ``queryset`` to narrow further.
    ``match_any`` lets any word match (sentences such as a ticket subject).
    """
    qs = visible_articles(user) if queryset is None else queryset
    query = search.normalise(query)
    if not query:
        return qs.none()
    if search.using_postgres():
        qs = search.postgres_search(qs, query, snippets=True, match_any=match_any)
    else:
        plain = search.fallback_search(qs, query, match_any=match_any)
        qs = plain if plain.exists() else search.fuzzy_title_search(qs, query)
    return qs[:limit] if limit else qs


def article_suggestions(*, user, query: str, limit: int = 5) -> list[Article]:
    """Published matches for the ticket form's deflection suggestions."""
    if len(search.normalise(query)) < 3:
        return []
    return list(
        article_search(
            user=user,
            query=query,
            limit=limit,
            queryset=published_articles(user),
            match_any=True,
        )
    )


def category_list(*, user) -> list[Category]:
    """Categories holding at least one published article this person may read."""
    audiences = audiences_for(user)
    condition = Q(articles__status=Article.Status.PUBLISHED)
    if audiences is not None:
        condition &= Q(articles__audience__in=audiences)
    qs = Category.objects.annotate(article_count=Count("articles", filter=condition))
    return [category for category in qs if category.article_count]


def popular_articles(*, user, limit: int = 6) -> list[Article]:
    return list(published_articles(user).order_by("-view_count", "title")[:limit])


def recent_articles(*, user, limit: int = 6) -> list[Article]:
    return list(
        published_articles(user).order_by("-published_at", "-updated_at")[:limit]
    )


def related_articles(*, article: Article, user, limit: int = 5) -> list[Article]:
    """Same category or a shared tag, most viewed first."""
    condition = Q(category_id=article.category_id)
    for tag in article.tag_list[:5]:
        condition |= Q(tags__icontains=tag)
    return list(
        published_articles(user)
        .filter(condition)
        .exclude(pk=article.pk)
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
