"""publiccode.yml (the public-sector software catalogue standard) in and out.

In: ``read`` turns an uploaded file into the fields of a ``SourceCodeLink``
plus notices; ``parse`` returns only the fields. The file is read with
``publiccode_yaml.load``: at most ``MAX_BYTES``, no anchors/aliases/tags,
at most 20 levels deep, every scalar kept as written (``1.10`` stays
``"1.10"``). Versions 0.2 to 0.7 of the standard are read. What we cannot use
is reported as a notice, never silently dropped: unknown keys, a version we do
not know, descriptions in languages other than Indonesian and English (kept
in ``other_descriptions`` and exported again, but not shown), malformed dates
and YAML 1.1 booleans. Errors (the file is refused, nothing
changes): not YAML/UTF-8, a refused YAML construct, no ``name``, no or an
invalid ``legal.license`` (``validators.normalize_spdx``), an http:// ``url``,
an unknown ``developmentStatus``.

Out: ``export(link)`` builds the document and the list of *gaps* (what the
host should complete); ``render(link)`` writes it, gaps as comments at the
top. Every exported file meets the 0.4 rules (``publiccode_standard.problems``
returns nothing for it); where the case study lacks something the standard
requires, the file says it with a documented fallback and the gap is listed
(docs/DATA_FORMATS.md, "publiccode.yml"):

* ``categories`` from ``fixtures/publiccode_categories.json`` (our taxonomy ->
  the standard's list), its ``default`` when no tag maps;
* ``description.id``: the entry's Indonesian description, else the case
  study's summary; completed with a paragraph of case-study facts (host, OPD,
  year, maturity, page address) when under 150 characters; ``features`` are
  its lines starting with "- ", else the sentences of the case study's
  "solution", else the SPBE indicators it supports; they are appended to
  ``longDescription`` as a list so that import -> export gives the same file;
* ``maintenance``: ``internal`` with the entry's maintenance contacts (names
  and affiliations; e-mail addresses are never published), else ``none``;
* ``url``: the repository; for code available on request, the case study's
  page on this platform (where a region asks for the code). On import a
  ``url`` on this platform's own host reads back as "on request".

``usedBy`` is written from the adoption records: the host region first, then
every region whose adoption reached implementation or institutionalisation
(``livinglab.adoptions.models.IMPLEMENTED``, through the Wagtail hook
``innovation_implementing_regions``). On import ``usedBy`` (and ``categories``) is ignored: who
uses an innovation is the adoption pipeline's to say, and categories follow
from the case study's tags.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

import yaml

from livinglab.base.html import clean_text

from . import publiccode_standard as standard
from . import publiccode_yaml
from .publiccode_export import Export, export, render, used_by
from .validators import normalize_spdx, validate_https

__all__ = [
    "MAX_BYTES",
    "Export",
    "Reading",
    "export",
    "kept_entry",
    "own_hosts",
    "parse",
    "read",
    "render",
    "used_by",
]

MAX_BYTES = 100 * 1024
STATUSES = set(standard.DEVELOPMENT_STATUSES)
SHOWN_LANGUAGES = {"id": "id", "in": "id", "ind": "id", "en": "en", "eng": "en"}


# --- in ---------------------------------------------------------------------


@dataclass
class Reading:
    """What an uploaded publiccode.yml gives: ``fields`` for a SourceCodeLink
    and ``notices`` (translated strings) about what was not used."""

    fields: dict
    notices: list = field(default_factory=list)


def _load(data):
    if len(data) > MAX_BYTES:
        raise ValidationError(_("publiccode.yml is larger than 100 KB."))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(_("publiccode.yml must be UTF-8 text.")) from None
    try:
        return publiccode_yaml.load(text)
    except publiccode_yaml.Refused as exc:
        messages = {
            "alias": _(
                "publiccode.yml uses a YAML anchor or alias (& or *) at line "
                "%(line)s; they are not accepted: write each value out in full."
            ),
            "tag": _(
                "publiccode.yml uses a YAML tag (“%(detail)s”) at line %(line)s; "
                "tags are not accepted: write the value plainly."
            ),
            "depth": _(
                "publiccode.yml is nested more than %(detail)s levels deep "
                "(line %(line)s)."
            ),
            "duplicate": _(
                "publiccode.yml has the key “%(detail)s” twice (line %(line)s)."
            ),
        }
        raise ValidationError(
            messages[exc.reason] % {"line": exc.line, "detail": exc.detail[:60]}
        ) from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _(" (line %(line)s)") % {"line": mark.line + 1} if mark else ""
        raise ValidationError(
            _("publiccode.yml is not valid YAML%(where)s.") % {"where": where}
        ) from None


def own_hosts(extra=()):
    """Host names of this platform (lowercase): ``WAGTAILADMIN_BASE_URL``'s,
    the concrete ``ALLOWED_HOSTS`` and ``extra`` (e.g. the Sites' hostnames)."""
    base = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").hostname
    allowed = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h]
    return {h.lower().lstrip(".") for h in (base, *allowed, *extra) if h}


