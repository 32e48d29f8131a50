"""Weekly-update figures kept in ``core.cache.INSIGHTS`` (keys, lifetime and
invalidation live there; these names are what the insights selectors call)."""

from core import cache


def _cache_key(name: str, *parts) -> str:
    return f"{name}:" + ":".join(str(p) for p in parts)


def invalidate_figures() -> None:
    """Forget cached figures (after the recurring groups are recomputed)."""
    cache.INSIGHTS.invalidate()


def cached(key: str, compute):
    """``compute()`` kept for ``HUB_INSIGHTS_CACHE_SECONDS`` (0: always compute).
    Dashboards show figures at most that old; the pages say when they were made."""
    return cache.INSIGHTS.get_or_compute(key, compute)
