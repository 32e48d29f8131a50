"""The weekly update and feedback status news go through the one delivery ledger:
a real Celery worker, a real SMTP server that refuses one recipient mid-batch the
first time, and the retry that follows give everyone exactly one e-mail."""

import time
from collections import Counter
from datetime import UTC, datetime

import pytest

from insights import notifications, services
from onboarding.models import Delivery
from tests.hub.factories import MembershipFactory, StaffFactory
from tests.insights.factories import FeedbackItemFactory
from tests.onboarding.smtp import wait_until
from tests.tickets.factories import TicketFactory

# Monday 9 March 2026, 07:30 UTC: 08:30 in Berlin, when the weekly update is due.
MONDAY_0730_UTC = datetime(2026, 3, 9, 7, 30, tzinfo=UTC)


def all_sent(kind: str) -> bool:
    return not Delivery.objects.filter(kind=kind).exclude(status="sent").exists()


@pytest.mark.django_db(transaction=True)
def test_a_refused_requester_mid_batch_then_the_retry_gives_each_one_status_email(
    celery_worker, smtp_refusing, manager, network_a
):
    # given five requesters of an item's tickets, the third refused once by SMTP
    item = FeedbackItemFactory(title="Schedule LIVE battles")
    people = [MembershipFactory(network=network_a).user for _ in range(5)]
    for person in people:
        item.tickets.add(TicketFactory(network=network_a, requester=person))
    ordered = sorted(people, key=lambda p: p.pk)
    smtp = smtp_refusing(ordered[2].email)
    # when a manager changes the item's status (the worker fans out and sends)
    services.feedback_item_set_status(item=item, actor=manager, status="planned")
    wait_until(lambda: len(smtp.recipients("Schedule LIVE battles")) >= 5)
    wait_until(lambda: all_sent("feedback_status"))
    time.sleep(1)  # nothing else trickles in
    # then the refusal happened, was retried, and nobody got two
    assert smtp.refused.is_set()
    received = Counter(smtp.recipients("Schedule LIVE battles"))
    assert received == Counter({p.email: 1 for p in people})
    rows = Delivery.objects.filter(kind="feedback_status")
    assert rows.count() == 5 and all_sent("feedback_status")
    assert rows.get(recipient=ordered[2]).attempts == 2
    # and a repeated fan-out (a retried task) adds and sends nothing
    change = item.changes.get()
    assert notifications.send_feedback_status(change.pk) == 0
    time.sleep(1)
    assert len(smtp.recipients("Schedule LIVE battles")) == 5


@pytest.mark.django_db(transaction=True)
def test_a_refused_manager_mid_batch_then_the_retry_gives_each_one_weekly_update(
    celery_worker, smtp_refusing
):
    # given four managers at Monday 08:30 in Berlin, the third refused once
    managers = [
        StaffFactory(group="Agency managers", time_zone="Europe/Berlin")
        for _ in range(4)
    ]
    smtp = smtp_refusing(managers[2].email)
    # when the hourly job runs, and runs again within the hour
    notifications.enqueue_due_weekly_updates(MONDAY_0730_UTC)
    wait_until(lambda: len(smtp.recipients("2026-W10")) >= 4)
    wait_until(lambda: all_sent("weekly_update"))
    notifications.enqueue_due_weekly_updates(MONDAY_0730_UTC)
    time.sleep(1.5)
    # then each manager has exactly one weekly update
    assert smtp.refused.is_set()
    assert Counter(smtp.recipients("2026-W10")) == Counter(
        {m.email: 1 for m in managers}
    )
    assert Delivery.objects.filter(kind="weekly_update", status="sent").count() == 4


@pytest.fixture
def back_to_the_latest_schema():
    """Migrating an app back unapplies what came after it too: put every app back at
    its latest migration afterwards, or later tests on this worker miss tables."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_weekly_rows_onto_the_ledger_so_nothing_is_resent(
    back_to_the_latest_schema,
):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("insights", "0001_initial")]
    after = [("insights", "0002_weekly_deliveries_on_the_ledger")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    Old = old_apps.get_model("insights", "WeeklyUpdateDelivery")
    sent, fresh, stale = (StaffFactory(group="Agency managers") for _ in range(3))
    now = datetime.now(UTC)
    Old.objects.create(manager_id=sent.pk, week="2026-W10", sent_at=now)
    Old.objects.create(manager_id=fresh.pk, week="2026-W11", claimed_at=now)
    Old.objects.create(
        manager_id=stale.pk,
        week="2026-W09",
        claimed_at=datetime(2026, 3, 2, tzinfo=UTC),
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    rows = {
        d.recipient_id: (d.key, d.status)
        for d in Delivery.objects.filter(kind="weekly_update")
    }
    assert rows == {
        sent.pk: ("2026-W10", "sent"),
        fresh.pk: ("2026-W11", "pending"),
        stale.pk: ("2026-W09", "skipped"),
    }
    # the hourly job for a week already sent adds nothing to send
    from emails import delivery as engine

    rows = [(sent.pk, "2026-W10", None, None)]
    assert engine.deliveries_create(kind="weekly_update", rows=rows) == 0
