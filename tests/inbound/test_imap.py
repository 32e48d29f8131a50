"""The support mailbox on a real IMAP server (Dovecot) and a real SMTP server:
a member's e-mail becomes a ticket, the staff reply reaches them, and their answer
from a mail client threads back onto the same ticket."""

import threading
from email.message import EmailMessage

import pytest
from django.core.management import call_command
from django.db import connection

from inbound.imap import mailbox_from_url, poll_mailbox
from inbound.models import InboundMessage
from inbound.tasks import receive_email_task
from tests.inbound.mail import mail
from tests.onboarding.smtp import start_smtp
from tickets.models import Ticket, TicketMessage
from tickets.services import ticket_reply

S = InboundMessage.Status


@pytest.fixture
def smtp(settings):
    controller, handler = start_smtp()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield handler
    controller.stop()


def _answer_from_a_mail_client(received, *, sender: str, text: str) -> bytes:
    """What a mail client sends when its user presses Reply on ``received``."""
    answer = EmailMessage()
    answer["From"] = sender
    answer["To"] = received["Reply-To"]
    answer["Subject"] = f"Re: {received['Subject']}"
    answer["In-Reply-To"] = received["Message-ID"]
    answer["References"] = f"{received.get('References', '')} {received['Message-ID']}"
    quoted = "\n".join(
        f"> {line}" for line in received.get_body(("plain",)).get_content().splitlines()
    )
    answer.set_content(f"{text}\n\nOn Tue, support wrote:\n{quoted}\n")
    return answer.as_bytes()


@pytest.mark.django_db(transaction=True)
def test_email_round_trip_through_imap_and_smtp(imap_server, smtp, member_a, intern):
    # given a member's e-mail in the support mailbox
    imap_server.deliver(mail(sender=member_a.email, subject="Replay missing"))
    # when beat polls it
    assert receive_email_task.apply().get() == {S.TICKET: 1}
    # then it is a ticket in their network, and the message is now seen
    ticket = Ticket.objects.get()
    assert ticket.channel == "email" and ticket.requester == member_a
    assert "\\Seen" in imap_server.flags()[0]
    assert poll_mailbox() == {}  # nothing new on the next poll

    # when staff reply, the member gets the reply at a real SMTP server
    ticket_reply(ticket=ticket, author=intern, body="We restored the replay.")
    [reply] = [m for rcpts, m in smtp.messages if "New reply" in str(m["Subject"])]
    assert reply["Reply-To"].startswith(f"support+{ticket.reference}.")

    # and their answer from a mail client comes back onto the same ticket
    imap_server.deliver(
        _answer_from_a_mail_client(
            reply, sender=member_a.email, text="It is back, thanks!"
        )
    )
    assert poll_mailbox() == {S.REPLY: 1}
    answer = TicketMessage.objects.filter(ticket=ticket, author=member_a).get()
    assert answer.body == "It is back, thanks!"
    assert Ticket.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_message_that_cannot_be_stored_stays_unseen(
    imap_server, member_a, monkeypatch
):
    imap_server.deliver(mail(sender=member_a.email))

    def database_down(**kwargs):
        raise ConnectionError("database unavailable")

    monkeypatch.setattr("inbound.services.ticket_from_email", database_down)
    assert poll_mailbox() == {}
    assert "\\Seen" not in imap_server.flags()[0]
    monkeypatch.undo()
    # the next poll files it
    assert poll_mailbox() == {S.TICKET: 1}
    assert Ticket.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_pollers_at_once_file_each_message_once(imap_server, member_a):
    for n in range(3):
        imap_server.deliver(mail(sender=member_a.email, subject=f"Question {n}"))
    results, errors = [], []

    def poll():
        try:
            results.append(poll_mailbox())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=poll) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert Ticket.objects.count() == 3 and InboundMessage.objects.count() == 3
    assert all("\\Seen" in flags for flags in imap_server.flags())


@pytest.mark.django_db(transaction=True)
def test_garbage_and_auto_replies_in_the_mailbox(imap_server, member_a):
    imap_server.deliver(b"this is not an e-mail at all")
    imap_server.deliver(
        mail(
            sender=member_a.email,
            subject="Out of office",
            headers={"Auto-Submitted": "auto-replied"},
        )
    )
    counts = poll_mailbox()
    assert counts == {S.QUARANTINED: 1, S.IGNORED: 1}
    assert not Ticket.objects.exists()
    assert InboundMessage.objects.filter(status=S.QUARANTINED, source="imap").exists()


@pytest.mark.django_db(transaction=True)
def test_receive_email_poll_command(imap_server, member_a, capsys):
    imap_server.deliver(mail(sender=member_a.email))
    call_command("receive_email", "--poll")
    assert "ticket: 1" in capsys.readouterr().out


def test_mailbox_urls():
    box = mailbox_from_url(
        "imaps://support%40hub.example:p%2Fw@mail.example/Support%20In"
    )
    assert (box.secure, box.host, box.port) == (True, "mail.example", 993)
    assert (box.user, box.password, box.folder) == (
        "support@hub.example",
        "p/w",
        "Support In",
    )
    assert mailbox_from_url("imap://u:p@127.0.0.1:1143").folder == "INBOX"
    with pytest.raises(ValueError):
        mailbox_from_url("pop3://u:p@host/")
