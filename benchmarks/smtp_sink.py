"""A local SMTP server (aiosmtpd) that counts what arrives, for the digest benchmark."""

from __future__ import annotations

import threading
from collections import Counter


class SmtpSink:
    def __init__(self, port: int):
        from aiosmtpd.controller import Controller

        self.recipients: Counter[str] = Counter()
        self._lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with sink._lock:
                    for rcpt in envelope.rcpt_tos:
                        sink.recipients[rcpt] += 1
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)

    @property
    def count(self) -> int:
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
