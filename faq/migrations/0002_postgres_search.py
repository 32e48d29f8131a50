"""PostgreSQL search support: pg_trgm, a GIN index on the search vector and a GIN
trigram index on the title. Every operation is a no-op on other databases (the
embedded SQLite default searches with a plain ``icontains`` fallback)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    (
        "faq_article_search_gin",
        "CREATE INDEX IF NOT EXISTS faq_article_search_gin "
        "ON faq_article USING gin (search_vector)",
    ),
    (
        "faq_article_title_trgm",
        "CREATE INDEX IF NOT EXISTS faq_article_title_trgm "
        "ON faq_article USING gin (title gin_trgm_ops)",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in INDEXES:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("faq", "0001_initial")]

    operations = [
        TrigramExtension(),  # CreateExtension skips non-PostgreSQL databases itself
        migrations.RunPython(create_indexes, drop_indexes),
    ]
