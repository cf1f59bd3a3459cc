"""Search document schema 2 (search/documents.py ``SCHEMA_VERSION``): the
date the host stopped a case study ("Dihentikan"), so result cards mark it
on both backends. Copied here from the case studies for the database
fallback; Elasticsearch needs ``search_index rebuild`` (its mapping gains the
field; ``search_index check`` fails until then), and the public FAQ text
(also schema 2) needs ``search_index refresh-documents`` first.

A nullable column without a default: SQLite adds it with ALTER TABLE, so the
FTS5 triggers of migration 0003 stay.
"""

from django.db import migrations, models


def copy_stopped_on(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    InnovationPage = apps.get_model("innovations", "InnovationPage")
    stopped = InnovationPage.objects.filter(stopped_on__isnull=False).values_list(
        "pk", "stopped_on"
    )
    for page_id, stopped_on in stopped:
        SearchDocument.objects.filter(page_id=page_id).update(stopped_on=stopped_on)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_fallback_candidates_and_clicks"),
        ("innovations", "0005_stopped"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="stopped_on",
            field=models.DateField(blank=True, null=True, verbose_name="stopped on"),
        ),
        migrations.RunPython(copy_stopped_on, migrations.RunPython.noop),
    ]
