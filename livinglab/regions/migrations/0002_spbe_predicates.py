"""Seed the index -> predicate table of PermenPANRB 59/2020 (editable later)."""

from decimal import Decimal

from django.db import migrations

PREDICATES = [
    (Decimal("0.00"), "Kurang", "Poor"),
    (Decimal("1.80"), "Cukup", "Fair"),
    (Decimal("2.60"), "Baik", "Good"),
    (Decimal("3.50"), "Sangat Baik", "Very good"),
    (Decimal("4.20"), "Memuaskan", "Excellent"),
]


def seed(apps, schema_editor):
    SpbePredicate = apps.get_model("regions", "SpbePredicate")
    for min_index, name, name_en in PREDICATES:
        SpbePredicate.objects.update_or_create(
            min_index=min_index, defaults={"name": name, "name_en": name_en}
        )


def unseed(apps, schema_editor):
    SpbePredicate = apps.get_model("regions", "SpbePredicate")
    SpbePredicate.objects.filter(min_index__in=[p[0] for p in PREDICATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
