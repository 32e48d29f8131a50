"""The shared queue views every staff member starts with."""

from django.db import migrations

SHARED_VIEWS = [
    ("My open", "mine=true&status=new&status=open&status=on_hold", 10),
    (
        "Unassigned",
        "unassigned=true&status=new&status=open&status=pending&status=on_hold",
        20,
    ),
    ("Breaching soon", "sla_state=due_soon&ordering=sla_due", 30),
    ("Waiting on network", "status=pending", 40),
]


def create(apps, schema_editor):
    SavedView = apps.get_model("tickets", "SavedView")
    for name, query, position in SHARED_VIEWS:
        SavedView.objects.get_or_create(
            owner=None, name=name, defaults={"query": query, "position": position}
        )


def remove(apps, schema_editor):
    SavedView = apps.get_model("tickets", "SavedView")
    SavedView.objects.filter(
        owner=None, name__in=[name for name, _q, _p in SHARED_VIEWS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("tickets", "0002_service_standards")]

    operations = [migrations.RunPython(create, remove)]
