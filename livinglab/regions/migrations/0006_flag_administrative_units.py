"""Flag DKI Jakarta's six administrative units and make the host's cohort
its own.

31.01 (Kabupaten Administrasi Kepulauan Seribu) and 31.71-31.75 (the Kota
Administrasi) are not autonomous: no SPBE evaluation or PKS of their own.
The list is data (fixtures/administrative_units.csv, applied again by
``load_regions``); this migration sets the flag on existing rows. The host
(a participation with ``is_host`` in the top-SPBE cohort for Kabupaten
Sumedang, 32.11) moves to the ``host`` cohort, apart from the 62. The
lowest predicate band starts at 1.00, the lowest index.
"""

from decimal import Decimal

from django.db import migrations

ADMINISTRATIVE = ["31.01", "31.71", "31.72", "31.73", "31.74", "31.75"]


def forwards(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    Participation = apps.get_model("regions", "Participation")
    Region.objects.filter(code__in=ADMINISTRATIVE).update(is_administrative=True)
    Participation.objects.filter(region__code="32.11").update(cohort="host")
    # The lowest predicate band starts at the lowest possible index, 1.00.
    SpbePredicate = apps.get_model("regions", "SpbePredicate")
    if not SpbePredicate.objects.filter(min_index=Decimal("1.00")).exists():
        SpbePredicate.objects.filter(min_index=Decimal("0.00")).update(
            min_index=Decimal("1.00")
        )


def backwards(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    Participation = apps.get_model("regions", "Participation")
    Region.objects.update(is_administrative=False)
    Participation.objects.filter(cohort="host").update(cohort="top_spbe")


class Migration(migrations.Migration):
    dependencies = [("regions", "0005_spbe_frameworks_and_administrative_units")]

    operations = [migrations.RunPython(forwards, backwards)]
