"""``python manage.py receive_email``: one message on standard input (an MTA pipe)."""

import io
import sys

import pytest
from django.core.management import CommandError, call_command

from inbound.models import InboundMessage
from tests.inbound.mail import mail
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


def _stdin(monkeypatch, raw: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))


def test_a_piped_message_becomes_a_ticket(member_a, monkeypatch, capsys):
    _stdin(monkeypatch, mail(sender=member_a.email))
    call_command("receive_email")
    ticket = Ticket.objects.get()
    assert capsys.readouterr().out.startswith(f"ticket {ticket.reference}")
    assert InboundMessage.objects.get().source == "pipe"


def test_garbage_is_stored_and_the_exit_status_is_zero(monkeypatch, capsys):
    _stdin(monkeypatch, b"\xff\xfe garbage")
    call_command("receive_email")  # raises on a non-zero exit
    assert capsys.readouterr().out.startswith("quarantined")
    assert InboundMessage.objects.get().status == "quarantined"


def test_a_message_that_cannot_be_stored_exits_non_zero(member_a, monkeypatch):
    _stdin(monkeypatch, mail(sender=member_a.email))

    def database_down(**kwargs):
        raise ConnectionError("database unavailable")

    monkeypatch.setattr("inbound.services.ticket_from_email", database_down)
    with pytest.raises(CommandError) as raised:
        call_command("receive_email")
    assert raised.value.returncode == 75
    assert not InboundMessage.objects.exists()
