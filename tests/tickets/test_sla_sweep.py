"""The SLA sweep: each warning and breach exactly once, also with two sweeps at once
and through a real worker."""

import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from hub.models import OutboxMessage
from tests.hub.factories import StaffFactory
from tests.tickets.factories import PolicyFactory, TicketFactory
from tickets import services
from tickets.models import Ticket
from tickets.services.sweep import sla_sweep
from tickets.tasks import sla_sweep_task

TASK = "tickets.tasks.ticket_sla_email_task"


def sla_rows():
    return list(
        OutboxMessage.objects.filter(task_name=TASK).values_list("kwargs", flat=True)
    )


def due_ticket(minutes: int, target: str = "first_response", **fields) -> Ticket:
    now = timezone.now()
    policy = PolicyFactory()
    values = {
        "sla_policy": policy,
        f"{target}_due_at": now + timedelta(minutes=minutes),
        "resolution_due_at": now + timedelta(days=3),
        "status": Ticket.Status.OPEN,
        **fields,
    }
    return TicketFactory(**values)


@pytest.mark.django_db
def test_a_warning_goes_once_to_the_assignee(intern, settings):
    settings.HUB_SLA_WARNING_MINUTES = 30
    ticket = due_ticket(10, assignee=intern)
    due_ticket(45, assignee=intern)  # outside the warning window
    assert sla_sweep() == {"warning": 1, "breach": 0}
    assert sla_sweep() == {"warning": 0, "breach": 0}
    ticket.refresh_from_db()
    assert ticket.first_response_warned_at is not None
    assert ticket.first_response_breached_at is None
    assert sla_rows() == [
        {"ticket_id": ticket.pk, "target": "first_response", "kind": "warning"}
    ]


@pytest.mark.django_db
def test_a_breach_is_marked_once_and_stays_on_the_ticket(intern):
    ticket = due_ticket(-5, assignee=intern)
    assert sla_sweep()["breach"] == 1
    assert sla_sweep()["breach"] == 0
    ticket.refresh_from_db()
    assert ticket.first_response_breached_at and ticket.sla_breached_at
    assert ticket.version == 1  # the sweep is not an edit that could conflict


@pytest.mark.django_db
def test_paused_solved_and_answered_tickets_are_left_alone():
    now = timezone.now()
    due_ticket(-5, sla_paused_at=now)
    due_ticket(-5, status=Ticket.Status.SOLVED, resolution_due_at=None)
    due_ticket(-5, first_response_at=now, resolution_due_at=None)
    assert sla_sweep() == {"warning": 0, "breach": 0}


@pytest.mark.django_db
def test_the_warning_e_mail_goes_to_the_manager_when_unassigned(network_a, manager):
    network_a.manager = manager
    network_a.save()
    ticket = due_ticket(10, network=network_a)
    from tickets.notifications import send_sla_email

    assert send_sla_email(ticket.pk, "first_response", "warning") == 1
    assert mail.outbox[0].to == [manager.email]
    assert "SLA warning" in mail.outbox[0].subject


@pytest.mark.django_db
def test_no_e_mail_when_nobody_is_responsible_or_it_was_answered(intern):
    unowned = due_ticket(10)
    assert unowned.network.manager is None
    from tickets.notifications import send_sla_email

    assert send_sla_email(unowned.pk, "first_response", "warning") == 0
    answered = due_ticket(10, assignee=intern, first_response_at=timezone.now())
    assert send_sla_email(answered.pk, "first_response", "warning") == 0
    assert mail.outbox == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_warn_each_ticket_exactly_once(intern, settings):
    settings.HUB_SLA_WARNING_MINUTES = 30
    warned = [due_ticket(10, assignee=intern) for _ in range(30)]
    breached = [due_ticket(-10, assignee=intern) for _ in range(30)]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def sweep():
        try:
            barrier.wait()
            results.append(sla_sweep(batch_size=7))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(r["warning"] for r in results) == len(warned)
    assert sum(r["breach"] for r in results) == len(breached)
    rows = sla_rows()
    keys = [(r["ticket_id"], r["target"], r["kind"]) for r in rows]
    assert len(keys) == len(set(keys)) == len(warned) + len(breached)


def wait_for_mail(count: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_warnings_and_breaches_arrive_once_through_a_real_worker(
    celery_worker, settings
):
    settings.HUB_SLA_WARNING_MINUTES = 30
    agent = StaffFactory(email="agent@staff.example")
    warned = due_ticket(10, assignee=agent)
    breached = due_ticket(-10, assignee=agent)
    # when beat fires the sweep twice (the second finds nothing new)
    sla_sweep_task.delay().get(timeout=15)
    sla_sweep_task.delay().get(timeout=15)
    wait_for_mail(2)
    time.sleep(0.5)
    # then exactly one warning and one breach e-mail arrive
    assert len(mail.outbox) == 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert any(warned.reference in s and "SLA warning" in s for s in subjects)
    assert any(breached.reference in s and "SLA breached" in s for s in subjects)
    assert all(m.to == [agent.email] for m in mail.outbox)


@pytest.mark.django_db
def test_services_sweep_is_reexported():
    assert services.sla_sweep is sla_sweep
