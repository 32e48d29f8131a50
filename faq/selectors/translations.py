"""Translations as the admin lists them: missing, or older than their source."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, QuerySet

from faq.models import Article


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
