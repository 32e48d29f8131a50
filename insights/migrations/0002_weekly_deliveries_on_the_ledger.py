"""The weekly update moves onto the one delivery ledger (``onboarding.Delivery``):
every ``WeeklyUpdateDelivery`` row becomes a ledger row first, so nothing sent
before the deploy is sent again after it."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

# A claim this old that never reached "sent" is a week already reported: skip it
# rather than e-mail a stale update; a fresher one stays pending for the sweep.
STALE = timedelta(days=2)


def to_ledger(apps, schema_editor):
    Old = apps.get_model("insights", "WeeklyUpdateDelivery")
    Delivery = apps.get_model("onboarding", "Delivery")
    cutoff = timezone.now() - STALE
    rows = []
    for old in Old.objects.all().iterator():
        if old.sent_at is not None:
            status, error = "sent", ""
        elif old.claimed_at < cutoff:
            status, error = "skipped", "not sent before the move to the ledger"
        else:
            status, error = "pending", ""
        rows.append(
            Delivery(
                kind="weekly_update",
                recipient_id=old.manager_id,
                key=old.week,
                status=status,
                sent_at=old.sent_at,
                last_error=error,
            )
        )
    Delivery.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def from_ledger(apps, schema_editor):
    Old = apps.get_model("insights", "WeeklyUpdateDelivery")
    Delivery = apps.get_model("onboarding", "Delivery")
    Old.objects.bulk_create(
        [
            Old(manager_id=d.recipient_id, week=d.key, sent_at=d.sent_at)
            for d in Delivery.objects.filter(kind="weekly_update").iterator()
        ],
        ignore_conflicts=True,
    )
    Delivery.objects.filter(kind="weekly_update").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("onboarding", "0003_alter_delivery_kind"),
    ]

    operations = [
        migrations.RunPython(to_ledger, from_ledger),
        migrations.DeleteModel(name="WeeklyUpdateDelivery"),
    ]
