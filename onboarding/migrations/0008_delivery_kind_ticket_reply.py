from django.db import migrations, models


class Migration(migrations.Migration):
    """Ticket replies go through the delivery ledger (one row per recipient)."""

    dependencies = [
        ("onboarding", "0007_field_labels_translated"),
    ]

    operations = [
        migrations.AlterField(
            model_name="delivery",
            name="kind",
            field=models.CharField(
                choices=[
                    ("tip", "Weekly tip"),
                    ("digest", "Monthly digest"),
                    ("announcement", "Announcement"),
                    ("checkin", "Feature-test check-in request"),
                    ("event", "Event e-mail"),
                    ("weekly_update", "Weekly update"),
                    ("feedback_status", "Feedback status news"),
                    ("ticket_reply", "Ticket reply"),
                ],
                max_length=16,
                verbose_name="kind",
            ),
        ),
    ]
