"""``python manage.py flush_outbox``: send pending outbox rows now (beat does it every minute)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from hub import outbox
from hub.models import OutboxMessage


class Command(BaseCommand):
    help = "Send background work that was recorded while the broker was unreachable."

    def handle(self, *args, **options):
        pending = OutboxMessage.objects.filter(dispatched_at__isnull=True).count()
        sent = outbox.flush(older_than=timedelta(0))
        left = OutboxMessage.objects.filter(dispatched_at__isnull=True).count()
        self.stdout.write(
            f"{pending} pending, {sent} sent, {left} still waiting for the broker."
        )
