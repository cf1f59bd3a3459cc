"""The database fallback's bounded candidates, and clicks on search results.

* PostgreSQL: a second, small stored generated ``tsvector``, ``head_vector``
  (title A, summary B: what ranks highest), with its own GIN index. The
  fallback reads its candidates for relevance ranking first from the
  documents whose title or summary match (search/db_backend.py), so it never
  needs to rank every match of a broad query. Nothing on SQLite.
* PostgreSQL: indexes in the order of the "newest" and "most replicated"
  sorts: their candidates are the first rows in that order that match.
* ``QueryWeek.clicked``: searches of the week whose results got a click.
"""

from django.db import migrations, models

TABLE = "search_searchdocument"


def _vector(columns, weight):
    text = " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)
    return f"setweight(to_tsvector('simple'::regconfig, {text}), '{weight}')"


POSTGRES_CREATE = [
    f"ALTER TABLE {TABLE} ADD COLUMN head_vector tsvector GENERATED ALWAYS AS ("
    + _vector(["title_norm", "title_stemmed"], "A")
    + " || "
    + _vector(["summary_norm", "summary_stemmed"], "B")
    + ") STORED",
    f"CREATE INDEX search_document_head ON {TABLE} USING gin (head_vector)",
    # SQLite cannot say NULLS LAST in an index (nor needs these)
    f"CREATE INDEX search_document_newest ON {TABLE} "
    "(published_at DESC NULLS LAST, page_id)",
    f"CREATE INDEX search_document_replicated ON {TABLE} "
    "(replication_count DESC, published_at DESC NULLS LAST, page_id)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_document_replicated",
    "DROP INDEX IF EXISTS search_document_newest",
    "DROP INDEX IF EXISTS search_document_head",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS head_vector",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_query_weeks")]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AddField(
            model_name="queryweek",
            name="clicked",
            field=models.PositiveIntegerField(default=0, verbose_name="with a click"),
        ),
    ]
