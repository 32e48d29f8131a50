"""``python manage.py receive_email < message.eml``: file one message (an MTA pipe).

Exits 0 whenever the message was stored — filed as a ticket or reply, ignored as an
auto-reply, kept as unrouted or quarantined, or a duplicate — and non-zero only when
it could not be stored at all (so the MTA keeps it and tries again).
``--poll`` polls ``INBOUND_IMAP_URL`` once instead, as the beat task does.
"""

import sys

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "File one e-mail read from standard input (or --poll the IMAP mailbox)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--poll", action="store_true", help="Poll INBOUND_IMAP_URL once instead."
        )

    def handle(self, *args, poll=False, **options):
        if poll:
            from inbound.imap import poll_mailbox

            counts = poll_mailbox()
            self.stdout.write(
                ", ".join(f"{k}: {v}" for k, v in counts.items()) or "nothing new"
            )
            return
        from inbound.services import ticket_from_email

        raw = sys.stdin.buffer.read()
        try:
            row = ticket_from_email(raw=raw)
        except Exception as exc:  # noqa: BLE001 - the MTA must retry: say so, exit 75
            raise CommandError(f"message not stored: {exc}", returncode=75) from exc
        ticket = f" {row.ticket.reference}" if row.ticket_id else ""
        self.stdout.write(f"{row.status}{ticket}: {row.reason or 'ok'}")
