"""Search expressions shared by the selectors (reads) and services (vector upkeep).

PostgreSQL: full-text search over a stored ``search_vector`` (title weight A, summary
and tags B, body C; the text-search configuration of the article's language,
``SEARCH_CONFIGS``), ranked with ``SearchRank`` plus the
trigram word similarity of the query to the title, so that a misspelt query
("diamnods payot") still finds "Diamond payouts…". A row matches when the vector
matches the query OR the title similarity passes ``TRIGRAM_THRESHOLD`` — never
``rank > 0``. Snippets come from ``SearchHeadline`` with sentinels that are turned
into ``<mark>`` only after the text around them has been escaped.

Languages: rows in the reader's language come first (``in_language``), then the
score. The query is parsed with the reader's configuration and the default
language's (an English subject still finds an English source). Chinese has no spaces
between words: Chinese text (stored vectors and the query alike) is cut into words
by ``jieba`` (``segment``) before PostgreSQL sees it; without that, a whole run of
Chinese characters is one "word" and "退款" never matches "退款需要多久". Measured in
``tests/faq/test_chinese_search.py`` (figures in its docstring).

Other databases (the embedded SQLite default): a plain ``icontains`` on each word,
and when that finds nothing, titles whose words are close to the query's (difflib).
"""

import difflib
import logging
import re
from functools import lru_cache

from django.conf import settings
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
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from faq.rendering import plain_text

# PostgreSQL 15 ships these configurations (``SELECT cfgname FROM pg_ts_config``);
# other languages (Chinese among them) use ``simple``: no stemming, no stop words.
SEARCH_CONFIGS = {"en": "english", "id": "indonesian", "ar": "arabic"}
FALLBACK_CONFIG = "simple"
SEGMENTED_PREFIXES = ("zh",)  # languages whose text ``segment`` cuts into words
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"\w", re.UNICODE)
TRIGRAM_THRESHOLD = 0.3
TRIGRAM_WEIGHT = 0.6
_START, _STOP = "\x02", "\x03"  # never in stored text; escaped-then-replaced


def using_postgres() -> bool:
    return connection.vendor == "postgresql"


def config_for(language: str | None) -> str:
    """The PostgreSQL text-search configuration for a language code."""
    code = (language or "").lower()
    return SEARCH_CONFIGS.get(code) or SEARCH_CONFIGS.get(
        code.split("-")[0], FALLBACK_CONFIG
    )


def is_segmented(language: str | None) -> bool:
    return (language or "").lower().startswith(SEGMENTED_PREFIXES)


@lru_cache(maxsize=1)
def _jieba():
    import jieba  # loads its dictionary on first use (about a second)

    jieba.setLogLevel(logging.WARNING)
    return jieba


def segment(text: str) -> str:
    """Chinese text cut into space-separated words (``jieba``'s search mode, which
    also yields the shorter words inside long ones); other text unchanged."""
    if not text or not _HAN.search(text):
        return text or ""
    words = (w.strip() for w in _jieba().cut_for_search(text))
    return " ".join(w for w in words if w and _WORD.search(w))


def _config_expression() -> Case:
    """Each row's configuration, from its language (one UPDATE for every row)."""
    return Case(
        *[
            When(language=code, then=Value(config))
            for code, config in SEARCH_CONFIGS.items()
        ],
        default=Value(FALLBACK_CONFIG),
    )


def vector_expression() -> SearchVector:
    config = _config_expression()
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", "tags", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def _segmented_vector(article, *, segmented: bool = True) -> SearchVector:
    cut = segment if segmented else (lambda text: text or "")
    return (
        SearchVector(Value(cut(article.title)), weight="A", config=FALLBACK_CONFIG)
        + SearchVector(
            Value(cut(f"{article.summary} {article.tags}")),
            weight="B",
            config=FALLBACK_CONFIG,
        )
        + SearchVector(Value(cut(article.body)), weight="C", config=FALLBACK_CONFIG)
    )


