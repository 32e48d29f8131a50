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
