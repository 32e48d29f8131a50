"""Figures kept briefly in the cache, with a generation that recomputing resets."""

from django.conf import settings

from hub import caching

GENERATION_KEY = "insights:generation"


def _cache_key(name: str, *parts) -> str:
    generation = caching.generation(GENERATION_KEY) or 0
    return f"insights:{generation}:{name}:" + ":".join(str(p) for p in parts)


def invalidate_figures() -> None:
    """Forget cached figures (after the recurring groups are recomputed)."""
    caching.next_generation(GENERATION_KEY)


def cached(key: str, compute):
    """``compute()`` kept for ``HUB_INSIGHTS_CACHE_SECONDS`` (0: always compute).
    Dashboards show figures at most that old; the pages say when they were made."""
    return caching.cached(key, settings.HUB_INSIGHTS_CACHE_SECONDS, compute)
