"""Load ``hub/schedule.py`` into django-celery-beat (idempotent)."""

import json

from celery.schedules import crontab
from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from hub.schedule import SCHEDULE


class Command(BaseCommand):
    help = (
        "Create or update the periodic tasks of hub/schedule.py in django-celery-beat."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        for name, entry in SCHEDULE.items():
            schedule = entry["schedule"]
            fields = {
                "task": entry["task"],
                "kwargs": json.dumps(entry.get("kwargs", {})),
            }
            options_ = entry.get("options", {})
            if "expires" in options_:
                fields["expire_seconds"] = options_["expires"]
            if isinstance(schedule, crontab):
                fields["crontab"], _ = CrontabSchedule.objects.get_or_create(
                    minute=schedule._orig_minute,
                    hour=schedule._orig_hour,
                    day_of_week=schedule._orig_day_of_week,
                    day_of_month=schedule._orig_day_of_month,
                    month_of_year=schedule._orig_month_of_year,
                )
                fields["interval"] = None
            else:
                fields["interval"], _ = IntervalSchedule.objects.get_or_create(
                    every=int(schedule), period=IntervalSchedule.SECONDS
                )
                fields["crontab"] = None
            task, created = PeriodicTask.objects.get_or_create(
                name=name, defaults=fields
            )
            if not created:
                # keep a pause staff chose in the admin; refresh everything else
                for key, value in fields.items():
                    setattr(task, key, value)
                task.save()
            self.stdout.write(f"{'Created' if created else 'Updated'}: {name}")
        self.stdout.write(
            self.style.SUCCESS(f"{len(SCHEDULE)} periodic tasks in the beat schedule.")
        )
