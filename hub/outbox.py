"""The transactional outbox: background work that survives a broker outage.

Services call ``enqueue(task, **kwargs)`` inside their transaction instead of
``transaction.on_commit(lambda: task.delay(...))``. The row commits with the change;
after commit it is sent to the broker at once. If the broker is unreachable the
request still succeeds, the row stays pending, and ``outbox_flush_task`` (beat, every
minute) sends it when the broker is back. Tasks must be idempotent: a crash between
sending and marking can send a row twice (at-least-once delivery).

A row carries ids and short codes only (``enqueue`` refuses anything else): whoever
can read the outbox (superusers, in the admin) never sees an address, a link or a
message, and a task cannot be pointed at an arbitrary recipient. Tasks look the
objects up and build recipients, text and signed links when they run.
"""

import logging
import re
import time
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.utils import timezone

from hub.models import OutboxMessage

logger = logging.getLogger(__name__)

# After a failed send, requests in this process stop trying the broker for a while
# (each try costs seconds of client retries) and leave their rows to the flush.
BROKER_BACKOFF_SECONDS = 30.0
_broker_down_until = 0.0


# A short code such as "first_response" or "2026-03": no "@", "/" or spaces, so no
# e-mail address, link or free text fits.
_CODE = re.compile(r"[A-Za-z0-9_.:-]{0,40}")


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_arguments(kwargs: dict) -> None:
    """Refuse task arguments that are not ids, lists of ids, flags or short codes."""
    for name, value in kwargs.items():
        if value is None or isinstance(value, bool) or _is_id(value):
            continue
        if isinstance(value, list) and all(_is_id(v) for v in value):
            continue
        if isinstance(value, str) and _CODE.fullmatch(value):
            continue
        raise TypeError(
            f"outbox: {name}={value!r} is not an id or a short code; tasks take "
            "ids and build recipients, text and links when they run"
        )


def enqueue(task, /, **kwargs) -> OutboxMessage:
    """Record ``task`` with ids as ``kwargs``; it is sent after the transaction commits."""
    check_arguments(kwargs)
    message = OutboxMessage.objects.create(task_name=task.name, kwargs=kwargs)
    transaction.on_commit(lambda: dispatch(message.pk))
    return message


def dispatch(pk: int, *, force: bool = False) -> bool:
    """Send one pending message; True when the broker accepted it.

    Without ``force`` (right after a request commits) the send is skipped while the
    broker was recently found down, so requests stay fast; the flush forces it.
    """
    global _broker_down_until
    if not force and time.monotonic() < _broker_down_until:
        return False
    message = OutboxMessage.objects.filter(pk=pk, dispatched_at__isnull=True).first()
    if message is None:
        return False
    try:
        _send(message.task_name, message.kwargs)
    except Exception as exc:  # noqa: BLE001 - any broker failure leaves it pending
        _broker_down_until = time.monotonic() + BROKER_BACKOFF_SECONDS
        logger.warning("outbox: %s not sent yet: %s", message.task_name, exc)
        OutboxMessage.objects.filter(pk=pk).update(
            attempts=message.attempts + 1,
            last_error=f"{exc.__class__.__name__}: {exc}"[:2000],
        )
        return False
    _broker_down_until = 0.0
    OutboxMessage.objects.filter(pk=pk, dispatched_at__isnull=True).update(
        dispatched_at=timezone.now(), attempts=message.attempts + 1, last_error=""
    )
    return True


def _send(task_name: str, kwargs: dict) -> None:
    if current_app.conf.task_always_eager:  # the embedded default: run it here, now
        current_app.loader.import_default_modules()  # registers every app's tasks
        current_app.tasks[task_name].apply(kwargs=kwargs, throw=True)
    else:
        # retry=False: fail fast while the broker is down instead of blocking a request
        current_app.send_task(task_name, kwargs=kwargs, retry=False)


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
            results = [dispatch(pk, force=True) for pk in pks]
        sent += sum(results)
        if not all(results):
            return sent  # the broker is still down; try again on the next run
