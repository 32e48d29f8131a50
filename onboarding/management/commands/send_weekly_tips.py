"""``send_weekly_tips [--dry-run] [--due-now]``: enqueue this week's tips now."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from hub.models import User
from onboarding.messages import next_tip_for
from onboarding.selectors import tip_recipients
from onboarding.tasks import send_weekly_tips_task


class Command(BaseCommand):
    help = (
        "Enqueue this week's tip for every subscribed member (the same Celery work "
        "beat runs hourly). Members who already had this week's tip get nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print who would get which tip."
        )
        parser.add_argument(
            "--due-now",
            action="store_true",
            help="Only networks whose local time is tip day and hour (what beat does).",
        )

    def handle(self, *args, dry_run=False, due_now=False, **options):
        rows = tip_recipients(
            now=timezone.now(),
            only_due_now=due_now,
            weekday=settings.HUB_TIPS_WEEKDAY,
            hour=settings.HUB_TIPS_HOUR,
        )
        if dry_run:
            users = User.objects.in_bulk({user_id for user_id, _n, _w in rows})
            seen = set()
            for user_id, _network_id, week in rows:
                if user_id in seen:
                    continue
                seen.add(user_id)
                tip = next_tip_for(users[user_id])
                self.stdout.write(
                    f"{week}  {users[user_id].email}  →  "
                    f"{tip.title if tip else '(has had every tip)'}"
                )
            self.stdout.write(f"Dry run: {len(seen)} members; nothing was sent.")
            return
        send_weekly_tips_task.delay(only_due_now=due_now)
        self.stdout.write(
            self.style.SUCCESS(f"Queued weekly tips for up to {len(rows)} members.")
        )
