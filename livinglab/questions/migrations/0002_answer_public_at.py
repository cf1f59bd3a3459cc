"""When an answer was published as FAQ (the date of its Atom feed entry);
answers already public take their creation time."""

from django.db import migrations, models
from django.db.models import F


def forwards(apps, schema_editor):
    Answer = apps.get_model("questions", "Answer")
    Answer.objects.filter(public=True, public_at__isnull=True).update(
        public_at=F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [("questions", "0001_questions_and_answers")]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="public_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="published as FAQ at"
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
