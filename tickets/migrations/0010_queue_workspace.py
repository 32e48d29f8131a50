"""Issue 17, the queue as a workspace: who spoke last on each ticket (kept by
``tickets.speakers``; backfilled here from the public messages), when each staff
member last opened a ticket (``TicketSeen``), and on PostgreSQL a trigram GIN index
on the subject for the queue search's typo tolerance (``subject %> query``)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce


def backfill_speakers(apps, schema_editor):
    Ticket = apps.get_model("tickets", "Ticket")
    Message = apps.get_model("tickets", "TicketMessage")
    public = Message.objects.filter(ticket=OuterRef("pk"), internal=False)
    latest = public.order_by("-created_at", "-id")
    Ticket.objects.update(
        last_reply_at=Coalesce(Subquery(latest.values("created_at")[:1]), "created_at"),
        network_replied_at=Coalesce(
            Subquery(latest.filter(author_is_staff=False).values("created_at")[:1]),
            "created_at",
        ),
    )
    Ticket.objects.filter(
        Exists(
            latest.filter(author_is_staff=True, created_at=OuterRef("last_reply_at"))
        )
    ).update(last_reply_by_staff=True)


def create_subject_trigram(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS ticket_subject_word_trgm ON tickets_ticket "
            "USING gin (subject gin_trgm_ops)"
        )


def drop_subject_trigram(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS ticket_subject_word_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0006_retire_stored_secrets"),
        ("tickets", "0009_model_names_translated"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TicketSeen",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("seen_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "verbose_name": "ticket seen by",
            },
        ),
        migrations.AddField(
            model_name="ticket",
            name="last_reply_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="last reply"
            ),
        ),
        migrations.AddField(
            model_name="ticket",
            name="last_reply_by_staff",
            field=models.BooleanField(default=False, verbose_name="staff spoke last"),
        ),
        migrations.AddField(
            model_name="ticket",
            name="network_replied_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="network last wrote"
            ),
        ),
        migrations.RunPython(backfill_speakers, migrations.RunPython.noop),
        migrations.RunPython(create_subject_trigram, drop_subject_trigram),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                fields=["-network_replied_at", "-id"], name="ticket_net_replied_idx"
            ),
        ),
        migrations.AddField(
            model_name="ticketseen",
            name="ticket",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="seen_marks",
                to="tickets.ticket",
            ),
        ),
        migrations.AddField(
            model_name="ticketseen",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="ticketseen",
            constraint=models.UniqueConstraint(
                fields=("user", "ticket"), name="unique_ticket_seen_per_user"
            ),
        ),
    ]
