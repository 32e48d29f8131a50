import time

import pytest
from django.core import mail

from tickets import notifications, services
from tickets.tasks import ticket_assigned_email_task


def wait_for_mail(count: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_ticket_emails_go_through_a_real_worker(
    celery_worker, member_a, intern, manager
):
    # given a worker on Redis (tasks are not run in-process)
    # when a network files a ticket, staff reply, note and assign
    ticket = services.ticket_create(
        requester=member_a, subject="Diamonds missing", description="12 May"
    )
    services.ticket_add_note(ticket=ticket, author=intern, body="INTERNAL fraud hold")
    services.ticket_reply(ticket=ticket, author=intern, body="We are checking")
    services.ticket_assign(ticket=ticket, actor=manager, assignee=intern)
    # then the worker sends exactly three e-mails, none with the note
    wait_for_mail(3)
    time.sleep(0.5)  # nothing else trickles in
    by_template = {m.subject.split("] ")[1].split(":")[0]: m for m in mail.outbox}
    assert len(mail.outbox) == 3
    assert by_template["We received your ticket"].to == [member_a.email]
    assert by_template["New reply"].to == [member_a.email]
    assert by_template["Assigned to you"].to == [intern.email]
    assert all("INTERNAL" not in m.body for m in mail.outbox)
    assert all(m.alternatives[0][1] == "text/html" for m in mail.outbox)


@pytest.mark.django_db
def test_an_assignment_email_is_skipped_when_reassigned_before_sending(
    member_a, intern, manager
):
    ticket = services.ticket_create(requester=member_a, subject="s", description="d")
    services.ticket_assign(ticket=ticket, actor=manager, assignee=manager)
    ticket_assigned_email_task(ticket.pk, intern.pk)  # stale task
    assert mail.outbox == []
    ticket_assigned_email_task(ticket.pk, manager.pk)  # the current assignee
    assert [m.to for m in mail.outbox] == [[manager.email]]


@pytest.mark.django_db
def test_reply_email_skips_people_who_left_the_network(member_a, intern, network_a):
    ticket = services.ticket_create(requester=member_a, subject="s", description="d")
    member_a.memberships.all().delete()
    message = services.ticket_reply(ticket=ticket, author=intern, body="hi")
    assert notifications.reply_recipients(message) == []