def refresh_vectors(queryset: QuerySet, *, segmented: bool = True) -> int:
    """Recompute ``search_vector`` for a queryset (no-op off PostgreSQL): one UPDATE
    for the languages PostgreSQL can split, one per Chinese article (segmented in
    Python first). ``segmented=False`` only serves the measurement."""
    if not using_postgres():
        return 0
    chinese = Q()
    for prefix in SEGMENTED_PREFIXES:
        chinese |= Q(language__startswith=prefix)
    done = queryset.exclude(chinese).update(search_vector=vector_expression())
    for article in queryset.filter(chinese).only("title", "summary", "tags", "body"):
        done += (
            type(article)
            .objects.filter(pk=article.pk)
            .update(search_vector=_segmented_vector(article, segmented=segmented))
        )
    return done


def search_query_for(text: str, *, language: str | None) -> SearchQuery:
    """The (already segmented) query parsed in the reader's configuration and the
    default language's; Chinese words in ``simple`` (as their vectors were)."""
    configs = dict.fromkeys([config_for(language), config_for(settings.LANGUAGE_CODE)])
    if _HAN.search(text):
        configs = {FALLBACK_CONFIG: None}
    queries = [SearchQuery(text, search_type="websearch", config=c) for c in configs]
    combined = queries[0]
    for other in queries[1:]:
        combined = combined | other
    return combined


def in_language(language: str | None) -> Case:
    """1 for rows in ``language``, else 0: the first sort key of every search."""
    if not language:
        return Value(0, output_field=IntegerField())
    return Case(
        When(language=language, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def normalise(query: str) -> str:
    return " ".join((query or "").split())[:200]


def long_enough(query: str) -> bool:
    """Worth a suggestion: three characters, or two Chinese ones (a word: 退款)."""
    text = normalise(query)
    return len(text) >= (2 if _HAN.search(text) else 3)


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
    queryset: QuerySet,
    query: str,
    *,
    snippets: bool,
    match_any: bool = False,
    language: str | None = None,
    segmented: bool = True,
) -> QuerySet:
    """``match_any``: any word may match (ticket subjects are whole sentences);
    otherwise every word must (the search box). ``language``: the reader's, whose
    rows come first; a translation also matches through its source's words, so a
    query in the source's language still finds the reader's version."""
    text = segment(query) if segmented else query
    # A Chinese query is a phrase cut into words, particles (了, 吗, 后) included:
    # requiring every one of them misses most answers (measured in
    # tests/faq/test_chinese_search.py), so any word may match and the rank sorts.
    match_any = match_any or (segmented and bool(_HAN.search(query)))
    if match_any:
        text = " or ".join(
            word.strip('"-') for word in text.split() if word.strip('"-')
        )
    search_query = search_query_for(text, language=language)
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
    condition = Q(search_vector=search_query) | Q(
        title__trigram_word_similar=query, similarity__gt=TRIGRAM_THRESHOLD
    )
    if language and config_for(language) != config_for(settings.LANGUAGE_CODE):
        condition |= Q(translation_of__search_vector=search_query)
    queryset = queryset.filter(condition).alias(in_language=in_language(language))
    if snippets:
        queryset = queryset.annotate(
            headline=SearchHeadline(
                "body",
                search_query,
                config=_config_expression(),
                start_sel=_START,
                stop_sel=_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
    return queryset.order_by("-in_language", "-score", "-view_count", "pk")


def every_word_matches(queryset: QuerySet, query: str) -> QuerySet:
    """Articles that contain every word of ``query`` (stemmed full-text match on
    PostgreSQL, plain ``icontains`` elsewhere) — no typo tolerance, no ranking: for
    deciding that an article *answers* a search, where a fuzzy title is not enough."""
    if using_postgres():
        search_query = search_query_for(segment(query), language=None)
        return queryset.filter(search_vector=search_query)
    return fallback_search(queryset, query)


def fallback_search(
    queryset: QuerySet,
    query: str,
    *,
    match_any: bool = False,
    language: str | None = None,
) -> QuerySet:
    """Every word (or, with ``match_any``, any word) somewhere in title, summary,
    tags or body; the reader's language first, then articles with more of the
    words in the title (Chinese queries cut into words by ``segment``)."""
    words = segment(query).split()[:8]
    match_any = match_any or bool(_HAN.search(query))  # as in postgres_search
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
    return queryset.annotate(score=score, in_language=in_language(language)).order_by(
        "-in_language", "-score", "-view_count", "pk"
    )


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
