"""People's language preference and each network's default language (SPEC §9)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0007_model_names_translated"),
    ]

    operations = [
        # the network's existing language becomes its default (values kept)
        migrations.RenameField(
            model_name="creatornetwork",
            old_name="language",
            new_name="default_language",
        ),
        migrations.AlterField(
            model_name="creatornetwork",
            name="default_language",
            field=models.CharField(
                choices=[
                    ("en", "English"),
                    ("zh-hans", "简体中文"),
                    ("id", "Bahasa Indonesia"),
                    ("ar", "العربية"),
                ],
                default="en",
                help_text="Pages and e-mails use it for the network's people who chose no language and whose browser asks for none the hub speaks.",
                max_length=16,
                verbose_name="default language",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[
                    ("en", "English"),
                    ("zh-hans", "简体中文"),
                    ("id", "Bahasa Indonesia"),
                    ("ar", "العربية"),
                ],
                help_text="Leave empty to follow your browser and your network.",
                max_length=16,
                verbose_name="language",
            ),
        ),
    ]
