"""Exactly-once sending over the ``Delivery`` ledger.

1. Fan-out inserts one row per recipient and period (``bulk_create`` with
   ``ignore_conflicts`` on the unique key), so re-running a period adds nobody twice.
2. ``send_delivery_task`` claims its row with one conditional UPDATE (pending, or
   claimed longer ago than ``HUB_DELIVERY_CLAIM_TIMEOUT`` and not sent) — only one
   worker can win it — sends, then marks it sent under the same claim token.
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
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from onboarding.models import Delivery

logger = logging.getLogger(__name__)

DONE, BUSY, SENT, SKIPPED = "done", "busy", "sent", "skipped"

# kind → function(delivery) returning the message, or None to skip this recipient
Builder = Callable[[Delivery], EmailMultiAlternatives | None]
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


def enqueue(ids: Iterable[int]) -> int:
    """One task per recipient; duplicates are harmless (the claim decides)."""
    from onboarding.tasks import send_delivery_task

    count = 0
    for pk in ids:
        send_delivery_task.delay(pk)
        count += 1
    return count


def delivery_claim(*, delivery_id: int) -> uuid.UUID | None:
    now = timezone.now()
    stale = now - timedelta(seconds=settings.HUB_DELIVERY_CLAIM_TIMEOUT)
    token = uuid.uuid4()
    won = (
        Delivery.objects.filter(pk=delivery_id)
        .filter(
            Q(status=Delivery.Status.PENDING)
            | Q(status=Delivery.Status.CLAIMED, claimed_at__lt=stale)
        )
        .update(
            status=Delivery.Status.CLAIMED,
            claimed_at=now,
            claim_token=token,
            attempts=F("attempts") + 1,
        )
    )
    return token if won else None


def _finish(delivery_id: int, token: uuid.UUID, **fields) -> int:
    return Delivery.objects.filter(
        pk=delivery_id, claim_token=token, status=Delivery.Status.CLAIMED
    ).update(**fields)


def delivery_mark_sent(*, delivery_id: int, token: uuid.UUID) -> int:
    return _finish(
        delivery_id, token, status=Delivery.Status.SENT, sent_at=timezone.now()
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


def delivery_send(*, delivery_id: int) -> str:
    """Claim, build, send, mark. Returns done/busy/sent/skipped; SMTP errors raise."""
    token = delivery_claim(delivery_id=delivery_id)
    if token is None:
        status = (
            Delivery.objects.filter(pk=delivery_id)
            .values_list("status", flat=True)
            .first()
        )
        return BUSY if status == Delivery.Status.CLAIMED else DONE
    delivery = Delivery.objects.select_related("recipient", "network").get(
        pk=delivery_id
    )
    delivery.claim_token = token
    try:
        message = BUILDERS[delivery.kind](delivery)
    except Exception as exc:
        delivery_release(delivery_id=delivery_id, token=token, error=repr(exc))
        raise
    if message is None:
        delivery_skip(delivery_id=delivery_id, token=token, reason="nothing to send")
        return SKIPPED
    try:
        message.send()
    except Exception as exc:
        logger.warning("delivery %s failed, released for retry: %r", delivery_id, exc)
        delivery_release(delivery_id=delivery_id, token=token, error=repr(exc))
        raise
    with transaction.atomic():
        delivery_mark_sent(delivery_id=delivery_id, token=token)
    return SENT


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
