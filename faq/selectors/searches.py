"""Searching the knowledge base (best first, the reader's language first; the
ticket form's suggestions) and reading the search log (``faq.search_log``
writes it) for gaps: searches nobody found an answer to, and the article that
now answers them.
"""

from collections import Counter
from datetime import datetime, timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from faq import search
from faq.models import Article, SearchRecord
from faq.selectors.articles import (
    in_reader_language,
    published_articles,
    reader_language,
    visible_articles,
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
