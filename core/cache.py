"""The one cache module: every cached value's key, lifetime and invalidation.

Three kinds of keeping, one place each:

* **Shared figures** (``CACHES["default"]``, Redis in production via ``CACHE_URL``):
  each family below (``HOME``, ``PICK_LISTS``, ``TICKET_COUNTS``, ``QUEUE_HEALTH``,
  ``TABLE_SIZES``, ``INSIGHTS``) keeps its values for its own setting's seconds
  (0: computed every time) under a *generation*; ``family.invalidate()`` starts a
  new one, so everything kept before is no longer found. Services call it when
  they change what a family shows — bulk ``update()``s too, which send no signal.
  Each value is kept once per language (what is cached may hold translated labels).
* **Counters** for rate limits and lockouts (``count``, ``get``, ``put``, ``forget``).
* **Presence** (``presence_mark``): who has a page open right
  now (the ticket page's "also here"), each mark kept ``HUB_PRESENCE_SECONDS``;
  with the cache down nobody is shown, nothing fails.
* **Request memos** (``request_memo``): answers computed once per request (the
  person's networks and groups), dropped when the request ends
  (``RequestMemoMiddleware``). Outside a request nothing is memoised.

The cache is a shortcut, never a dependency: when it cannot be reached (Redis
stopped) every read is a miss and every write is skipped, with a warning in the
log; a page is slower, never an error (``tests/core/test_cache.py`` runs pages
against a cache on a closed port). Rate limits then let the request through.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

logger = logging.getLogger(__name__)


def _safely(what: str, key: str, operation: Callable[[], object], default=None):
    try:
        return operation()
    except Exception:  # noqa: BLE001 - any cache failure: carry on without it
        logger.warning("cache unavailable (%s %s)", what, key, exc_info=True)
        return default


def digest(*parts) -> str:
    """A short, key-safe digest of anything ``repr`` can show (filters, ids)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Family:
    """Values kept alike: one prefix, one lifetime setting, one invalidation."""

    name: str
    setting: str
    default_seconds: int
    what: str

    @property
    def seconds(self) -> int:
        return int(getattr(settings, self.setting, self.default_seconds))

    def _generation(self) -> int | None:
        """The current generation (0 before the first change), None when the
        cache cannot be reached."""
        return _safely("generation", self.name, lambda: cache.get(self._gen_key, 0))

    @property
    def _gen_key(self) -> str:
        return f"gen:{self.name}"

    def key(self, part: str) -> str | None:
        """Where ``part`` is kept now, or None when nothing may be kept (lifetime 0,
        or the cache is down)."""
        if not self.seconds:
            return None
        generation = self._generation()
        if generation is None:
            return None
        # one copy per language: cached sections hold translated labels (issue 22)
        return f"{self.name}:{generation}:{translation.get_language() or '-'}:{part}"

    def get_or_compute(self, part: str, compute: Callable[[], object]):
        """``compute()``, kept under ``part`` for this family's lifetime."""
        key = self.key(part)
        if key is None:
            return compute()
        value = _safely("get", key, lambda: cache.get(key))
        if value is None:
            value = compute()
            _safely("set", key, lambda: cache.set(key, value, self.seconds))
        return value

    def invalidate(self) -> None:
        """Forget everything this family kept (a new generation)."""

        def bump():
            try:
                cache.incr(self._gen_key)
            except ValueError:  # not there yet
                cache.set(self._gen_key, 1, None)

        _safely("invalidate", self.name, bump)


# Every family of shared values the hub keeps. ``HUB_HOME_CACHE_SECONDS`` (the
# one setting these five once shared) is still read as their default.
HOME = Family(
    "home",
    "HUB_CACHE_HOME_SECONDS",
    30,
    "figures the portal home shows everyone alike (hub-wide counts, popular articles)",
)
PICK_LISTS = Family(
    "pick-lists",
    "HUB_CACHE_PICK_LISTS_SECONDS",
    30,
    "the queue filters' options staff all see alike (networks, colleagues, tags)",
)
TICKET_COUNTS = Family(
    "ticket-counts",
    "HUB_CACHE_TICKET_COUNTS_SECONDS",
    30,
    "a filtered ticket list's count; ticket services invalidate it",
)
QUEUE_HEALTH = Family(
    "queue-health",
    "HUB_CACHE_QUEUE_HEALTH_SECONDS",
    30,
    "the staff home's queue figures; ticket services invalidate them",
)
TABLE_SIZES = Family(
    "table-sizes",
    "HUB_CACHE_TABLE_SIZES_SECONDS",
    30,
    "big tables' estimated sizes and deep-page anchors (core.paginator)",
)
INSIGHTS = Family(
    "insights",
    "HUB_INSIGHTS_CACHE_SECONDS",
    300,
    "weekly-update figures; recomputing recurring questions invalidates them",
)
FAMILIES = (HOME, PICK_LISTS, TICKET_COUNTS, QUEUE_HEALTH, TABLE_SIZES, INSIGHTS)


