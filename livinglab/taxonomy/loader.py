"""Load fixtures/taxonomy.json: adds what is missing, keeps admins' edits.

Terms are matched by their Indonesian name; an existing term is left as the
admin last saved it, so running the loader again (``make run`` does) never
undoes an edit. SPBE frameworks are files of their own (fixtures/spbe/*.json,
``load_frameworks``), loaded all or nothing by ``frameworks.load_framework``.
"""

import json
from pathlib import Path

from django.db import transaction

from .frameworks import FrameworkError, load_framework
from .models import SmartCityDimension, SpmSector, Theme

FLAT = {
    "smart_city_dimensions": SmartCityDimension,
    "spm_sectors": SpmSector,
    "themes": Theme,
}


def framework_files(directory):
    """The framework files in ``directory``, active and retired ones first so
    a draft's crosswalk finds the indicators it links to."""
    files = sorted(Path(directory).glob("*.json"))
    drafts = [f for f in files if '"status": "draft"' in f.read_text("utf-8")]
    return [f for f in files if f not in drafts] + drafts


@transaction.atomic
def load_frameworks(directory):
    """Load every framework file of ``directory``; returns rows created.
    Raises ``FrameworkError`` naming the file and the bad place."""
    created = 0
    for path in framework_files(directory):
        try:
            created += load_framework(path)
        except FrameworkError as error:
            raise FrameworkError(
                [f"{path.name}: {p}" for p in error.problems]
            ) from None
    return created


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
    return created
