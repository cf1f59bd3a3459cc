"""publiccode.yml out: the document and the gaps for one source-code entry.

The rules and fallbacks are described in ``innovations.publiccode`` (the
module callers use; it re-exports ``export``, ``render`` and ``used_by``) and
in docs/DATA_FORMATS.md, "publiccode.yml".
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import override

from wagtail import hooks

import yaml

from livinglab.base.translation import live_translations

from . import publiccode_standard as standard
from .validators import normalize_spdx

# Regions running the innovation are the adoption tracking's to say: it
# registers a function ``(page) -> [region names]`` under this Wagtail hook.
IMPLEMENTING_REGIONS_HOOK = "innovation_implementing_regions"
STATUS_FROM_MATURITY = {
    "idea": "concept",
    "pilot": "beta",
    "operational": "stable",
    "institutionalised": "stable",
}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
#: The longest feature the import keeps whole (``publiccode.kept_entry``).
FEATURE_MAX = 300


def used_by(page) -> list[str]:
    """Names of the regions using the innovation: the host, then the regions
    whose adoption is live (implemented or institutionalised), by name."""
    host = page.host_region.name
    adopters = [
        name for fn in hooks.get_hooks(IMPLEMENTING_REGIONS_HOOK) for name in fn(page)
    ]
    return [host, *(name for name in dict.fromkeys(adopters) if name != host)]


@dataclass
class Export:
    """A publiccode.yml document (plain dict) and the gaps the host should
    complete (translated strings; empty when the case study has everything)."""

    doc: dict
    gaps: list = field(default_factory=list)


def _first_paragraph(text):
    return " ".join(text.split("\n\n")[0].split())


def _shorten(text, limit=standard.SHORT_DESCRIPTION_MAX):
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _page_url(page):
    url = page.get_full_url()
    if url:
        return url
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    return f"{base}{page.get_url() or '/'}"


def _categories(page):
    mapping = standard.category_mapping()
    valid = standard.categories()
    found = []
    for number in page.spbe_indicators.values_list("number", flat=True):
        found += mapping["spbe_indicators"].get(str(number), [])
    for key, relation in (
        ("spm_sectors", page.spm_sectors),
        ("themes", page.themes),
        ("dimensions", page.dimensions),
    ):
        for name in relation.values_list("name", flat=True):
            found += mapping[key].get(name, [])
    tech = {k.lower(): v for k, v in mapping["technologies"].items()}
    for name in page.technologies.values_list("name", flat=True):
        found += tech.get(name.lower(), [])
    return sorted({c for c in found if c in valid})


def _context(page, url, lang, title=None):
    with override(lang):
        return _(
            "%(title)s is a public-service innovation of %(host)s (%(opd)s), "
            "launched in %(year)s, maturity: %(maturity)s. The case study, "
            "training material and how to replicate it: %(url)s"
        ) % {
            "title": title or page.title,
            "host": page.host_region.name,
            "opd": page.opd,
            "year": page.year_launched,
            "maturity": str(page.get_maturity_display()).lower(),
            "url": url,
        }


def _indicator_features(page, lang):
    with override(lang):
        return [
            _("Supports SPBE indicator %(n)s: %(name)s")
            % {"n": i.number, "name": i.name if lang == "id" else i.name_en or i.name}
            for i in page.spbe_indicators.order_by("number")
        ]


def _describe(page, own, url, lang, gaps, text=None):
    """(shortDescription, longDescription, features) for one language.

    ``own``: the source-code entry's description in ``lang``; ``text``: the
    page whose title, summary and solution are in ``lang`` (the original for
    ``id``, the live English translation for ``en``; None when there is
    none), used where ``own`` is empty."""
    if text is None and lang == "id":
        text = page
    body = own or (standard.multiline(text.summary) if text is not None else "")
    features = standard.bullets(body)
    if not features and text is not None:
        features = [
            s for s in SENTENCE_END.split(standard.multiline(text.solution)) if s
        ]
        # cut as the import cuts a feature, so export -> import -> export
        # gives the same file
        features = [_shorten(s, FEATURE_MAX) for s in features if s.strip()]
    if not features and lang == "id":
        features = _indicator_features(page, lang)
        gaps.append(
            _(
                "No features are listed: the SPBE indicators were used. Write "
                "the features as lines starting with “- ” in the description."
            )
        )
    if not features and text is not None:
        features = [text.title]
    if len(body) < standard.LONG_DESCRIPTION_MIN:
        title = text.title if text is not None else None
        body = "\n\n".join(p for p in (body, _context(page, url, lang, title)) if p)
        gaps.append(
            _(
                "The %(lang)s description is shorter than 150 characters; a "
                "paragraph of case-study facts completes it."
            )
            % {"lang": _("Indonesian") if lang == "id" else _("English")}
        )
    listed = ""
    if features and not standard.bullets(body):
        listed = "\n\n" + "\n".join(f"- {f}" for f in features)
    room = standard.LONG_DESCRIPTION_MAX - len(listed)
    if len(body) > room:
        body = body[: room - 1].rsplit(" ", 1)[0] + "…"
        gaps.append(_("The description was cut to 10,000 characters."))
    body += listed
    short = _shorten(_first_paragraph(own or body))
    return short, body, features


def _other_entry(kept):
    """A kept other-language description, within the standard's rules
    (a long description outside 150-10,000 characters is left out)."""
    if not isinstance(kept, dict):
        return None
    short = kept.get("shortDescription") or _first_paragraph(
        kept.get("longDescription") or ""
    )
    if not short:
        return None
    entry = {k: kept[k] for k in ("localisedName",) if kept.get(k)}
    entry["shortDescription"] = _shorten(short)
    long = kept.get("longDescription") or ""
    if standard.LONG_DESCRIPTION_MIN <= len(long) <= standard.LONG_DESCRIPTION_MAX:
        entry["longDescription"] = long
    if kept.get("features"):
        entry["features"] = list(kept["features"])
    return entry


def _contacts(link):
    contacts = []
    for line in link.maintenance_contacts.splitlines():
        parts = [p.strip() for p in line.split(",") if p.strip()]
        if not parts:
            continue
        contact = {"name": parts[0]}
        affiliation = ", ".join(p for p in parts[1:] if "@" not in p)
        if affiliation:
            contact["affiliation"] = affiliation
        contacts.append(contact)
    return contacts


def english_translation(page):
    """The live English translation of ``page`` (an original), or None:
    what ``description.en`` says when the entry has no English description
    of its own (issue 20; drafts never). One query."""
    return live_translations([page], "en").get(page.translation_key)


def export(link) -> Export:
    """The publiccode.yml 0.4 document for one source-code entry, with gaps."""
    page = link.page
    gaps = []
    page_url = _page_url(page)
    if link.url:
        url = link.url
    else:
        url = page_url
        gaps.append(
            _(
                "The code is available on request: “url” points to the case "
                "study's page, where regions ask for it, not to a repository."
            )
        )
    description = {}
    own_id = standard.multiline(link.description_id)
    if not own_id:
        gaps.append(
            _(
                "The source-code entry has no Indonesian description: the case "
                "study's summary was used."
            )
        )
    english = english_translation(page)
    for lang, own in (("id", own_id), ("en", standard.multiline(link.description_en))):
        text = english if lang == "en" else None
        if lang == "en" and not own and text is None:
            continue
        short, long, features = _describe(page, own, page_url, lang, gaps, text)
        entry = {"shortDescription": short, "longDescription": long}
        if text is not None and text.title:
            entry = {"localisedName": text.title, **entry}
        if features:
            entry["features"] = features
        description[lang] = entry
    for lang, kept in sorted((link.other_descriptions or {}).items()):
        entry = _other_entry(kept)
        if entry and standard.LANGUAGE_TAG.match(lang) and lang not in description:
            description[lang] = entry
        else:
            gaps.append(
                _(
                    "The description in “%(lang)s” lacks a short description "
                    "(at most 150 characters) and is left out."
                )
                % {"lang": lang[:20]}
            )
    categories = _categories(page)
    if not categories:
        categories = list(standard.category_mapping()["default"])
        gaps.append(
            _(
                "No tag of the case study maps to a publiccode.yml category: "
                "“%(c)s” was used. Tag the SPBE indicators it supports."
            )
            % {"c": ", ".join(categories)}
        )
    platforms = [p.strip() for p in link.platforms.split(",") if p.strip()]
    if not platforms:
        platforms = ["web"]
        gaps.append(_("No platform is given: “web” was assumed."))
    if "web" in platforms:
        software_type = "standalone/web"
    elif {"android", "ios"} & set(platforms):
        software_type = "standalone/mobile"
    else:
        software_type = "standalone/other"
    contacts = _contacts(link)
    if contacts:
        maintenance = {"type": "internal", "contacts": contacts}
    else:
        maintenance = {"type": "none"}
        gaps.append(
            _(
                "No maintenance contact (a person) is given, so the file says "
                "maintenance “none”. Add the maintainers to the source-code entry."
            )
        )
    doc = {
        "publiccodeYmlVersion": standard.WRITTEN_VERSION,
        "name": link.name or page.title,
        "url": url,
        "landingURL": page_url,
        "softwareVersion": link.software_version or None,
        "platforms": platforms,
        "categories": categories,
        "usedBy": used_by(page),
        "developmentStatus": link.development_status
        or STATUS_FROM_MATURITY.get(page.maturity, "development"),
        "softwareType": software_type,
        "description": description,
        "legal": {"license": link.license},
        "maintenance": maintenance,
        "localisation": {"localisationReady": False, "availableLanguages": ["id"]},
    }
    doc = {k: v for k, v in doc.items() if v is not None}
    try:
        normalize_spdx(link.license)
    except ValidationError as exc:
        gaps.extend(exc.messages)
    return Export(doc=doc, gaps=gaps)


def render(link) -> str:
    """A publiccode.yml (v0.4) for one source-code entry of a case study; the
    gaps, if any, are YAML comments at the top."""
    result = export(link)
    head = ""
    if result.gaps:
        head = (
            "# "
            + _("To complete (for the host):")
            + "\n"
            + "".join(f"# - {' '.join(g.split())}\n" for g in result.gaps)
        )
    body = yaml.dump(
        result.doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88
    )
    return head + body


class _Dumper(yaml.SafeDumper):
    """SafeDumper writing multi-line text as literal blocks (``|``)."""


def _represent_str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
