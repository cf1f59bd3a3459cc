"""The act the region register follows, seeded with the current Kepmendagri."""

import datetime

from django.db import migrations, models

CURRENT_ACT = {
    "kind": "Keputusan Menteri Dalam Negeri",
    "number": "300.2.2-2138 Tahun 2025",
    "title": (
        "Pemberian dan Pemutakhiran Kode, Data Wilayah Administrasi "
        "Pemerintahan, dan Pulau"
    ),
    "issued_on": datetime.date(2025, 4, 25),
}


def seed(apps, schema_editor):
    RegisterAct = apps.get_model("regions", "RegisterAct")
    RegisterAct.objects.update_or_create(
        issued_on=CURRENT_ACT["issued_on"], defaults=CURRENT_ACT
    )


def unseed(apps, schema_editor):
    RegisterAct = apps.get_model("regions", "RegisterAct")
    RegisterAct.objects.filter(issued_on=CURRENT_ACT["issued_on"]).delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0003_spbeindicatorscore")]

    operations = [
        migrations.CreateModel(
            name="RegisterAct",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        default="Keputusan Menteri Dalam Negeri",
                        help_text="e.g. Keputusan Menteri Dalam Negeri",
                        max_length=100,
                        verbose_name="kind of act",
                    ),
                ),
                (
                    "number",
                    models.CharField(
                        help_text="e.g. 300.2.2-2138 Tahun 2025",
                        max_length=100,
                        verbose_name="number",
                    ),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "issued_on",
                    models.DateField(unique=True, verbose_name="issued on"),
                ),
                ("url", models.URLField(blank=True, verbose_name="address")),
            ],
            options={
                "verbose_name": "register act",
                "verbose_name_plural": "register acts",
                "ordering": ["-issued_on"],
            },
        ),
        migrations.RunPython(seed, unseed),
    ]
