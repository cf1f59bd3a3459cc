"""Synonym sets per language (issue 20): existing sets are Indonesian; an
English set applies to English text and English queries only."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0008_english_fields")]

    operations = [
        migrations.AddField(
            model_name="synonymset",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[("id", "Indonesian"), ("en", "English")],
                default="id",
                help_text="The language of the phrases: they apply to its text only.",
                max_length=2,
                verbose_name="language",
            ),
        ),
    ]
