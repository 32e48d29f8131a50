"""Retire the secrets that older rows kept in plain text.

- Outbox rows of the removed ``hub.tasks.send_email_task`` carried the recipient,
  the e-mail's context and, for password resets and invitations, a live signed
  link. Their arguments are erased; rows still pending are marked as retired (the
  task no longer exists): a person asks for a new reset link, a manager re-sends
  an invitation.
- DRF's plain-text tokens (``authtoken_token``, no longer installed) are deleted:
  anyone who could read the database could have used them. API clients sign in
  again at ``POST /api/v1/auth/token/`` and get a hashed, expiring token.
"""

from django.db import migrations
from django.utils import timezone

RETIRED_TASK = "hub.tasks.send_email_task"


def forwards(apps, schema_editor):
    OutboxMessage = apps.get_model("hub", "OutboxMessage")
    rows = OutboxMessage.objects.filter(task_name=RETIRED_TASK)
    rows.filter(dispatched_at__isnull=True).update(
        dispatched_at=timezone.now(),
        last_error="retired by migration hub 0006: the task no longer exists",
    )
    rows.update(kwargs={})
    connection = schema_editor.connection
    if "authtoken_token" in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM authtoken_token")


class Migration(migrations.Migration):
    dependencies = [("hub", "0005_accounts_security")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