def tickets_changed() -> None:
    """Tickets were created, changed or deleted (one or many): the figures that
    count them are stale."""
    TICKET_COUNTS.invalidate()
    QUEUE_HEALTH.invalidate()


# --- counters (rate limits, sign-in lockouts) -----------------------------------------


def count(key: str, *, seconds: int) -> int | None:
    """One more event under ``key`` (a window of ``seconds`` from the first); the
    count so far, or None when the cache cannot be reached."""

    def hit():
        cache.add(key, 0, seconds)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, seconds)
            return 1

    return _safely("count", key, hit)


def within_limit(key: str, *, limit: int, seconds: int) -> bool:
    """Count one more event; False once more than ``limit`` were counted in the
    window. With the cache down the event is allowed (a guard, not a dependency)."""
    counted = count(key, seconds=seconds)
    return counted is None or counted <= limit


def get(key: str, default=None):
    return _safely("get", key, lambda: cache.get(key, default), default)


def put(key: str, value, *, seconds: int, only_if_absent: bool = False) -> None:
    operation = cache.add if only_if_absent else cache.set
    _safely("set", key, lambda: operation(key, value, seconds))


def forget(key: str) -> None:
    _safely("delete", key, lambda: cache.delete(key))


# --- presence (who else has a page open) -------------------------------------------

PRESENCE_SETTING, PRESENCE_DEFAULT_SECONDS = "HUB_PRESENCE_SECONDS", 30


def presence_seconds() -> int:
    """How long a mark lasts without a new heartbeat (pages beat every third of it)."""
    return int(getattr(settings, PRESENCE_SETTING, PRESENCE_DEFAULT_SECONDS))


def presence_key(scope: str, ident) -> str:
    """Where the marks of one page live, e.g. ``presence:ticket:42``."""
    return f"presence:{scope}:{ident}"


def _fresh_marks(marks, now: float) -> dict:
    seconds = presence_seconds()
    return {
        member: mark
        for member, mark in (marks or {}).items()
        if now - mark.get("at", 0) < seconds
    }


def presence_mark(scope: str, ident, member, info: dict, *, now: float) -> dict | None:
    """``member`` (e.g. a user id) is on the page with ``info`` (name, state) at
    ``now`` (a UNIX time). Returns every fresh mark on the page, or None when the
    cache cannot be reached. Two heartbeats at once may drop one mark until its
    next beat (a read-modify-write on one key; presence is a hint, not a record)."""
    key = presence_key(scope, ident)

    def mark():
        marks = _fresh_marks(cache.get(key), now)
        marks[member] = {**info, "at": now}
        cache.set(key, marks, presence_seconds())
        return marks

    return _safely("presence", key, mark)


# --- request memos ---------------------------------------------------------------------

_memo: ContextVar[dict | None] = ContextVar("hub_request_memo", default=None)


def request_memo(name: str, owner, compute: Callable[[], object]):
    """``compute()`` once per request for ``owner`` (e.g. the signed-in person)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    key = (name, type(owner).__name__, getattr(owner, "pk", id(owner)))
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def request_memo_set(name: str, owner, value) -> None:
    """Seed a memo with a value the caller has just read anyway."""
    memo = _memo.get()
    if memo is not None:
        memo[(name, type(owner).__name__, getattr(owner, "pk", id(owner)))] = value


def request_memo_forget(owner=None) -> None:
    """Drop the memos of ``owner`` (every memo when None), after a change."""
    memo = _memo.get()
    if not memo:
        return
    if owner is None:
        memo.clear()
        return
    ident = (type(owner).__name__, getattr(owner, "pk", id(owner)))
    for key in [k for k in memo if k[1:] == ident]:
        del memo[key]


@contextmanager
def request_scope():
    """One request's memos (what the middleware gives each request; tasks and
    tests may use it for a unit of work that should ask once)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


class RequestMemoMiddleware:
    """Gives each request its own memo, dropped when the response is made."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self.get_response(request)
