"""The transactional outbox: background work that survives a broker outage.

Services call ``enqueue(task, **kwargs)`` inside their transaction instead of
``transaction.on_commit(lambda: task.delay(...))``. The row commits with the change;
after commit it is sent to the broker at once. If the broker is unreachable the
request still succeeds, the row stays pending, and ``outbox_flush_task`` (beat, every
minute) sends it when the broker is back. Tasks must be idempotent: a crash between
sending and marking can send a row twice (at-least-once delivery).
"""

import logging
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.utils import timezone

from hub.models import OutboxMessage

logger = logging.getLogger(__name__)


def enqueue(task, /, **kwargs) -> OutboxMessage:
    """Record ``task`` with JSON ``kwargs``; it is sent after the transaction commits."""
    message = OutboxMessage.objects.create(task_name=task.name, kwargs=kwargs)
    transaction.on_commit(lambda: dispatch(message.pk))
    return message


def dispatch(pk: int) -> bool:
    """Send one pending message; True when the broker accepted it."""
    message = OutboxMessage.objects.filter(pk=pk, dispatched_at__isnull=True).first()
    if message is None:
        return False
    try:
        # retry=False: fail fast while the broker is down instead of blocking a request
        current_app.tasks[message.task_name].apply_async(
            kwargs=message.kwargs, retry=False
        )
    except Exception as exc:  # noqa: BLE001 - any broker failure leaves it pending
        logger.warning("outbox: %s not sent yet: %s", message.task_name, exc)
        OutboxMessage.objects.filter(pk=pk).update(
            attempts=message.attempts + 1,
            last_error=f"{exc.__class__.__name__}: {exc}"[:2000],
        )
        return False
    OutboxMessage.objects.filter(pk=pk, dispatched_at__isnull=True).update(
        dispatched_at=timezone.now(), attempts=message.attempts + 1, last_error=""
    )
    return True


def flush(
    *, older_than: timedelta = timedelta(seconds=30), batch_size: int = 500
) -> int:
    """Send pending messages (oldest first); safe when two flushes run at once."""
    sent = 0
    cutoff = timezone.now() - older_than
    while True:
        with transaction.atomic():
            pks = list(
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(dispatched_at__isnull=True, created_at__lte=cutoff)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not pks:
                return sent
            results = [dispatch(pk) for pk in pks]
        sent += sum(results)
        if not all(results):
            return sent  # the broker is still down; try again on the next run
