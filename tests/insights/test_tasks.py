"""The Monday e-mail (exactly once, in each manager's time zone), the nightly job and
the command."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.management import call_command

from emails import delivery as engine
from insights import notifications, tasks
from insights.models import RecurringGroup
from onboarding.models import Delivery
from tests.hub.factories import StaffFactory
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db

# Monday 9 March 2026, 07:30 UTC: 08:30 in Berlin (CET), 18:30 in Sydney (AEDT).
MONDAY_0730_UTC = datetime(2026, 3, 9, 7, 30, tzinfo=UTC)


@pytest.fixture
def managers(db):
    berlin = StaffFactory(group="Agency managers", time_zone="Europe/Berlin")
    sydney = StaffFactory(group="Agency managers", time_zone="Australia/Sydney")
    StaffFactory(group="Support interns", time_zone="Europe/Berlin")
    return berlin, sydney


def test_only_managers_at_monday_eight_local_time_are_due(managers):
    berlin, _sydney = managers
    due = notifications.managers_due(MONDAY_0730_UTC)
    assert [(m, str(w)) for m, w in due] == [(berlin, "2026-W10")]


def test_the_weekly_update_is_sent_exactly_once_per_manager_and_week(
    managers, django_capture_on_commit_callbacks
):
    berlin, _ = managers
    TicketFactory(created_at=datetime(2026, 3, 3, 10, tzinfo=UTC))
    for _ in range(3):  # the hourly job runs again, or twice at once
        with django_capture_on_commit_callbacks(execute=True):
            notifications.enqueue_due_weekly_updates(MONDAY_0730_UTC)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [berlin.email]
    assert message.subject.endswith("2026-W10: 1 ticket")  # one, not "1 tickets"
    assert "/hub/weekly/?week=2026-W10" in message.body
    delivery = Delivery.objects.get(kind="weekly_update")
    assert (delivery.recipient, delivery.key, delivery.status) == (
        berlin,
        "2026-W10",
        "sent",
    )
    # a retried send task does not send again
    assert engine.delivery_send(delivery_id=delivery.pk) == engine.DONE
    assert len(mail.outbox) == 1


def test_a_failed_send_leaves_the_delivery_unsent_for_the_retry(
    managers, monkeypatch, django_capture_on_commit_callbacks
):
    berlin, _ = managers

    def broken(self, *args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", broken)
    # the send task raises Retry: it is to run again (in-process here)
    with pytest.raises(Retry), django_capture_on_commit_callbacks(execute=True):
        notifications.enqueue_due_weekly_updates(MONDAY_0730_UTC)
    delivery = Delivery.objects.get(kind="weekly_update")
    assert (delivery.status, delivery.sent_at) == ("pending", None)
    assert "SMTP down" in delivery.last_error


def test_the_nightly_task_computes_groups():
    for subject in ["LIVE ban appeal", "Appeal a LIVE ban", "LIVE ban appeal please"]:
        TicketFactory(subject=subject)
    assert tasks.recurring_questions_task() == 1
    assert RecurringGroup.objects.get().size == 3


def test_the_command_prints_groups_and_time(capsys):
    for subject in ["Payout not received", "Payout not received yet", "No payout"]:
        TicketFactory(subject=subject, description="payout missing")
    out = StringIO()
    call_command("find_recurring_questions", stdout=out)
    text = out.getvalue()
    assert "Found 1 recurring questions in" in text
    assert "3 tickets" in text


def test_the_command_evaluates_and_writes_the_benchmark_file(tmp_path, monkeypatch):
    from insights.management.commands import find_recurring_questions as command

    target = tmp_path / "recurring.json"
    monkeypatch.setattr(command, "RESULTS", target)
    out = StringIO()
    labelled = command.SETS["labelled"]
    call_command(
        "find_recurring_questions", "--evaluate-file", str(labelled), stdout=out
    )
    figures = json.loads(target.read_text())[labelled.name]
    assert figures["tickets"] >= 150 and figures["ari"] >= 0.95
    assert figures["coverage"] >= 0.95
    assert f"ari = {figures['ari']}" in out.getvalue()
    assert f"coverage = {figures['coverage']}" in out.getvalue()


def test_the_monday_email_carries_service_and_satisfaction_figures(
    managers, service_tickets, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notifications.enqueue_due_weekly_updates(MONDAY_0730_UTC)
    (message,) = mail.outbox
    assert "Median first response: 2.5 business hours" in message.body
    assert "Median resolution: 7.0 business hours" in message.body
    assert "First response within target: 75.0% (3/4)" in message.body
    assert "Satisfaction: 3.0/5 (4 ratings)" in message.body
    html = message.alternatives[0][0]
    assert "Resolved within target: 75.0% (3/4)" in html
