import time

import pytest
from django.core import mail

from hub import outbox
from hub.models import OutboxMessage
from hub.tasks import password_reset_email_task
from tests.hub.factories import UserFactory


def _enqueue_reset_mail(to):
    user = UserFactory(email=to)
    return outbox.enqueue(password_reset_email_task, user_ids=[user.pk])


@pytest.mark.django_db
def test_a_message_is_sent_after_commit_and_marked(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = _enqueue_reset_mail("a@x.example")
    message.refresh_from_db()
    assert message.dispatched_at is not None
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_nothing_is_sent_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _enqueue_reset_mail("a@x.example")
    assert len(callbacks) == 1
    assert len(mail.outbox) == 0


def _wait_for(predicate, seconds=15):
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.1)
    return predicate()


@pytest.mark.django_db(transaction=True)
def test_work_recorded_while_the_broker_is_down_goes_out_once_it_is_back(celery_worker):
    from hub.celery import app

    outbox._broker_down_until = 0.0
    # given the broker is unreachable
    good_broker = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app._pool = None
    app.amqp._producer_pool = None
    try:
        # when work is recorded, the caller does not fail and the row stays pending
        message = _enqueue_reset_mail("late@x.example")
        message.refresh_from_db()
        assert message.dispatched_at is None
        assert message.attempts == 1
        assert "Error" in message.last_error
    finally:
        app.conf.broker_url = good_broker
        app._pool = None
        app.amqp._producer_pool = None
    assert mail.outbox == []
    # then the flush sends it through the real worker once the broker is back, once
    from datetime import timedelta

    # (requests right after the failure do not wait on the broker again)
    second = _enqueue_reset_mail("later@x.example")
    second.refresh_from_db()
    assert second.attempts == 0 and second.dispatched_at is None
    assert outbox.flush(older_than=timedelta(0)) == 2
    assert outbox.flush(older_than=timedelta(0)) == 0
    assert _wait_for(lambda: len(mail.outbox) == 2)
    time.sleep(0.5)
    assert sorted(m.to[0] for m in mail.outbox) == ["late@x.example", "later@x.example"]
    assert not OutboxMessage.objects.filter(dispatched_at__isnull=True).exists()
