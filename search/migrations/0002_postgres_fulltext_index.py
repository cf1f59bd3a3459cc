"""A GIN full-text index for the database backend on PostgreSQL.

The expression is exactly what Django's ``SearchVector("search_text",
config="simple")`` compiles to, so the planner uses the index. The text is
already analysed in Python, hence the ``simple`` configuration. Other
databases skip this migration (SQLite matches tokens with LIKE).
"""

from django.db import migrations

INDEX = "search_document_fulltext"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchdocument "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, ''::text)))"
)
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