def _unknown_keys(doc):
    notices = []

    def report(path, key):
        notices.append(
            _("Unknown key “%(key)s” (not in publiccode.yml 0.2-0.7): ignored.")
            % {"key": f"{path}{key}"[:80]}
        )

    for key in doc:
        if key in standard.KNOWN_KEYS[""]:
            continue
        if isinstance(key, str) and standard.COUNTRY_SECTION.match(key):
            notices.append(
                _("The country section “%(key)s” is not used here: ignored.")
                % {"key": key}
            )
            continue
        report("", key)
    for section in ("legal", "maintenance", "localisation", "intendedAudience"):
        value = doc.get(section)
        if isinstance(value, dict):
            for key in value:
                if key not in standard.KNOWN_KEYS[section]:
                    report(f"{section}.", key)
    description = doc.get("description")
    if isinstance(description, dict):
        for lang, entry in description.items():
            if isinstance(entry, dict):
                for key in entry:
                    if key not in standard.KNOWN_KEYS["description"]:
                        report(f"description.{lang}.", key)
    return notices


def kept_entry(entry):
    """An other-language description as we keep it: the standard's text keys,
    as plain text; None when nothing usable is left."""
    kept = {}
    for key in ("localisedName", "shortDescription"):
        if isinstance(entry.get(key), str) and entry[key].strip():
            kept[key] = clean_text(standard.one_line(entry[key], 300))
    if isinstance(entry.get("longDescription"), str):
        text = clean_text(standard.multiline(entry["longDescription"]))
        if text:
            kept["longDescription"] = text
    features = entry.get("features")
    if isinstance(features, list):
        items = [
            clean_text(standard.one_line(f, 300))
            for f in features
            if isinstance(f, str)
        ]
        if [f for f in items if f]:
            kept["features"] = [f for f in items if f]
    return kept or None


def _descriptions(doc, notices):
    """({"id": text, "en": text}, {other language: entry}) from ``description``.

    Indonesian and English (``id``, ``in``, ``en`` and their regional tags)
    become the entry's two descriptions, with ``features`` appended as
    "- " lines; any other language (or a second Indonesian/English variant)
    is kept as it is in ``other_descriptions``, reported, and exported again.
    """
    description = doc.get("description")
    if description is not None and not isinstance(description, dict):
        notices.append(_("“description” is not a mapping: ignored."))
        return {}, {}
    found, others = {}, {}
    for lang, entry in (description or {}).items():
        lang = str(lang)[:35]
        if not isinstance(entry, dict):
            notices.append(
                _("description.%(lang)s is not a mapping: ignored.")
                % {"lang": lang[:20]}
            )
            continue
        ours = SHOWN_LANGUAGES.get(lang.split("-")[0].lower())
        if ours is None or ours in found:
            kept = kept_entry(entry)
            if kept and standard.LANGUAGE_TAG.match(lang):
                others[lang] = kept
                notices.append(
                    _(
                        "The description in “%(lang)s” is kept and exported "
                        "again, but this platform shows only Indonesian and "
                        "English."
                    )
                    % {"lang": lang[:20]}
                )
            else:
                notices.append(
                    _("description.%(lang)s has no usable text: ignored.")
                    % {"lang": lang[:20]}
                )
            continue
        text = standard.multiline(entry.get("longDescription")) or standard.multiline(
            entry.get("shortDescription")
        )
        features = entry.get("features")
        if isinstance(features, list):
            items = [standard.one_line(f, 300) for f in features if isinstance(f, str)]
            missing = [f for f in items if f and f not in standard.bullets(text)]
            if missing:
                text = "\n\n".join(
                    p for p in (text, "\n".join(f"- {f}" for f in missing)) if p
                )
        found[ours] = clean_text(text)[: standard.LONG_DESCRIPTION_MAX]
    return found, others


def _typed_notices(doc):
    notices = []
    version = doc.get("publiccodeYmlVersion")
    if version is None:
        notices.append(_("“publiccodeYmlVersion” is missing; read as 0.4."))
    elif str(version) not in standard.READ_VERSIONS:
        notices.append(
            _("publiccode.yml version “%(v)s” is not one we know (0.2-0.7).")
            % {"v": str(version)[:20]}
        )
    release = doc.get("releaseDate")
    if release is not None and not (
        isinstance(release, str) and standard.DATE.match(release)
    ):
        notices.append(
            _("“releaseDate” must be written YYYY-MM-DD; “%(v)s” was ignored.")
            % {"v": str(release)[:30]}
        )
    localisation = doc.get("localisation")
    ready = (
        localisation.get("localisationReady")
        if isinstance(localisation, dict)
        else None
    )
    if ready is not None:
        try:
            _value, legacy = standard.to_bool(ready)
            if legacy:
                notices.append(
                    _(
                        "“localisation.localisationReady: %(v)s” is a YAML 1.1 "
                        "boolean; write true or false."
                    )
                    % {"v": ready}
                )
        except ValueError:
            notices.append(_("“localisation.localisationReady” must be true or false."))
    return notices


