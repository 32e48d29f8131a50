"""Exactly-once sending over the ``Delivery`` ledger: the one design for every
per-recipient e-mail (tips, digests, announcements, the weekly update, feedback
status news, ticket replies). An app registers a builder per kind
(``register_builder`` in its ``messages`` module) and inserts rows;
``deliveries_enqueue`` hands them to ``emails.tasks.send_deliveries_task``. (The
model is still ``onboarding.Delivery``, table ``onboarding_delivery``.)

1. Fan-out inserts one row per recipient and period (``bulk_create`` with
   ``ignore_conflicts`` on the unique key), so re-running a period adds nobody twice.
2. ``send_deliveries_task`` (a chunk of rows) claims each row with one conditional
   UPDATE (pending, or claimed longer ago than ``HUB_DELIVERY_CLAIM_TIMEOUT`` and
   not sent) — only one worker can win it — sends, then marks it sent under the same claim token.
3. An SMTP failure releases the claim (back to pending) and the task retries with
   backoff. A worker killed mid-send leaves a claim behind; Celery redelivers the task
   (``acks_late``) and it takes the row over once the claim is stale.

The only window left is between the SMTP server accepting a message and the UPDATE
that marks it sent (milliseconds): a worker killed exactly there sends that one
message again. Everything else is decided by the database.
"""

import logging
import uuid
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation

from hub.languages import recipient_language
from onboarding.models import Delivery

logger = logging.getLogger(__name__)

DONE, BUSY, SENT, SKIPPED = "done", "busy", "sent", "skipped"

# kind → function(delivery, batch) returning the message, or None to skip the row
Builder = Callable[..., EmailMultiAlternatives | None]
BUILDERS: dict[str, Builder] = {}


def register_builder(kind: str):
    def decorator(func: Builder) -> Builder:
        BUILDERS[kind] = func
        return func

    return decorator


def deliveries_create(*, kind: str, rows: Iterable[tuple]) -> int:
    """Insert (recipient_id, key, network_id, object_id) rows; existing ones are kept."""
    objs = [
        Delivery(
            kind=kind,
            recipient_id=recipient_id,
            key=key,
            network_id=network_id,
            object_id=object_id,
        )
        for recipient_id, key, network_id, object_id in rows
    ]
    before = Delivery.objects.filter(kind=kind).count()
    Delivery.objects.bulk_create(objs, batch_size=1000, ignore_conflicts=True)
    return Delivery.objects.filter(kind=kind).count() - before


def unsent_ids(*, kind: str, keys: Iterable[str] = (), key_prefix: str = "") -> list:
    qs = Delivery.objects.filter(
        kind=kind, status__in=[Delivery.Status.PENDING, Delivery.Status.CLAIMED]
    )
    if key_prefix:
        qs = qs.filter(key__startswith=key_prefix)
    else:
        qs = qs.filter(key__in=list(keys))
    return list(qs.order_by("pk").values_list("pk", flat=True))


def deliveries_enqueue(ids: Iterable[int], *, outbox: bool = False) -> int:
    """Send these rows: one task per small chunk (``HUB_DELIVERY_CHUNK``); enqueuing
    a row twice is harmless (the claim decides). Returns the number of rows.

    ``outbox=True`` (a service in a web request) records the chunks in the
    transactional outbox (``hub.outbox``): they go to the broker when the request's
    transaction commits, and a broker outage neither slows nor fails the request.
    Tasks and beat sweeps call it after their rows are committed."""
    from emails.tasks import send_deliveries_task
    from hub import outbox as task_outbox

    ids = list(ids)
    size = max(1, settings.HUB_DELIVERY_CHUNK)
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        if outbox:
            task_outbox.enqueue(send_deliveries_task, delivery_ids=chunk)
        else:
            send_deliveries_task.delay(chunk)
    return len(ids)


def _db(field: str, value):
    """``value`` as the database driver takes it for ``Delivery.<field>``."""
    return Delivery._meta.get_field(field).get_db_prep_value(
        value, connection, prepared=False
    )


# The two statements every message runs (claim it, mark it sent), written once:
# built through the ORM they cost more Python than the rest of a message but its
# rendering (issue 9). Plain SQL that SQLite runs as well as PostgreSQL.
_CLAIM_SQL = (
    "UPDATE {table} SET status = %s, claimed_at = %s, claim_token = %s, "
    "attempts = attempts + 1 "
    "WHERE id = %s AND (status = %s OR (status = %s AND claimed_at < %s))"
)
_MARK_SENT_SQL = (
    "UPDATE {table} SET status = %s, sent_at = %s "
    "WHERE id = %s AND claim_token = %s AND status = %s"
)


def _execute(sql: str, params: list) -> int:
    with connection.cursor() as cursor:
        # the table name is the model's own; every value is a parameter
        cursor.execute(sql.format(table=Delivery._meta.db_table), params)  # nosec B608
        return cursor.rowcount


def delivery_claim(*, delivery_id: int) -> uuid.UUID | None:
    now = timezone.now()
    stale = now - timedelta(seconds=settings.HUB_DELIVERY_CLAIM_TIMEOUT)
    token = uuid.uuid4()
    won = _execute(
        _CLAIM_SQL,
        [
            Delivery.Status.CLAIMED,
            _db("claimed_at", now),
            _db("claim_token", token),
            delivery_id,
            Delivery.Status.PENDING,
            Delivery.Status.CLAIMED,
            _db("claimed_at", stale),
        ],
    )
    return token if won else None


