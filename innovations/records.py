"""A case study as data, written once.

Each function turns one part of an ``InnovationPage`` into plain Python
(``str``, ``int``, ``float``, ``None``, lists and dicts), and each output
chooses what it publishes from them: the API (``innovations/serializers.py``),
the JSON export that round-trips through the import
(``innovations/importer.export_innovations``) and open data
(``livinglab/opendata/tables.py``). Personal data (mentors, the contact
person) is in ``people`` only, which the API does not use.

The functions read the page's prefetched relations
(``InnovationPage.objects.with_parts()``), so a list costs a fixed number of
queries.
"""

from decimal import Decimal


def number(value):
    """A ``Decimal`` as ``int`` when whole, else ``float``; ``None`` stays."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def facts(page) -> dict:
    """What a case study is: slug, title, summary, host (code and name), OPD,
    year launched, maturity and its tags (Indonesian labels; SPBE indicator
    numbers and technologies sorted)."""
    return {
        "slug": page.slug,
        "title": page.title,
        "summary": page.summary,
        "host_region": page.host_region.code,
        "host_region_name": page.host_region.name,
        "opd": page.opd,
        "year_launched": page.year_launched,
        "maturity": page.maturity,
        "dimensions": [t.name for t in page.dimensions.all()],
        "spbe_indicators": sorted(i.number for i in page.spbe_indicators.all()),
        "spm_sectors": [t.name for t in page.spm_sectors.all()],
        "themes": [t.name for t in page.themes.all()],
        "tech": sorted(t.name for t in page.technologies.all()),
    }


def needs(page) -> dict:
    """What a replicating region needs: infrastructure, staff, regulation,
    the cost in rupiah (``int``/``float`` or None) and its funding source."""
    return {
        "needs_infrastructure": page.needs_infrastructure,
        "needs_staff": page.needs_staff,
        "needs_regulation": page.needs_regulation,
        "cost": number(page.cost),
        "funding_source": page.funding_source,
    }


def source_code(page) -> list[dict]:
    """Every source-code link with its publiccode.yml fields; ``url`` is
    None for code on request."""
    return [
        {
            "url": link.url or None,
            "license": link.license,
            "visibility": link.visibility,
            "name": link.name,
            "description_id": link.description_id,
            "description_en": link.description_en,
            "development_status": link.development_status,
            "software_version": link.software_version,
            "platforms": link.platforms,
            "maintenance_contacts": link.maintenance_contacts,
            "other_descriptions": link.other_descriptions,
            "technologies": [t.name for t in link.technologies.all()],
        }
        for link in page.source_code_links.all()
    ]


def training(page) -> list[dict]:
    """Training material: title, kind, address, language, minutes, level."""
    return [
        {
            "title": item.title,
            "kind": item.kind,
            "url": item.link,
            "language": item.language,
            "duration_minutes": item.duration_minutes,
            "level": item.level,
        }
        for item in page.training_materials.all()
    ]


def evidence(page) -> list[dict]:
    """Bukti dukung: title, address, year, indicator numbers, verification."""
    return [
        {
            "title": item.title,
            "url": item.link,
            "year": item.year,
            "indicators": sorted(i.number for i in item.indicators.all()),
            "verification_status": item.verification_status,
            "verified_at": item.verified_at,
        }
        for item in page.evidence.all()
    ]


def impact(page) -> list[dict]:
    """The host's before/after figures (numbers, ``before`` may be None)."""
    return [
        {
            "measure": figure.measure,
            "unit": figure.unit,
            "before": number(figure.before),
            "after": number(figure.after),
        }
        for figure in page.impact_figures.all()
    ]


def spbe_levels(page) -> list[dict]:
    """The levels the host states it reached, by indicator number."""
    return sorted(
        (
            {"indicator": row.indicator.number, "level": row.level, "note": row.note}
            for row in page.spbe_levels.all()
        ),
        key=lambda row: row["indicator"],
    )


def people(page) -> dict:
    """Personal data, for the export only: the contact person and mentors."""
    return {
        "contact": {
            "name": page.contact_name,
            "role": page.contact_role,
            "email": page.contact_email,
        },
        "mentors": [
            {"name": m.name, "role": m.role, "email": m.email}
            for m in page.mentors.all()
        ],
    }


def national_applications(page) -> list[dict]:
    """How the case study relates to national applications (Perpres
    82/2023): per link the application's code, name, owner, legal basis and
    address, the relation (``"integrates"`` or ``"overlaps"``) and the
    host's reason, in the host's order."""
    return [
        {
            "code": link.application.code,
            "name": link.application.name,
            "owner": link.application.owner,
            "legal_basis": link.application.legal_basis,
            "url": link.application.url or None,
            "relation": link.relation,
            "reason": link.reason,
        }
        for link in page.national_applications.all()
    ]
