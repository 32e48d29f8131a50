"""Brute-force protection for sign-in: per account and per address.

Failures are counted in the cache within a window; reaching the limit locks that
account (or address) out for ``HUB_LOGIN_LOCKOUT_SECONDS``, after which it expires on
its own. A successful sign-in clears the account's count. Password reset is never
locked, so the legitimate person always has a way back in. Deployments with several
web processes need a shared cache (``CACHE_URL=rediscache://…``).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"hub:login:{kind}:{digest}"


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _limits() -> dict[str, int]:
    return {
        "account": settings.HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT,
        "address": settings.HUB_LOGIN_MAX_FAILURES_PER_ADDRESS,
    }


def locked_for(*, username: str, address: str) -> int:
    """Seconds until sign-in is allowed again (0 when not locked)."""
    import time

    now = time.time()
    left = 0
    for kind, value in (("account", username), ("address", address)):
        until = cache.get(_key(f"lock-{kind}", value))
        if until:
            left = max(left, int(until - now) + 1)
    return left


def record_failure(*, username: str, address: str) -> None:
    import time

    window = settings.HUB_LOGIN_FAILURE_WINDOW_SECONDS
    lockout = settings.HUB_LOGIN_LOCKOUT_SECONDS
    for kind, value in (("account", username), ("address", address)):
        if not value:
            continue
        key = _key(f"fail-{kind}", value)
        cache.add(key, 0, timeout=window)
        try:
            failures = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            failures = 1
        if failures >= _limits()[kind]:
            cache.set(
                _key(f"lock-{kind}", value), time.time() + lockout, timeout=lockout
            )
            cache.delete(key)


def record_success(*, username: str) -> None:
    cache.delete(_key("fail-account", username))
