# The weekly update and tickets.reports count tickets solved in a period.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tickets", "0003_shared_saved_views"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(fields=["resolved_at"], name="ticket_resolved_at_idx"),
        ),
    ]
