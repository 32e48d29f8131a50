import time
from collections import Counter

import pytest
from django.core import mail

from onboarding.models import Delivery
from tests.hub.factories import MembershipFactory
from tests.onboarding.smtp import wait_until
from tests.tickets.factories import MessageFactory, TicketFactory
from tickets import notifications, services
from tickets.tasks import ticket_assigned_email_task, ticket_reply_email_task


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


def replies_sent() -> bool:
    rows = Delivery.objects.filter(kind="ticket_reply")
    return rows.exists() and not rows.exclude(status="sent").exists()


@pytest.mark.django_db(transaction=True)
def test_a_refused_recipient_mid_batch_then_the_retry_gives_each_one_reply_email(
    celery_worker, smtp_refusing, intern, network_a
):
    # given a ticket four of the network's people wrote on, two reading English
    # and two Indonesian, and an SMTP server refusing an Indonesian reader once
    ticket = TicketFactory(network=network_a)
    people = [ticket.requester] + [
        MembershipFactory(network=network_a).user for _ in range(3)
    ]
    for person, language in zip(people, ["en", "id", "en", "id"], strict=True):
        person.language = language
        person.save(update_fields=["language"])
        MessageFactory(ticket=ticket, author=person)
    smtp = smtp_refusing(people[3].email)
    # when staff reply (the worker fans out one ledger row each and sends)
    message = services.ticket_reply(ticket=ticket, author=intern, body="Fixed it")
    wait_until(lambda: len(smtp.recipients(ticket.reference)) >= 4)
    wait_until(replies_sent)
    time.sleep(1)  # nothing else trickles in
    # then the refusal happened, was retried, and nobody got two
    assert smtp.refused.is_set()
    assert Counter(smtp.recipients(ticket.reference)) == Counter(
        {person.email: 1 for person in people}
    )
    languages = {
        rcpts[0]: str(sent["Content-Language"]) for rcpts, sent in smtp.messages
    }
    assert languages == {person.email: person.language for person in people}
    rows = Delivery.objects.filter(kind="ticket_reply", object_id=message.pk)
    assert rows.count() == 4
    assert rows.get(recipient=people[3]).attempts == 2
    # and the reply task run again (a retry after the fan-out) sends nothing more
    ticket_reply_email_task.delay(message.pk)
    time.sleep(1.5)
    assert len(smtp.recipients(ticket.reference)) == 4