def read(data: bytes, hosts=None) -> Reading:
    """Fields and notices from publiccode.yml bytes, or ValidationError (a list
    of translated messages; nothing is changed). ``hosts``: this platform's
    host names (default ``own_hosts()``); a ``url`` there means "on request"."""
    doc = _load(data)
    if not isinstance(doc, dict):
        raise ValidationError(_("publiccode.yml must be a mapping of keys to values."))
    errors, notices = [], []
    name = (
        clean_text(standard.one_line(doc.get("name"), 150))
        if isinstance(doc.get("name"), str)
        else ""
    )
    if not name:
        errors.append(_("“name” is missing."))
    legal = doc.get("legal") if isinstance(doc.get("legal"), dict) else {}
    raw_license = legal.get("license")
    license_ = ""
    if isinstance(raw_license, str) and raw_license.strip():
        try:
            license_ = normalize_spdx(raw_license)
        except ValidationError as exc:
            errors.extend(exc.messages)
    else:
        errors.append(_("“legal.license” is missing."))
    url = (
        standard.one_line(doc.get("url"), 1000)
        if isinstance(doc.get("url"), str)
        else ""
    )
    visibility = "public"
    try:
        url_host = (urlsplit(url).hostname or "").lower() if url else ""
    except ValueError:  # "https://[x": the URL check below names the problem
        url_host = ""
    if url and url_host in (own_hosts() if hosts is None else hosts):
        notices.append(
            _(
                "“url” points to this platform, not to a repository: the code "
                "is recorded as available on request."
            )
        )
        url, visibility = "", "on_request"
    elif url:
        try:
            validate_https(url)
        except ValidationError as exc:
            errors.extend(exc.messages)
    else:
        visibility = "on_request"
    status = doc.get("developmentStatus")
    status = status.strip().lower() if isinstance(status, str) else ""
    if status and status not in STATUSES:
        errors.append(
            _("“developmentStatus” must be one of %(s)s.")
            % {"s": ", ".join(standard.DEVELOPMENT_STATUSES)}
        )
    platforms = doc.get("platforms") or []
    if isinstance(platforms, str):
        platforms = [platforms]
    platforms = ", ".join(
        standard.one_line(p, 200)
        for p in (platforms if isinstance(platforms, list) else [])
        if isinstance(p, str) and p.strip()
    )
    maintenance = (
        doc.get("maintenance") if isinstance(doc.get("maintenance"), dict) else {}
    )
    contacts = (
        maintenance.get("contacts")
        if isinstance(maintenance.get("contacts"), list)
        else []
    )
    contacts = "\n".join(
        ", ".join(
            clean_text(standard.one_line(c.get(k), 300))
            for k in ("name", "email", "affiliation")
            if isinstance(c.get(k), str) and c.get(k).strip()
        )
        for c in contacts
        if isinstance(c, dict) and isinstance(c.get("name"), str) and c["name"].strip()
    )
    version = doc.get("softwareVersion")
    version = standard.one_line(version, 1000) if isinstance(version, str) else ""
    # What does not fit the entry's fields is refused, never cut silently.
    for key, value, limit in (
        ("name", standard.one_line(doc.get("name"), 1000), 150),
        ("url", url, 200),
        ("softwareVersion", version, 50),
        ("platforms", platforms, 200),
        ("maintenance.contacts", contacts, 2000),
    ):
        if len(value) > limit:
            errors.append(
                _("“%(key)s” is longer than %(n)s characters.")
                % {"key": key, "n": limit}
            )
    if errors:
        raise ValidationError(errors)
    notices.extend(_unknown_keys(doc))
    notices.extend(_typed_notices(doc))
    descriptions, others = _descriptions(doc, notices)
    return Reading(
        fields={
            "name": name,
            "url": url,
            "license": license_,
            "visibility": visibility,
            "description_id": descriptions.get("id", ""),
            "description_en": descriptions.get("en", ""),
            "other_descriptions": others,
            "development_status": status,
            "software_version": version,
            "platforms": platforms,
            "maintenance_contacts": contacts,
        },
        notices=notices,
    )


def parse(data: bytes) -> dict:
    """Fields for a SourceCodeLink from publiccode.yml bytes, or ValidationError."""
    return read(data).fields
