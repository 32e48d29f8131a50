"""Demo data: a filed e-mail, an unrouted one and a quarantined one (idempotent)."""

from collections.abc import Callable

from inbound.models import InboundMessage
from inbound.services import ticket_from_email

DEMO_MESSAGES = [
    (
        b"From: Milo Northstar <member@northstar.example>\r\n"
        b"To: support@hub.example\r\n"
        b"Subject: Replay not saving after LIVE battle\r\n"
        b"Message-ID: <demo-1@northstar.example>\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Hi team,\r\n\r\nour creator's replay from last night's battle is missing.\r\n\r\n"
        b"Thanks,\r\nMilo\r\n"
    ),
    (
        b"From: Someone New <scout@unknown-agency.example>\r\n"
        b"To: support@hub.example\r\n"
        b"Subject: How do we join the creator network programme?\r\n"
        b"Message-ID: <demo-2@unknown-agency.example>\r\n\r\n"
        b"Hello, we manage 40 creators and would like to join. Who do we talk to?\r\n"
    ),
    # Garbage: no sender at all, so it cannot be filed; staff see it in quarantine.
    b"\x00\x01 not an e-mail \xff\xfe\r\n\r\n????",
]


def seed(options: dict, out: Callable[[str], None]) -> None:
    for raw in DEMO_MESSAGES:
        ticket_from_email(raw=raw)
    waiting = InboundMessage.objects.filter(
        status__in=InboundMessage.NEEDS_REVIEW
    ).count()
    out(f"Inbound e-mail: {waiting} message(s) waiting in the admin (Inbound e-mails).")
