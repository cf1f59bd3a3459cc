"""Move the existing SPBE rows into the PermenPANRB 59/2020 framework.

Until now domains, aspects and indicators were one global numbering; they
become the framework ``permenpanrb-59-2020`` with the regulation's weights
(indicators 1-10: 1.30 %, 11-20: 2.50 %, 21-31: 1.50 %, 32-41: 2.75 %,
42-47: 3.00 %). Indicators 43 and 44 were mislabelled (JDIH and a
Whistle-Blowing System from PermenPANRB 5/2018): they are renamed to Layanan
Data Terbuka and Layanan JDIH. The rest (criteria, texts) comes from
fixtures/spbe/permenpanrb-59-2020.json through ``load_taxonomy``.
"""

from decimal import Decimal

from django.db import migrations

CODE = "permenpanrb-59-2020"
LEVELS = [
    {"level": 1, "name": "Rintisan", "name_en": "Initial"},
    {"level": 2, "name": "Terkelola", "name_en": "Managed"},
    {"level": 3, "name": "Terdefinisi", "name_en": "Defined"},
    {"level": 4, "name": "Terpadu dan Terukur", "name_en": "Integrated and measured"},
    {"level": 5, "name": "Optimum", "name_en": "Optimised"},
]
PREDICATES = [
    {"min_index": "1.00", "name": "Kurang", "name_en": "Poor"},
    {"min_index": "1.80", "name": "Cukup", "name_en": "Fair"},
    {"min_index": "2.60", "name": "Baik", "name_en": "Good"},
    {"min_index": "3.50", "name": "Sangat Baik", "name_en": "Very good"},
    {"min_index": "4.20", "name": "Memuaskan", "name_en": "Satisfactory"},
]
# (first, last indicator, weight of each indicator, aspect number)
BANDS = [
    (1, 10, "1.30"),
    (11, 20, "2.50"),
    (21, 31, "1.50"),
    (32, 41, "2.75"),
    (42, 47, "3.00"),
]
OLD_NAMES = {
    43: ("Layanan Dokumentasi dan Informasi Hukum",),
    44: ("Layanan Whistle-Blowing System",),
}
NEW_NAMES = {
    43: ("Layanan Data Terbuka", "Open Data Services"),
    44: (
        "Layanan Jaringan Dokumentasi dan Informasi Hukum (JDIH)",
        "Legal Documentation and Information Network (JDIH) Services",
    ),
}


def weight_of(number):
    for first, last, weight in BANDS:
        if first <= number <= last:
            return Decimal(weight)
    return None


def forwards(apps, schema_editor):
    Framework = apps.get_model("taxonomy", "SpbeFramework")
    Domain = apps.get_model("taxonomy", "SpbeDomain")
    Aspect = apps.get_model("taxonomy", "SpbeAspect")
    Indicator = apps.get_model("taxonomy", "SpbeIndicator")
    framework, _created = Framework.objects.get_or_create(
        code=CODE,
        defaults={
            "name": "Evaluasi SPBE (PermenPANRB Nomor 59 Tahun 2020)",
            "name_en": "SPBE evaluation (PermenPANRB No. 59 of 2020)",
            "regulation": (
                "Peraturan Menteri PANRB Nomor 59 Tahun 2020 tentang Pemantauan "
                "dan Evaluasi Sistem Pemerintahan Berbasis Elektronik"
            ),
            "valid_from": 2019,
            "valid_to": 2025,
            "status": "active",
            "levels": LEVELS,
            "predicates": PREDICATES,
        },
    )
    Domain._default_manager.filter(framework__isnull=True).update(framework=framework)
    Aspect._default_manager.filter(framework__isnull=True).update(framework=framework)
    for indicator in Indicator._default_manager.filter(framework__isnull=True):
        indicator.framework = framework
        if indicator.weight is None:
            indicator.weight = weight_of(indicator.number)
        if indicator.number in NEW_NAMES and indicator.name in OLD_NAMES.get(
            indicator.number, ()
        ):
            indicator.name, indicator.name_en = NEW_NAMES[indicator.number]
        indicator.save()
    for aspect in Aspect._default_manager.filter(framework=framework):
        weights = [
            i.weight for i in Indicator._default_manager.filter(aspect=aspect) if i.weight
        ]
        if aspect.weight is None and weights:
            aspect.weight = sum(weights)
            aspect.save(update_fields=["weight"])


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0002_spbe_frameworks")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
