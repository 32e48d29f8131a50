"""The search log: every FAQ search of a network person, whether its results were
opened, and its pruning. The one writer of ``faq.SearchRecord``.

* ``search_record`` — called by the views and the API after a search ran (never
  by ``faq.selectors``, which only read). Staff searches are not recorded: search
  gaps are the questions *networks* could not answer, and interns checking for
  duplicates would drown them. Ticket-form suggestions arrive once per keystroke
  pause, so those of one person within ``TYPING_WINDOW`` merge into one record (the
  last query wins, unless it is shorter than the one kept: someone deleting back);
* ``search_token`` / ``search_record_open`` — result links carry a signed token
  (``?s=`` on pages, ``X-Hub-Search`` on the API) and opening an article with it
  marks the search opened; a tampered or foreign token is refused (nothing marked);
* ``search_records_prune`` — the nightly job drops records older than
  ``HUB_SEARCH_LOG_DAYS`` days.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from faq import search
from faq.models import Article, SearchRecord
from hub import permissions as access

TYPING_WINDOW = timedelta(seconds=120)
TOKEN_SALT = "faq.search-record"  # noqa: S105 (a signing salt, not a secret)
TOKEN_MAX_AGE = 24 * 60 * 60  # a result list older than a day is not a search opened
TOKEN_HEADER = "X-Hub-Search"  # noqa: S105 (a header name)


def normalise_query(query: str) -> str:
    """The form a query is stored and grouped in: trimmed, single spaces, lower."""
    return search.normalise(query).lower()


def _network_id(user) -> int | None:
    ids = access.network_ids(user)
    return min(ids) if ids else None


def search_record(
    query: str,
    *,
    source: str,
    results: int,
    network=None,
    user=None,
    session_key: str = "",
    now: datetime | None = None,
) -> SearchRecord | None:
    """Record one search (or merge a ticket-form keystroke into the person's last
    record). Returns the record, or None when nothing is recorded (an empty query,
    a staff member's search, an anonymous ticket-form search without a session)."""
    query = normalise_query(query)
    if not query or access.is_staff_member(user):
        return None
    if source not in SearchRecord.Source.values:
        raise ValueError(f"unknown search source {source!r}")
    now = now or timezone.now()
    user = user if user is not None and user.is_authenticated else None
    network_id = network.pk if network is not None else _network_id(user)
    if source == SearchRecord.Source.TICKET_FORM:
        if user is None and not session_key:
            return None
        with transaction.atomic():
            typing = _typing_merge(
                query, results=results, user=user, session_key=session_key, now=now
            )
        if typing is not None:
            return typing
    return SearchRecord.objects.create(
        query=query,
        source=source,
        result_count=results,
        network_id=network_id,
        user=user,
        session_key=session_key if user is None else "",
        created_at=now,
        updated_at=now,
    )


def _typing_merge(query, *, results, user, session_key, now) -> SearchRecord | None:
    """The person's ticket-form record still being typed (updated), or None."""
    owner = {"user": user} if user else {"user": None, "session_key": session_key}
    typing = (
        SearchRecord.objects.select_for_update()
        .filter(
            source=SearchRecord.Source.TICKET_FORM,
            updated_at__gte=now - TYPING_WINDOW,
            **owner,
        )
        .order_by("-updated_at", "-id")
        .first()
    )
    if typing is None:
        return None
    if len(query) >= len(typing.query):
        typing.query, typing.result_count = query, results
    typing.updated_at = now
    typing.save(update_fields=["query", "result_count", "updated_at"])
    return typing


def search_token(record: SearchRecord | None) -> str:
    """The signed token result links carry ("" when nothing was recorded)."""
    if record is None:
        return ""
    return signing.dumps(record.pk, salt=TOKEN_SALT, compress=False)


def search_record_open(
    token: str, article: Article, *, now: datetime | None = None
) -> bool:
    """Mark the search behind ``token`` opened (its first open only). False when
    the token is missing, tampered with, expired, or names no record."""
    if not token:
        return False
    try:
        pk = signing.loads(token[:200], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return False
    if not isinstance(pk, int):
        return False
    marked = SearchRecord.objects.filter(pk=pk, opened_at__isnull=True).update(
        opened_article=article, opened_at=now or timezone.now()
    )
    return bool(marked)


def search_records_prune(*, now: datetime | None = None) -> int:
    """Delete records older than ``HUB_SEARCH_LOG_DAYS`` days; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.HUB_SEARCH_LOG_DAYS)
    deleted, _by_model = SearchRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
