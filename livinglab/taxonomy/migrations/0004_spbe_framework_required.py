import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_spbe_59_2020_framework")]

    operations = [
        migrations.AlterField(
            model_name=model,
            name="framework",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name=related,
                to="taxonomy.spbeframework",
                verbose_name="framework",
            ),
        )
        for model, related in (
            ("spbedomain", "domains"),
            ("spbeaspect", "aspects"),
            ("spbeindicator", "indicators"),
        )
    ]
