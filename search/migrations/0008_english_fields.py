"""Search document schema 3 (issue 20, search/documents.py ``SCHEMA_VERSION``):
the text of a case study's live English translation, shown to English
readers and analysed with the English analysis (Snowball stems, English
synonyms) into columns of its own; and a full-text structure over them that
the database keeps in step by itself, as migration 0003 does for the
Indonesian columns:

* SQLite: a second FTS5 table ``search_searchdocument_fts_en`` over the nine
  English analysed columns (external content) with its three triggers.
  Adding the columns makes Django rebuild ``search_searchdocument`` on
  SQLite, which drops migration 0003's triggers: they are created again
  here (and again when this migration is reversed).
* PostgreSQL: a stored generated ``en_vector`` (title A, summary B,
  synonyms C, body and extra D) with a GIN index.

The English columns are filled by ``search_index refresh-documents`` (and on
every publish of an original or of its translation); Elasticsearch needs
``search_index rebuild`` (``search_index check`` says so until then).
"""

import importlib

from django.db import migrations, models

TABLE = "search_searchdocument"
FTS_EN = f"{TABLE}_fts_en"
EN_COLUMNS = [
    "title_en_norm",
    "title_en_stemmed",
    "summary_en_norm",
    "summary_en_stemmed",
    "body_en_norm",
    "body_en_stemmed",
    "extra_en_norm",
    "extra_en_stemmed",
    "synonyms_en",
]
_cols = ", ".join(EN_COLUMNS)
_new = ", ".join(f"new.{c}" for c in EN_COLUMNS)
_old = ", ".join(f"old.{c}" for c in EN_COLUMNS)

# constants only: table and column names of this module
SQLITE_CREATE_EN = [
    f"CREATE VIRTUAL TABLE {FTS_EN} USING fts5({_cols}, content='{TABLE}', "
    "content_rowid='page_id', tokenize=\"unicode61 remove_diacritics 0 tokenchars '-'\")",
    f"CREATE TRIGGER {FTS_EN}_insert AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS_EN}(rowid, {_cols}) VALUES (new.page_id, {_new}); END",
    f"CREATE TRIGGER {FTS_EN}_delete AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS_EN}({FTS_EN}, rowid, {_cols}) VALUES ('delete', old.page_id, {_old}); END",
    f"CREATE TRIGGER {FTS_EN}_update AFTER UPDATE OF page_id, {_cols} ON {TABLE} BEGIN "
    f"INSERT INTO {FTS_EN}({FTS_EN}, rowid, {_cols}) VALUES ('delete', old.page_id, {_old}); "
    f"INSERT INTO {FTS_EN}(rowid, {_cols}) VALUES (new.page_id, {_new}); END",
    f"INSERT INTO {FTS_EN}({FTS_EN}) VALUES ('rebuild')",
]
SQLITE_DROP_EN = [
    f"DROP TRIGGER IF EXISTS {FTS_EN}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_EN}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_EN}_update",
    f"DROP TABLE IF EXISTS {FTS_EN}",
]


def _vector(columns, weight):
    text = " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)
    return f"setweight(to_tsvector('simple'::regconfig, {text}), '{weight}')"


POSTGRES_CREATE_EN = [
    f"ALTER TABLE {TABLE} ADD COLUMN en_vector tsvector GENERATED ALWAYS AS ("
    + " || ".join(
        [
            _vector(["title_en_norm", "title_en_stemmed"], "A"),
            _vector(["summary_en_norm", "summary_en_stemmed"], "B"),
            _vector(["synonyms_en"], "C"),
            _vector(
                [
                    "body_en_norm",
                    "body_en_stemmed",
                    "extra_en_norm",
                    "extra_en_stemmed",
                ],
                "D",
            ),
        ]
    )
    + ") STORED",
    f"CREATE INDEX search_document_en_vector ON {TABLE} USING gin (en_vector)",
]
POSTGRES_DROP_EN = [
    "DROP INDEX IF EXISTS search_document_en_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS en_vector",
]


def _indonesian_fts():
    """Migration 0003's SQLite statements (its FTS5 table and triggers)."""
    return importlib.import_module("search.migrations.0003_database_fulltext")


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def _recreate_indonesian_triggers(schema_editor):
    """0003's triggers, dropped when Django rebuilt the table; then its FTS5
    table re-read from the rows."""
    fts = _indonesian_fts()
    _run(schema_editor, [s for s in fts.SQLITE_DROP if "TRIGGER" in s])
    _run(schema_editor, fts.SQLITE_CREATE[1:])


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _recreate_indonesian_triggers(schema_editor)
        _run(schema_editor, SQLITE_CREATE_EN)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE_EN)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP_EN)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP_EN)


def backwards_last(apps, schema_editor):
    """Reversing: the columns' removal rebuilt the SQLite table again."""
    if schema_editor.connection.vendor == "sqlite":
        _recreate_indonesian_triggers(schema_editor)


TEXT_FIELDS = {
    "summary_en": "English summary",
    "body_text_en": "English body text",
    "extra_text_en": "English other text",
    "title_en_norm": "English title, normalised",
    "title_en_stemmed": "English title, stemmed",
    "summary_en_norm": "English summary, normalised",
    "summary_en_stemmed": "English summary, stemmed",
    "body_en_norm": "English body, normalised",
    "body_en_stemmed": "English body, stemmed",
    "extra_en_norm": "English other text, normalised",
    "extra_en_stemmed": "English other text, stemmed",
    "synonyms_en": "English synonyms",
}


class Migration(migrations.Migration):
    dependencies = [("search", "0007_document_stopped_on")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, backwards_last),
        migrations.AddField(
            model_name="searchdocument",
            name="title_en",
            field=models.CharField(
                blank=True, max_length=255, verbose_name="English title"
            ),
        ),
        *[
            migrations.AddField(
                model_name="searchdocument",
                name=name,
                field=models.TextField(blank=True, verbose_name=label),
            )
            for name, label in TEXT_FIELDS.items()
        ],
        migrations.RunPython(forwards, backwards),
    ]
