"""Full-text structures the database keeps in step with SearchDocument itself.

Both are derived from the analysed columns (search/analysis.py) and written
by the database on every INSERT, UPDATE and DELETE, so every write path
(``bulk_create``, ``update``, ``delete``, ``refresh_document``) stays in sync
without Python code.

* SQLite: an FTS5 table over the nine analysed columns (external content:
  the text is stored once, in search_searchdocument), kept in sync by three
  triggers. The tokenizer keeps hyphens inside tokens, so FTS5 tokens are the
  analysis' whitespace-separated tokens ("anak-anak", "ktp-el").
  Caution: when a later migration makes Django *rebuild* the SQLite table
  (most field changes do), the triggers are dropped with the old table;
  tests/search/test_database_backend.py fails until that migration
  recreates them.
* PostgreSQL: a stored generated ``tsvector`` column, weighted A title,
  B summary, C synonyms, D body and extra (Elasticsearch's boosts, in the four
  classes ts_rank knows), with a GIN index. It replaces 0002's expression
  index: for broad queries the planner chose a sequential scan and re-ran
  ``to_tsvector`` on every row (1.3 s at 10,000 documents), and ranking needs
  the vector anyway.

And an index on ``updated_at``, read by the database backend's cache of
known facet values on every filtered search.
"""

from django.db import OperationalError, migrations, models

TABLE = "search_searchdocument"
FTS = f"{TABLE}_fts"
COLUMNS = [
    "title_norm",
    "title_stemmed",
    "summary_norm",
    "summary_stemmed",
    "body_norm",
    "body_stemmed",
    "extra_norm",
    "extra_stemmed",
    "synonyms",
]
_cols = ", ".join(COLUMNS)
_new = ", ".join(f"new.{c}" for c in COLUMNS)
_old = ", ".join(f"old.{c}" for c in COLUMNS)

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({_cols}, content='{TABLE}', "
    "content_rowid='page_id', tokenize=\"unicode61 remove_diacritics 0 tokenchars '-'\")",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, {_cols}) VALUES (new.page_id, {_new}); END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {_cols}) VALUES ('delete', old.page_id, {_old}); END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF page_id, {_cols} ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {_cols}) VALUES ('delete', old.page_id, {_old}); "
    f"INSERT INTO {FTS}(rowid, {_cols}) VALUES (new.page_id, {_new}); END",
    # index the rows that exist already
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
]


def _vector(columns, weight):
    text = " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)
    return f"setweight(to_tsvector('simple'::regconfig, {text}), '{weight}')"


POSTGRES_CREATE = [
    "DROP INDEX IF EXISTS search_document_fulltext",
    f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    + " || ".join(
        [
            _vector(["title_norm", "title_stemmed"], "A"),
            _vector(["summary_norm", "summary_stemmed"], "B"),
            _vector(["synonyms"], "C"),
            _vector(["body_norm", "body_stemmed", "extra_norm", "extra_stemmed"], "D"),
        ]
    )
    + ") STORED",
    f"CREATE INDEX search_document_vector ON {TABLE} USING gin (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_document_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
    # migration 0002's index
    "CREATE INDEX IF NOT EXISTS search_document_fulltext ON search_searchdocument "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, ''::text)))",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        try:
            _run(schema_editor, SQLITE_CREATE[:1])
        except OperationalError as exc:
            if "fts5" not in str(exc):
                raise
            raise RuntimeError(
                "The database search needs SQLite's FTS5, which this Python's "
                "sqlite3 lacks; use another Python build, or PostgreSQL."
            ) from exc
        _run(schema_editor, SQLITE_CREATE[1:])
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_fulltext_index")]
    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(fields=["updated_at"], name="search_document_updated"),
        ),
    ]
