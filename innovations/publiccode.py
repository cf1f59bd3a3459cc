"""publiccode.yml (the public-sector software catalogue standard) in and out.

``parse`` turns an uploaded file into the fields of a ``SourceCodeLink`` with
messages a host can act on; ``render`` writes one for a source-code entry so
catalogues elsewhere can list it. Only ``yaml.safe_load`` is used, on input
capped at ``MAX_BYTES``.

``usedBy`` is written from the adoption records: the host region first, then
every region whose adoption reached implementation or institutionalisation
(``IMPLEMENTED``). Interest, study visits and pilots do not count as use. On
import ``usedBy`` is informational and ignored: who uses an innovation is the
adoption pipeline's to say, not an uploaded file's.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

import yaml

from livinglab.adoptions.models import Stage

from .validators import normalize_spdx, validate_https

MAX_BYTES = 100 * 1024
STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
IMPLEMENTED = (Stage.IMPLEMENTATION, Stage.INSTITUTIONALISED)


def _text(value, limit):
    return " ".join(str(value).split())[:limit] if value is not None else ""


def parse(data: bytes) -> dict:
    """Fields for a SourceCodeLink from publiccode.yml bytes, or ValidationError."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("publiccode.yml is larger than 100 KB."))
    try:
        doc = yaml.safe_load(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValidationError(_("publiccode.yml must be UTF-8 text.")) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _(" (line %(line)s)") % {"line": mark.line + 1} if mark else ""
        raise ValidationError(
            _("publiccode.yml is not valid YAML%(where)s.") % {"where": where}
        ) from None
    if not isinstance(doc, dict):
        raise ValidationError(_("publiccode.yml must be a mapping of keys to values."))
    errors = []
    name = _text(doc.get("name"), 150)
    if not name:
        errors.append(_("“name” is missing."))
    legal = doc.get("legal") if isinstance(doc.get("legal"), dict) else {}
    try:
        license_ = normalize_spdx(str(legal.get("license") or ""))
    except ValidationError as exc:
        errors.extend(exc.messages)
        license_ = ""
    if not license_ and not any("SPDX" in str(e) for e in errors):
        errors.append(_("“legal.license” is missing."))
    url = _text(doc.get("url"), 200)
    if url:
        try:
            validate_https(url)
        except ValidationError as exc:
            errors.extend(exc.messages)
    status = _text(doc.get("developmentStatus"), 20).lower()
    if status and status not in STATUSES:
        errors.append(
            _("“developmentStatus” must be one of %(s)s.")
            % {"s": ", ".join(sorted(STATUSES))}
        )
    if errors:
        raise ValidationError(errors)
    description = (
        doc.get("description") if isinstance(doc.get("description"), dict) else {}
    )

    def describe(lang):
        entry = description.get(lang)
        if not isinstance(entry, dict):
            return ""
        return _text(
            entry.get("longDescription") or entry.get("shortDescription"), 4000
        )

    platforms = doc.get("platforms") or []
    maintenance = (
        doc.get("maintenance") if isinstance(doc.get("maintenance"), dict) else {}
    )
    contacts = (
        maintenance.get("contacts")
        if isinstance(maintenance.get("contacts"), list)
        else []
    )
    return {
        "name": name,
        "url": url,
        "license": license_,
        "visibility": "public" if url else "on_request",
        "description_id": describe("id") or describe("ind"),
        "description_en": describe("en") or describe("eng"),
        "development_status": status,
        "software_version": _text(doc.get("softwareVersion"), 50),
        "platforms": ", ".join(_text(p, 30) for p in platforms if p)[:200]
        if isinstance(platforms, list)
        else "",
        "maintenance_contacts": "\n".join(
            ", ".join(
                _text(c.get(k), 120)
                for k in ("name", "email", "affiliation")
                if c.get(k)
            )
            for c in contacts
            if isinstance(c, dict)
        )[:2000],
    }


def used_by(page) -> list[str]:
    """Names of the regions using the innovation: the host, then the regions
    whose adoption is live (implemented or institutionalised), by name."""
    host = page.host_region.name
    adopters = (
        page.adoptions.filter(stage__in=IMPLEMENTED)
        .exclude(region_id=page.host_region_id)
        .order_by("region__name")
        .values_list("region__name", flat=True)
    )
    return [host, *(name for name in dict.fromkeys(adopters) if name != host)]


def render(link) -> str:
    """A publiccode.yml (v0.4) for one source-code entry of a case study."""
    page = link.page
    description = {}
    for lang, text in (
        ("id", link.description_id or page.summary),
        ("en", link.description_en),
    ):
        if text:
            description[lang] = {
                "shortDescription": text[:150],
                "longDescription": text,
            }
    doc = {
        "publiccodeYmlVersion": "0.4",
        "name": link.name or page.title,
        "url": link.url or None,
        "landingURL": page.full_url,
        "softwareVersion": link.software_version or None,
        "platforms": [p.strip() for p in link.platforms.split(",") if p.strip()]
        or ["web"],
        "developmentStatus": link.development_status or "stable",
        "softwareType": "standalone/web",
        "categories": [],
        "description": description,
        "legal": {"license": link.license},
        "maintenance": {
            "type": "internal",
            "contacts": [
                {"name": line.split(",")[0].strip()}
                for line in link.maintenance_contacts.splitlines()
                if line.strip()
            ],
        },
        "localisation": {
            "localisationReady": False,
            "availableLanguages": list(description) or ["id"],
        },
        "usedBy": used_by(page),
    }
    doc = {k: v for k, v in doc.items() if v is not None}
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
