"""A local SMTP server (aiosmtpd) that counts what arrives, for the digest benchmark."""

from __future__ import annotations

import threading
import time
from collections import Counter


class SmtpSink:
    def __init__(self, port: int):
        from aiosmtpd.controller import Controller

        self.recipients: Counter[str] = Counter()  # digest messages per address
        self.messages = 0  # everything, digests or not
        self.last_at = time.monotonic()
        self._lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                head = envelope.original_content.split(b"\r\n\r\n", 1)[0]
                # digests (and tips) carry List-Unsubscribe; ticket e-mails do not
                digest = b"\nList-Unsubscribe:" in head
                with sink._lock:
                    sink.messages += 1
                    sink.last_at = time.monotonic()
                    if digest:
                        for rcpt in envelope.rcpt_tos:
                            sink.recipients[rcpt] += 1
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)

    @property
    def idle_seconds(self) -> float:
        with self._lock:
            return time.monotonic() - self.last_at

    @property
    def count(self) -> int:
        """Digest messages received."""
        with self._lock:
            return sum(self.recipients.values())

    @property
    def duplicates(self) -> int:
        with self._lock:
            return sum(n - 1 for n in self.recipients.values() if n > 1)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()
