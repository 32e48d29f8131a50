"""Search expressions shared by the selectors (reads) and services (vector upkeep).

PostgreSQL: full-text search over a stored ``search_vector`` (title weight A, summary
and tags B, body C; ``english`` configuration), ranked with ``SearchRank`` plus the
trigram word similarity of the query to the title, so that a misspelt query
("diamnods payot") still finds "Diamond payouts…". A row matches when the vector
matches the query OR the title similarity passes ``TRIGRAM_THRESHOLD`` — never
``rank > 0``. Snippets come from ``SearchHeadline`` with sentinels that are turned
into ``<mark>`` only after the text around them has been escaped.

Other databases (the embedded SQLite default): a plain ``icontains`` on each word,
and when that finds nothing, titles whose words are close to the query's (difflib).
"""

import difflib

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from faq.rendering import plain_text

SEARCH_CONFIG = "english"
TRIGRAM_THRESHOLD = 0.3
TRIGRAM_WEIGHT = 0.6
_START, _STOP = "\x02", "\x03"  # never in stored text; escaped-then-replaced


def using_postgres() -> bool:
    return connection.vendor == "postgresql"


def vector_expression() -> SearchVector:
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", "tags", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


def refresh_vectors(queryset: QuerySet) -> int:
    """Recompute ``search_vector`` for a queryset in one UPDATE (no-op off PostgreSQL)."""
    if not using_postgres():
        return 0
    return queryset.update(search_vector=vector_expression())


def normalise(query: str) -> str:
    return " ".join((query or "").split())[:200]


def set_trigram_threshold(sender, connection, **kwargs) -> None:
    """``connection_created``: PostgreSQL sessions use TRIGRAM_THRESHOLD for the
    indexable ``%>`` operator (pg_trgm's default, 0.6, would miss matches)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
                [str(TRIGRAM_THRESHOLD)],
            )


def postgres_search(
    queryset: QuerySet, query: str, *, snippets: bool, match_any: bool = False
) -> QuerySet:
    """``match_any``: any word may match (ticket subjects are whole sentences);
    otherwise every word must (the search box)."""
    text = query
    if match_any:
        text = " or ".join(
            word.strip('"-') for word in query.split() if word.strip('"-')
        )
    search_query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    # ``alias``, not ``annotate``: PostgreSQL evaluates every selected expression
    # for every matching row before the sort (it has no common-subexpression
    # elimination), so selecting ``rank`` and ``similarity`` beside ``score``
    # computed ts_rank and word_similarity twice per match. Only ``score`` is
    # selected; it is also the sort key, so each is computed once per row.
    queryset = queryset.alias(
        rank=Coalesce(
            SearchRank(F("search_vector"), search_query),
            Value(0.0),
            output_field=FloatField(),
        ),
        similarity=TrigramWordSimilarity(query, "title"),
    ).annotate(score=F("rank") + F("similarity") * TRIGRAM_WEIGHT)
    # ``title %> query`` lets the title's trigram GIN index find the candidates
    # (the session's ``pg_trgm.word_similarity_threshold`` is TRIGRAM_THRESHOLD, see
    # ``set_trigram_threshold``); the similarity test keeps the exact rule.
    queryset = queryset.filter(
        Q(search_vector=search_query)
        | Q(title__trigram_word_similar=query, similarity__gt=TRIGRAM_THRESHOLD)
    )
    if snippets:
        queryset = queryset.annotate(
            headline=SearchHeadline(
                "body",
                search_query,
                config=SEARCH_CONFIG,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
    return queryset.order_by("-score", "-view_count", "pk")


def every_word_matches(queryset: QuerySet, query: str) -> QuerySet:
    """Articles that contain every word of ``query`` (stemmed full-text match on
    PostgreSQL, plain ``icontains`` elsewhere) — no typo tolerance, no ranking: for
    deciding that an article *answers* a search, where a fuzzy title is not enough."""
    if using_postgres():
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        return queryset.filter(search_vector=search_query)
    return fallback_search(queryset, query)


def fallback_search(
    queryset: QuerySet, query: str, *, match_any: bool = False
) -> QuerySet:
    """Every word (or, with ``match_any``, any word) somewhere in title, summary,
    tags or body; articles with more of the words in the title first."""
    words = query.split()[:8]
    matches = [
        Q(title__icontains=word)
        | Q(summary__icontains=word)
        | Q(tags__icontains=word)
        | Q(body__icontains=word)
        for word in words
    ]
    if match_any:
        combined = Q()
        for match in matches:
            combined |= match
        queryset = queryset.filter(combined)
    else:
        for match in matches:
            queryset = queryset.filter(match)
    score = Value(0.0, output_field=FloatField())
    for word in words:
        score = score + Case(
            When(title__icontains=word, then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    return queryset.annotate(score=score).order_by("-score", "-view_count", "pk")


FUZZY_SCAN_LIMIT = 5000
FUZZY_CUTOFF = 0.75


def fuzzy_title_search(queryset: QuerySet, query: str) -> QuerySet:
    """Typo tolerance without PostgreSQL: titles whose words are close (difflib) to
    the query's words, most close words first. Scans at most ``FUZZY_SCAN_LIMIT``
    titles; used only when the plain search found nothing."""
    words = [w.lower() for w in query.split()[:8] if len(w) >= 3]
    if not words:
        return queryset.none()
    scores: dict[int, int] = {}
    for pk, title in queryset.values_list("pk", "title")[:FUZZY_SCAN_LIMIT]:
        vocabulary = [w.strip(".,:;!?()").lower() for w in title.split()]
        hits = sum(
            bool(difflib.get_close_matches(w, vocabulary, n=1, cutoff=FUZZY_CUTOFF))
            for w in words
        )
        if hits:
            scores[pk] = hits
    if not scores:
        return queryset.none()
    score = Case(
        *[When(pk=pk, then=Value(float(hits))) for pk, hits in scores.items()],
        default=Value(0.0),
        output_field=FloatField(),
    )
    return (
        queryset.filter(pk__in=scores)
        .annotate(score=score)
        .order_by("-score", "-view_count", "pk")
    )


def highlight(headline: str | None) -> SafeString:
    """Escape a ``SearchHeadline`` result, then turn its sentinels into ``<mark>``."""
    if not headline:
        return SafeString("")
    text = escape(plain_text(headline))
    marked = text.replace(_START, "<mark>").replace(_STOP, "</mark>")
    # everything but our own <mark> was escaped above (reviewed; see tests/faq)
    return mark_safe(marked)  # noqa: S308  # nosec B308 B703
