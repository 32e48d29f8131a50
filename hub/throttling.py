"""Brute-force protection for sign-in and password reset, counted in the cache.

Who is counted, within ``HUB_LOGIN_FAILURE_WINDOW_SECONDS`` (15 minutes):

- **one account from one address** (``HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT``, 5): the
  guesser is stopped; the account's owner, elsewhere, is not;
- **one address, whatever the accounts** (``HUB_LOGIN_MAX_FAILURES_PER_ADDRESS``,
  30): one client spraying passwords over many accounts;
- **one account from anywhere** (``HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT_ANYWHERE``,
  50): many addresses guessing one account. This lock never applies in a browser
  that signed in to that account before (a signed "known browser" cookie), so
  nobody can lock a named person out of their account at will; it does hold back
  new browsers and API clients until it expires.

Reaching a limit refuses sign-in (429, ``Retry-After``) for
``HUB_LOGIN_LOCKOUT_SECONDS``. A success clears that account-and-address count.
Password reset is never locked out but rate-limited per address and per e-mail
address asked for (``HUB_PASSWORD_RESETS_PER_*`` an hour), whether or not an account
has it, so a refusal says nothing about who has an account.

The client address is ``REMOTE_ADDR``, or with ``HUB_TRUSTED_PROXY_COUNT`` = N > 0
the N-th ``X-Forwarded-For`` entry from the right (each trusted proxy appends the
address it saw; entries further left are whatever the client sent). Counts live in
the Django cache, which production requires to be shared (``CACHE_URL``).
"""

import hashlib
import time

from django.conf import settings
from django.core import signing

from core import cache

KNOWN_BROWSER_COOKIE = "hub_known"
KNOWN_BROWSER_SALT = "hub.throttling.known-browser"
KNOWN_BROWSER_DAYS = 180
KNOWN_BROWSER_ACCOUNTS = 5
RESET_WINDOW_SECONDS = 60 * 60


def _digest(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


def _key(kind: str, *values: str) -> str:
    return f"hub:login:{kind}:{_digest('|'.join(values))}"


def _counters(username: str, address: str) -> list[tuple[str, tuple[str, ...], int]]:
    """(kind, key values, limit) for every count a failure adds to."""
    counters = [
        ("address", (address,), settings.HUB_LOGIN_MAX_FAILURES_PER_ADDRESS),
    ]
    if username:
        counters += [
            (
                "pair",
                (username, address),
                settings.HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT,
            ),
            (
                "account",
                (username,),
                settings.HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT_ANYWHERE,
            ),
        ]
    return counters


def locked_for(*, username: str, address: str, known_browser: bool = False) -> int:
    """Seconds until sign-in is allowed again (0 when not locked)."""
    now = time.time()
    left = 0
    for kind, values, _limit in _counters(username, address):
        if kind == "account" and known_browser:
            continue
        until = cache.get(_key(f"lock-{kind}", *values))
        if until:
            left = max(left, int(until - now) + 1)
    return left


def _hit(key: str, window: int) -> int:
    """The count so far in the window (0 when the cache cannot be reached: a
    guard, not a dependency; ``core.cache``)."""
    return cache.count(key, seconds=window) or 0


def record_failure(*, username: str, address: str) -> list[str]:
    """Count a failed sign-in; returns the kinds of lock it started (for the log)."""
    window = settings.HUB_LOGIN_FAILURE_WINDOW_SECONDS
    lockout = settings.HUB_LOGIN_LOCKOUT_SECONDS
    started = []
    for kind, values, limit in _counters(username, address):
        key = _key(f"fail-{kind}", *values)
        if _hit(key, window) >= limit:
            cache.put(
                _key(f"lock-{kind}", *values), time.time() + lockout, seconds=lockout
            )
            cache.forget(key)
            started.append(kind)
    if started:
        _audit_lock(username=username, kinds=started)
    return started


def _audit_lock(*, username: str, kinds: list[str]) -> None:
    """A lock on a real account goes in its audit log (a guessed name has none)."""
    from django.contrib.auth import get_user_model

    from audit.services import audit_record

    account = get_user_model().objects.filter(email__iexact=username).first()
    if account is not None:
        audit_record(
            actor=None,
            action="sign_in.locked",
            obj=account,
            changes={"locks": kinds},
        )


def record_success(*, username: str, address: str) -> None:
    cache.forget(_key("fail-pair", username, address))


# --- browsers that signed in to an account before ---------------------------------


def _known_accounts(request) -> list[str]:
    raw = request.COOKIES.get(KNOWN_BROWSER_COOKIE)
    if not raw:
        return []
    try:
        value = signing.loads(
            raw, salt=KNOWN_BROWSER_SALT, max_age=KNOWN_BROWSER_DAYS * 24 * 3600
        )
    except signing.BadSignature:
        return []
    return (
        [str(v) for v in value][:KNOWN_BROWSER_ACCOUNTS]
        if isinstance(value, list)
        else []
    )


def is_known_browser(request, username: str) -> bool:
    return bool(username) and _digest(username) in _known_accounts(request)


def remember_browser(request, response, username: str) -> None:
    """After a full sign-in: this browser may sign in to the account even while
    the account is locked for browsers it has never been used in."""
    accounts = [_digest(username)] + [
        a for a in _known_accounts(request) if a != _digest(username)
    ]
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        signing.dumps(accounts[:KNOWN_BROWSER_ACCOUNTS], salt=KNOWN_BROWSER_SALT),
        max_age=KNOWN_BROWSER_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# --- password reset -------------------------------------------------------------------


def password_reset_wait(*, email: str, address: str) -> int:
    """Count a reset request; seconds to wait when over a limit (0: go ahead)."""
    wait = 0
    now = time.time()
    for kind, value, limit in (
        ("reset-address", address, settings.HUB_PASSWORD_RESETS_PER_ADDRESS),
        ("reset-account", email, settings.HUB_PASSWORD_RESETS_PER_ACCOUNT),
    ):
        since_key = _key(f"{kind}-since", value)
        cache.put(since_key, now, seconds=RESET_WINDOW_SECONDS, only_if_absent=True)
        if _hit(_key(kind, value), RESET_WINDOW_SECONDS) > limit:
            since = cache.get(since_key) or now
            wait = max(wait, int(since + RESET_WINDOW_SECONDS - now) + 1)
    return wait
