"""Load fixtures/taxonomy.json: adds what is missing, keeps admins' edits.

Terms are matched by their Indonesian name (SPBE parts by number); an
existing term is left as the admin last saved it, so running the loader again
(``make run`` does) never undoes an edit.
"""

import json

from django.db import transaction

from .models import (
    SmartCityDimension,
    SpbeAspect,
    SpbeDomain,
    SpbeIndicator,
    SpmSector,
    Theme,
)

FLAT = {
    "smart_city_dimensions": SmartCityDimension,
    "spm_sectors": SpmSector,
    "themes": Theme,
}


@transaction.atomic
def load_taxonomy(path):
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    created = 0
    for key, model in FLAT.items():
        for order, row in enumerate(data.get(key, [])):
            if not model.objects.filter(name__iexact=row["name"]).exists():
                model.objects.create(
                    name=row["name"], name_en=row.get("name_en", ""), sort_order=order
                )
                created += 1
    for domain_row in data.get("spbe", []):
        domain, new = SpbeDomain.objects.get_or_create(
            number=domain_row["number"],
            defaults={
                "name": domain_row["name"],
                "name_en": domain_row.get("name_en", ""),
                "weight": domain_row.get("weight"),
            },
        )
        created += new
        for aspect_row in domain_row["aspects"]:
            aspect, new = SpbeAspect.objects.get_or_create(
                number=aspect_row["number"],
                defaults={
                    "name": aspect_row["name"],
                    "name_en": aspect_row.get("name_en", ""),
                    "domain": domain,
                },
            )
            created += new
            for row in aspect_row["indicators"]:
                _indicator, new = SpbeIndicator.objects.get_or_create(
                    number=row["number"],
                    defaults={
                        "name": row["name"],
                        "name_en": row.get("name_en", ""),
                        "aspect": aspect,
                    },
                )
                created += new
    return created
