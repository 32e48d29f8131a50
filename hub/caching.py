"""Values kept briefly in the cache (Redis in production, ``CACHE_URL``)."""

import logging
from collections.abc import Callable

from django.core.cache import cache

logger = logging.getLogger(__name__)


def cached(key: str, seconds: int, compute: Callable[[], object]):
    """``compute()`` kept ``seconds`` in the cache (0: always computed). The cache
    is a shortcut, never a dependency: when it cannot be reached (Redis down) the
    value is computed."""
    if not seconds:
        return compute()
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - any cache failure: compute instead
        logger.warning("cache unavailable, computing %s", key, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("cache unavailable, not keeping %s", key, exc_info=True)
    return value


def generation(key: str) -> int | None:
    """The current generation under ``key`` (0 before the first change), or None
    when the cache cannot be reached."""
    try:
        return cache.get(key, 0)
    except Exception:  # noqa: BLE001 - the cache is a shortcut, never a dependency
        logger.warning("cache unavailable, no generation %s", key, exc_info=True)
        return None


def next_generation(key: str) -> None:
    """Start a new generation under ``key``: what was kept under the old one is
    no longer found."""
    try:
        cache.incr(key)
    except ValueError:  # not there yet
        cache.set(key, 1, None)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable, generation %s kept", key, exc_info=True)


def within_limit(key: str, *, limit: int, seconds: int) -> bool:
    """Count one more event under ``key`` (a window of ``seconds`` from the first);
    False once more than ``limit`` have been counted. Counts live in the shared
    cache, so every web process sees the same ones. When the cache cannot be
    reached the event is allowed (a rate limit is a guard, not a dependency)."""
    try:
        cache.add(key, 0, seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, seconds)
            count = 1
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable, not limiting %s", key, exc_info=True)
        return True
    return count <= limit
