"""A local SMTP server (aiosmtpd) that records what arrives, for tests; the
``smtp_refusing`` fixture (``tests/conftest.py``) starts one that refuses a
recipient once."""

import asyncio
import email
import socket
import threading
import time
from email import policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingHandler:
    """Keeps every accepted message; ``rcpt_delay`` slows each message down.

    The delay sits in RCPT, before the message is accepted: a client killed while
    waiting there has not delivered anything.
    """

    def __init__(self, rcpt_delay: float = 0.0):
        self.rcpt_delay = rcpt_delay
        self.messages: list = []
        self.in_rcpt = threading.Event()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        envelope.rcpt_tos.append(address)
        if self.rcpt_delay:
            self.in_rcpt.set()
            await asyncio.sleep(self.rcpt_delay)
            self.in_rcpt.clear()
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def recipients(self, subject_contains: str = "") -> list[str]:
        with self.lock:
            return [
                rcpt
                for rcpts, message in self.messages
                if subject_contains in str(message["Subject"])
                for rcpt in rcpts
            ]


def start_smtp(rcpt_delay: float = 0.0) -> tuple[Controller, RecordingHandler]:
    handler = RecordingHandler(rcpt_delay=rcpt_delay)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, handler


class RefusesOnceHandler(RecordingHandler):
    """Refuses ``victim`` once (a temporary 451 in RCPT), then accepts it."""

    def __init__(self, victim: str):
        super().__init__()
        self.victim = victim
        self.refused = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.victim and not self.refused.is_set():
            self.refused.set()
            return "451 4.3.0 Try again later"
        return await super().handle_RCPT(
            server, session, envelope, address, rcpt_options
        )


def wait_until(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