def _finish(delivery_id: int, token: uuid.UUID, **fields) -> int:
    return Delivery.objects.filter(
        pk=delivery_id, claim_token=token, status=Delivery.Status.CLAIMED
    ).update(**fields)


def delivery_mark_sent(*, delivery_id: int, token: uuid.UUID) -> int:
    return _execute(
        _MARK_SENT_SQL,
        [
            Delivery.Status.SENT,
            _db("sent_at", timezone.now()),
            delivery_id,
            _db("claim_token", token),
            Delivery.Status.CLAIMED,
        ],
    )


def delivery_release(*, delivery_id: int, token: uuid.UUID, error: str) -> int:
    return _finish(
        delivery_id,
        token,
        status=Delivery.Status.PENDING,
        claimed_at=None,
        claim_token=None,
        last_error=error[:300],
    )


def delivery_skip(*, delivery_id: int, token: uuid.UUID, reason: str) -> int:
    return _finish(
        delivery_id, token, status=Delivery.Status.SKIPPED, last_error=reason[:300]
    )


class Batch:
    """What the builders of one chunk share: preloaded preferences and a memo (one
    per language: what is rendered or labelled once serves only that language)."""

    def __init__(self, deliveries: list[Delivery]):
        from onboarding.models import EmailPreference

        self.prefs = {
            pref.user_id: pref
            for pref in EmailPreference.objects.filter(
                user_id__in={d.recipient_id for d in deliveries}
            )
        }
        self._memos: dict[str, dict] = {}

    @property
    def memo(self) -> dict:
        return self._memos.setdefault(translation.get_language() or "", {})

    def subscribed(self, user, topic: str) -> bool:
        pref = self.prefs.get(user.pk)
        return pref is None or getattr(pref, topic)


def delivery_send(*, delivery_id: int) -> str:
    """Claim, build, send, mark one row. Returns done/busy/sent/skipped."""
    outcomes = deliveries_send(delivery_ids=[delivery_id])
    return next(outcome for outcome, ids in outcomes.items() if ids)


def deliveries_send(*, delivery_ids: list[int]) -> dict[str, list[int]]:
    """Send a chunk over one SMTP connection; each row is claimed just before its
    message and marked sent right after, so a claim only ever covers one message.
    Marking a row sent and claiming the next one share a transaction (one commit
    per message instead of two: commits were half the time of a digest run).

    Returns {outcome: [ids]}. An SMTP error releases the failing row and raises (the
    task retries the chunk; rows already sent are skipped by their claim).
    """
    outcomes: dict[str, list[int]] = {DONE: [], BUSY: [], SENT: [], SKIPPED: []}
    rows = {
        d.pk: d
        for d in Delivery.objects.select_related("recipient", "network").filter(
            pk__in=delivery_ids
        )
    }
    batch = Batch(list(rows.values()))
    connection = None
    sent: list = []  # (id, token) accepted by SMTP, marked sent with the next claim

    def mark_sent() -> None:
        while sent:
            delivery_mark_sent(delivery_id=sent[0][0], token=sent[0][1])
            sent.pop(0)

    try:
        for pk in delivery_ids:
            delivery = rows.get(pk)
            if delivery is None or delivery.status in (
                Delivery.Status.SENT,
                Delivery.Status.SKIPPED,
            ):
                outcomes[DONE].append(pk)
                continue
            # one commit per message: the previous row's "sent" and this row's claim
            with transaction.atomic():
                mark_sent()
                token = delivery_claim(delivery_id=pk)
            if token is None:
                status = (
                    Delivery.objects.filter(pk=pk)
                    .values_list("status", flat=True)
                    .first()
                )
                outcomes[BUSY if status == Delivery.Status.CLAIMED else DONE].append(pk)
                continue
            delivery.claim_token = token
            try:
                # in the recipient's language: subject, text and HTML alike
                with recipient_language(delivery.recipient, delivery.network):
                    message = BUILDERS[delivery.kind](delivery, batch)
            except Exception as exc:
                delivery_release(delivery_id=pk, token=token, error=repr(exc))
                raise
            if message is None:
                delivery_skip(delivery_id=pk, token=token, reason="nothing to send")
                outcomes[SKIPPED].append(pk)
                continue
            try:
                if connection is None:
                    connection = get_connection()
                    connection.open()
                message.connection = connection
                message.send()
            except Exception as exc:
                logger.warning("delivery %s failed, released for retry: %r", pk, exc)
                delivery_release(delivery_id=pk, token=token, error=repr(exc))
                raise
            sent.append((pk, token))
            outcomes[SENT].append(pk)
    finally:
        mark_sent()
        if connection is not None:
            try:
                connection.close()
            except Exception:  # noqa: BLE001 - the messages are already accepted
                logger.warning("SMTP close failed after sending", exc_info=True)
    return outcomes


def stranded_ids(*, older_than: timedelta, limit: int = 5000) -> list:
    """Unsent rows nobody is working on: pending, or claimed by a worker that died.

    A fan-out whose enqueue failed (broker down) or a lost task message leaves such
    rows; the beat sweep enqueues them again and the claim keeps it exactly once.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.HUB_DELIVERY_CLAIM_TIMEOUT)
    return list(
        Delivery.objects.filter(
            Q(status=Delivery.Status.PENDING, created_at__lt=now - older_than)
            | Q(status=Delivery.Status.CLAIMED, claimed_at__lt=stale)
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
