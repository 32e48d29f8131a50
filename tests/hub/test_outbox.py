import time

import pytest
from django.core import mail
from django.db import transaction

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


@pytest.mark.django_db(transaction=True)
def test_nothing_is_recorded_or_sent_when_the_transaction_rolls_back():
    # when the work is recorded and the transaction then fails (a real rollback)
    with pytest.raises(RuntimeError), transaction.atomic():
        _enqueue_reset_mail("a@x.example")
        raise RuntimeError("the service failed after enqueueing")

    # then no row survives and nothing went out
    assert not OutboxMessage.objects.exists()
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


# --- findings 3 and 4 of issue 14: rows carry ids, never addresses or links ---------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"to": ["victim@example.com"]},
        {"url": "https://evil.example/reset"},
        {"context": {"reset_url": "http://x"}},
        {"body": "Click here to keep your account"},
        {"ids": ["1", "2"]},
    ],
)
def test_the_outbox_refuses_anything_but_ids_and_short_codes(kwargs):
    from hub.tasks import outbox_flush_task

    with pytest.raises(TypeError, match="not an id or a short code"):
        outbox.check_arguments(kwargs)
    with pytest.raises(TypeError):
        outbox.enqueue(outbox_flush_task, **kwargs)


def test_ids_flags_and_codes_are_accepted():
    outbox.check_arguments(
        {
            "ticket_id": 3,
            "user_ids": [1, 2],
            "target": "first_response",
            "month": "2026-03",
            "flag": True,
            "none": None,
        }
    )


@pytest.mark.django_db
def test_an_invitation_is_queued_by_id_and_its_link_built_when_sent(
    manager, network_a, django_capture_on_commit_callbacks
):
    from onboarding.services import invitation_create

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            actor=manager, network=network_a, email="new.person@alpha.example"
        )
    row = OutboxMessage.objects.get()
    assert row.task_name == "onboarding.tasks.invitation_email_task"
    assert row.kwargs == {"invitation_id": invitation.pk}
    assert mail.outbox[0].to == ["new.person@alpha.example"]
    assert "/onboarding/invitations/" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_migration_retires_the_links_old_rows_kept():
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    migration = import_module("hub.migrations.0006_retire_stored_secrets")
    secret = {
        "to": ["admin@hub.example"],
        "template": "password_reset",
        "context": {"reset_url": "http://hub/accounts/reset/MQ/abc-123/"},
    }
    pending = OutboxMessage.objects.create(
        task_name=migration.RETIRED_TASK, kwargs=secret
    )
    sent = OutboxMessage.objects.create(
        task_name=migration.RETIRED_TASK,
        kwargs=secret,
        dispatched_at="2026-01-01T00:00Z",
    )
    other = OutboxMessage.objects.create(
        task_name="tickets.tasks.ticket_received_email_task", kwargs={"ticket_id": 1}
    )
    migration.forwards(apps, SimpleNamespace(connection=connection))
    for row in (pending, sent, other):
        row.refresh_from_db()
    assert pending.kwargs == {} and sent.kwargs == {}
    assert pending.dispatched_at is not None and "retired" in pending.last_error
    assert other.kwargs == {"ticket_id": 1} and other.dispatched_at is None
