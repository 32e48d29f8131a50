"""``send_monthly_digest [--month YYYY-MM] [--dry-run]``."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.periods import parse_month, previous_month
from onboarding.digest import build_digest
from onboarding.models import Delivery
from onboarding.selectors import digest_recipients
from onboarding.tasks import send_monthly_digest_task


class Command(BaseCommand):
    help = (
        "Enqueue the monthly digest for every subscribed network member (the same "
        "Celery work beat runs on the 1st). Re-running a month sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: last month).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print who would get what."
        )

    def handle(self, *args, month=None, dry_run=False, **options):
        try:
            period = parse_month(month) if month else previous_month(timezone.now())
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        recipients = digest_recipients().select_related("user", "network")
        if dry_run:
            sent = set(
                Delivery.objects.filter(
                    kind=Delivery.Kind.DIGEST,
                    key__startswith=f"{period.key}/",
                    status__in=[Delivery.Status.SENT, Delivery.Status.SKIPPED],
                ).values_list("recipient_id", "network_id")
            )
            count = 0
            memo: dict = {}  # per-network sections, computed once per network
            current = None
            for membership in recipients.iterator(chunk_size=500):
                if membership.network_id != current:
                    memo, current = {}, membership.network_id
                if (membership.user_id, membership.network_id) in sent:
                    continue
                digest = build_digest(
                    membership.network, membership.user, period, memo=memo
                )
                titles = ", ".join(str(s["title"]) for s in digest["sections"])
                self.stdout.write(
                    f"{period.key}  {membership.user.email}  {membership.network.name}"
                    f"  →  {titles or '(quiet month)'}"
                )
                count += 1
            self.stdout.write(
                f"Dry run: {count} digests for {period.key}; nothing was sent."
            )
            return
        send_monthly_digest_task.delay(month=period.key)
        self.stdout.write(
            self.style.SUCCESS(
                f"Queued the {period.key} digest for {recipients.count()} members."
            )
        )
