"""Create the staff groups and the regions networks belong to."""

from django.db import migrations

GROUPS = ["Agency managers", "Support interns"]
REGIONS = [
    ("anz", "Australia & New Zealand"),
    ("sea", "Southeast Asia"),
    ("nea", "Northeast Asia"),
    ("na", "North America"),
    ("latam", "Latin America"),
    ("emea", "Europe, Middle East & Africa"),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Region = apps.get_model("hub", "Region")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)
    for code, name in REGIONS:
        Region.objects.get_or_create(code=code, defaults={"name": name})
    # Permissions are attached by hub.roles.sync_group_permissions after migrate,
    # once every app's permissions exist.


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
