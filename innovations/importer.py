"""Import and export of case studies as JSON (format: docs/DATA_FORMATS.md).

Import is all-or-nothing: every record is validated first (taxonomy labels,
region codes, URLs, licences, dates, model validation) and every problem is
reported with the record's position and slug. Only a clean file is written,
in one transaction; each record creates or updates the page with its slug and
publishes it as a new revision, so history is kept.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.rich_text import RichText

from livinglab.base.errors import field_messages
from livinglab.base.html import clean_html, clean_text
from livinglab.base.imports import JsonImporter
from livinglab.regions import codes
from livinglab.regions.models import Region
from livinglab.taxonomy.models import (
    NationalApplication,
    SmartCityDimension,
    SpbeIndicator,
    SpmSector,
    TechnologyTag,
    Theme,
)

from . import publiccode, records
from .models import (
    ImpactFigure,
    InnovationIndexPage,
    InnovationPage,
    Mentor,
    NationalApplicationLink,
    SourceCodeLink,
    SpbeEvidence,
    SpbeLevelReached,
    TrainingMaterial,
)
from .validators import validate_https

REQUIRED = (
    "slug",
    "title",
    "summary",
    "host_region",
    "opd",
    "year_launched",
    "maturity",
)
CLOSED_TAXONOMIES = {
    "dimensions": SmartCityDimension,
    "spm_sectors": SpmSector,
    "themes": Theme,
}


@dataclass
class Prepared:
    """A validated record, ready to be written."""

    slug: str
    fields: dict
    m2m: dict
    tech: list
    parts: dict


def _list(record, key):
    value = record.get(key) or []
    if not isinstance(value, list):
        raise ValidationError(_("“%(key)s” must be a list") % {"key": key})
    return value


def _https(value, what):
    value = str(value or "").strip()
    try:
        validate_https(value)
    except ValidationError:
        raise ValidationError(
            _("%(what)s: “%(url)s” is not an https:// address")
            % {"what": what, "url": value[:100]}
        ) from None
    return value


def _decimal(value, what):
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError(
            _("%(what)s: “%(v)s” is not a number") % {"what": what, "v": value}
        ) from None
    if not number.is_finite():
        raise ValidationError(
            _("%(what)s: “%(v)s” is not a number") % {"what": what, "v": value}
        )
    return number


def _publiccode_fields(item, n):
    """The optional publiccode.yml fields of a source_code item (see
    docs/DATA_FORMATS.md); raises ValidationError naming the item."""
    status = str(item.get("development_status") or "")
    if status and status not in SourceCodeLink.Status.values:
        raise ValidationError(
            _("source_code %(n)s: development_status “%(s)s” is not one of %(v)s")
            % {"n": n, "s": status[:30], "v": ", ".join(SourceCodeLink.Status.values)}
        )
    others = item.get("other_descriptions") or {}
    if not isinstance(others, dict) or not all(
        isinstance(v, dict) for v in others.values()
    ):
        raise ValidationError(
            _("source_code %(n)s: other_descriptions must map languages to objects")
            % {"n": n}
        )
    kept = {str(k)[:35]: publiccode.kept_entry(v) for k, v in others.items()}
    return {
        "description_id": clean_text(str(item.get("description_id") or "")),
        "description_en": clean_text(str(item.get("description_en") or "")),
        "development_status": status,
        "software_version": " ".join(str(item.get("software_version") or "").split())[
            :50
        ],
        "platforms": clean_text(str(item.get("platforms") or ""))[:200],
        "maintenance_contacts": clean_text(str(item.get("maintenance_contacts") or ""))[
            :2000
        ],
        "other_descriptions": {k: v for k, v in kept.items() if v},
    }


class Importer(JsonImporter):
    """Case studies from ``{"innovations": [...]}`` (``base.imports``):
    ``parse`` validates a record into ``Prepared``, ``save`` creates or
    updates its page and publishes a new revision; ``created`` and
    ``updated`` count what ``load`` wrote."""

    list_key = "innovations"
    noun = "case studies"

    @property
    def not_a_list_message(self):
        return _("the file must be an object with an “innovations” list")

    def __init__(self):
        self.created = self.updated = 0
        self.user = None
        self.indicators = {i.number: i for i in SpbeIndicator.objects.current()}
        self.regions = {
            r.code: r for r in Region.objects.filter(code__in=self._host_codes())
        }

    def _host_codes(self):
        return Region.objects.filter(participation__is_host=True).values_list(
            "code", flat=True
        )

    def _region(self, value):
        code = codes.normalize_region_code(value)
        if code not in self.regions:
            region = Region.objects.filter(code=code).first()
            if region is None:
                raise ValidationError(
                    _("no region has the code %(code)s") % {"code": code}
                )
            self.regions[code] = region
        return self.regions[code]

    def _terms(self, model, labels, key):
        terms, unknown = [], []
        for label in labels:
            term = model.match(str(label))
            (terms.append(term) if term else unknown.append(str(label)))
        if unknown:
            known = ", ".join(model.objects.values_list("name", flat=True))
            raise ValidationError(
                _("%(key)s: unknown %(labels)s (known: %(known)s)")
                % {
                    "key": key,
                    "labels": ", ".join(f"“{u}”" for u in unknown),
                    "known": known,
                }
            )
        return terms

    def _indicator(self, number, what):
        try:
            return self.indicators[int(number)]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                _("%(what)s: “%(n)s” is not an SPBE indicator number (1-%(max)s)")
                % {"what": what, "n": number, "max": max(self.indicators, default=0)}
            ) from None

    def prepare(self, record):
        """Validate one record; returns Prepared or raises ValidationError(list)."""
        if not isinstance(record, dict):
            raise ValidationError([_("a record must be an object")])
        errors = []

        def attempt(fn, *args):
            try:
                return fn(*args)
            except ValidationError as exc:
                errors.extend(exc.messages)
                return None

        missing = [k for k in REQUIRED if record.get(k) in (None, "")]
        if missing:
            errors.append(_("missing %(keys)s") % {"keys": ", ".join(missing)})
        slug = str(record.get("slug") or "")
        if slug and slugify(slug) != slug:
            errors.append(
                _("slug “%(slug)s” must be lowercase letters, digits and hyphens")
                % {"slug": slug}
            )
        host = (
            attempt(self._region, record.get("host_region"))
            if record.get("host_region")
            else None
        )
        maturity = record.get("maturity")
        if maturity and maturity not in InnovationPage.Maturity.values:
            errors.append(
                _("maturity “%(m)s” is not one of %(v)s")
                % {"m": maturity, "v": ", ".join(InnovationPage.Maturity.values)}
            )
        m2m = {}
        for key, model in CLOSED_TAXONOMIES.items():
            m2m[key] = (
                attempt(lambda k=key, m=model: self._terms(m, _list(record, k), k))
                or []
            )
        m2m["spbe_indicators"] = [
            i
            for i in (
                attempt(self._indicator, n, "spbe_indicators")
                for n in attempt(_list, record, "spbe_indicators") or []
            )
            if i
        ]
        tech = [
            " ".join(str(t).split())[:60]
            for t in attempt(_list, record, "tech") or []
            if str(t).strip()
        ]
        parts = attempt(self._parts, record) or {}
        if parts:
            parts["spbe_levels"] = (
                attempt(self._levels_reached, record, m2m["spbe_indicators"]) or []
            )
            # optional: a record without the key keeps the page's links
            if "national_applications" in record:
                parts["national_applications"] = (
                    attempt(self._national_applications, record) or []
                )
        last_confirmed = None
        if record.get("last_confirmed"):
            try:
                last_confirmed = datetime.date.fromisoformat(
                    str(record["last_confirmed"])
                )
            except ValueError:
                errors.append(_("last_confirmed must be a date such as 2025-06-30"))
        contact = record.get("contact") or {}
        if not isinstance(contact, dict):
            errors.append(_("contact must be an object"))
            contact = {}
        body = clean_html(str(record.get("body") or ""))
        fields = {
            "title": clean_text(str(record.get("title") or ""))[:255],
            "slug": slug,
            "summary": clean_text(str(record.get("summary") or "")),
            "problem": clean_text(str(record.get("problem") or "")),
            "solution": clean_text(str(record.get("solution") or "")),
            "body": [("rich_text", RichText(body))] if body else [],
            "host_region": host,
            "opd": clean_text(str(record.get("opd") or "")),
            "year_launched": record.get("year_launched"),
            "maturity": maturity,
            "cost": attempt(_decimal, record.get("cost"), "cost"),
            "funding_source": record.get("funding_source") or "",
            "needs_infrastructure": clean_text(
                str(record.get("needs_infrastructure") or "")
            ),
            "needs_staff": clean_text(str(record.get("needs_staff") or "")),
            "needs_regulation": clean_text(str(record.get("needs_regulation") or "")),
            "contact_name": clean_text(str(contact.get("name") or "")),
            "contact_role": clean_text(str(contact.get("role") or "")),
            "contact_email": str(contact.get("email") or "").strip(),
            "last_confirmed": last_confirmed,
        }
        # The page a record updates is found by slug (``save``), and a
        # case study's slug is unique across the site (review finding 2):
        # two pages already sharing it cannot be told apart.
        same_slug = list(
            InnovationPage.objects.originals()
            .filter(slug=slug)
            .values_list("pk", flat=True)[:2]
        )
        if slug and len(same_slug) > 1:
            errors.append(
                _(
                    "slug “%(slug)s” is already used by more than one case "
                    "study; make it unique in the admin first"
                )
                % {"slug": slug}
            )
        if not errors:
            probe = InnovationPage(**{k: v for k, v in fields.items() if k != "body"})
            if same_slug:
                probe.pk = same_slug[0]  # updating it: its own slug is no clash
            try:
                probe.full_clean(
                    exclude=[
                        "path",
                        "depth",
                        "url_path",
                        "body",
                        "content_type",
                        "locale",
                        "draft_title",
                        "translation_key",
                        "page_ptr",  # set above for an update: not a clash
                    ]
                )
            except ValidationError as exc:
                errors.extend(
                    f"{k}: {' '.join(v)}" if k else " ".join(v)
                    for k, v in field_messages(exc).items()
                )
        if errors:
            raise ValidationError(errors)
        return Prepared(slug=slug, fields=fields, m2m=m2m, tech=tech, parts=parts)

    def _national_applications(self, record):
        """``national_applications``: ``[{"application": "srikandi",
        "relation": "overlaps", "reason": "…"}]`` (issue 19.6): a known
        application code, once, a relation (``integrates``/``overlaps``) and
        a reason."""
        errors, rows, seen = [], [], set()
        known = {a.code: a for a in NationalApplication.objects.all()}
        for n, item in enumerate(_list(record, "national_applications"), start=1):
            what = f"national_applications {n}"
            if not isinstance(item, dict):
                errors.append(_("%(what)s: must be an object") % {"what": what})
                continue
            app = known.get(str(item.get("application") or ""))
            if app is None:
                errors.append(
                    _("%(what)s: “%(code)s” is not a national application code")
                    % {"what": what, "code": item.get("application")}
                )
                continue
            if app.pk in seen:
                errors.append(
                    _("%(what)s: “%(code)s” appears twice")
                    % {"what": what, "code": app.code}
                )
                continue
            seen.add(app.pk)
            row = NationalApplicationLink(
                application=app,
                relation=str(item.get("relation") or ""),
                reason=clean_text(str(item.get("reason") or "")),
            )
            try:
                row.full_clean(exclude=["page", "sort_order"])
            except ValidationError as exc:
                errors.extend(
                    f"{what}: {k}: {' '.join(v)}"
                    for k, v in field_messages(exc).items()
                )
                continue
            rows.append(
                {"application": app, "relation": row.relation, "reason": row.reason}
            )
        if errors:
            raise ValidationError(errors)
        return rows

    def _levels_reached(self, record, tagged):
        """``spbe_levels``: ``[{"indicator": 44, "level": 4, "note": ""}]``,
        each on one of the record's ``spbe_indicators``, once, at a level of
        the indicator's framework (1-5)."""
        errors, rows, seen = [], [], set()
        for n, item in enumerate(_list(record, "spbe_levels"), start=1):
            if not isinstance(item, dict):
                errors.append(_("spbe_levels %(n)s: must be an object") % {"n": n})
                continue
            try:
                indicator = self._indicator(item.get("indicator"), f"spbe_levels {n}")
            except ValidationError as exc:
                errors.extend(exc.messages)
                continue
            if indicator not in tagged:
                errors.append(
                    _(
                        "spbe_levels %(n)s: indicator %(number)s is not among "
                        "the record's spbe_indicators"
                    )
                    % {"n": n, "number": indicator.number}
                )
            elif indicator.pk in seen:
                errors.append(
                    _("spbe_levels %(n)s: indicator %(number)s appears twice")
                    % {"n": n, "number": indicator.number}
                )
            seen.add(indicator.pk)
            row = SpbeLevelReached(
                indicator=indicator,
                level=item.get("level"),
                note=clean_text(str(item.get("note") or ""))[:200],
            )
            try:
                row.full_clean(exclude=["page", "sort_order"])
            except ValidationError as exc:
                errors.extend(
                    f"spbe_levels {n}: {k}: {' '.join(v)}"
                    for k, v in field_messages(exc).items()
                )
                continue
            rows.append({"indicator": indicator, "level": row.level, "note": row.note})
        if errors:
            raise ValidationError(errors)
        return rows

    def _parts(self, record):
        errors, parts = (
            [],
            {
                "source_code": [],
                "training": [],
                "evidence": [],
                "impact": [],
                "mentors": [],
            },
        )
        for n, item in enumerate(_list(record, "source_code"), start=1):
            if not isinstance(item, dict):
                errors.append(_("source_code %(n)s: must be an object") % {"n": n})
                continue
            try:
                url = (
                    _https(item.get("url"), f"source_code {n}")
                    if item.get("url")
                    else ""
                )
                visibility = item.get("visibility") or (
                    "public" if url else "on_request"
                )
                if visibility not in SourceCodeLink.Visibility.values:
                    raise ValidationError(
                        _("source_code %(n)s: visibility must be one of %(v)s")
                        % {"n": n, "v": ", ".join(SourceCodeLink.Visibility.values)}
                    )
                # The model's rule (licence named and valid, public code has
                # its URL) is the one the admin form applies too.
                link = SourceCodeLink(
                    url=url,
                    license=str(item.get("license") or ""),
                    visibility=visibility,
                )
                try:
                    link.clean()
                except ValidationError as exc:
                    raise ValidationError(
                        [f"source_code {n}: {m}" for m in exc.messages]
                    ) from None
                parts["source_code"].append(
                    {
                        "url": url,
                        "license": link.license,
                        "visibility": visibility,
                        "name": clean_text(str(item.get("name") or ""))[:150],
                        **_publiccode_fields(item, n),
                    }
                )
            except (ValidationError, AttributeError) as exc:
                errors.extend(
                    getattr(
                        exc,
                        "messages",
                        [_("source_code %(n)s: must be an object") % {"n": n}],
                    )
                )
        for n, item in enumerate(_list(record, "training"), start=1):
            try:
                kind = item.get("kind")
                if kind not in TrainingMaterial.Kind.values:
                    raise ValidationError(
                        _("training %(n)s: “%(kind)s” is not a kind; use one of %(v)s")
                        % {
                            "n": n,
                            "kind": kind,
                            "v": ", ".join(TrainingMaterial.Kind.values),
                        }
                    )
                parts["training"].append(
                    {
                        "title": clean_text(str(item.get("title") or ""))[:200]
                        or _("Training material"),
                        "kind": kind,
                        "url": _https(item.get("url"), f"training {n}"),
                    }
                )
            except (ValidationError, AttributeError) as exc:
                errors.extend(
                    getattr(
                        exc,
                        "messages",
                        [_("training %(n)s: must be an object") % {"n": n}],
                    )
                )
        for n, item in enumerate(_list(record, "evidence"), start=1):
            try:
                indicator = self._indicator(item.get("indicator"), f"evidence {n}")
                year = int(item.get("year"))
                if not 2015 <= year <= 2100:
                    raise ValueError
                parts["evidence"].append(
                    {
                        "title": clean_text(str(item.get("title") or ""))[:200],
                        "indicator": indicator,
                        "year": year,
                        "url": _https(item.get("url"), f"evidence {n}"),
                    }
                )
            except (TypeError, ValueError):
                errors.append(_("evidence %(n)s: year must be 2015-2100") % {"n": n})
            except (ValidationError, AttributeError) as exc:
                errors.extend(
                    getattr(
                        exc,
                        "messages",
                        [_("evidence %(n)s: must be an object") % {"n": n}],
                    )
                )
        for n, item in enumerate(_list(record, "impact"), start=1):
            try:
                parts["impact"].append(
                    {
                        "measure": clean_text(str(item.get("measure") or ""))[:150],
                        "unit": clean_text(str(item.get("unit") or ""))[:40],
                        "before": _decimal(item.get("before"), f"impact {n}"),
                        "after": _decimal(item.get("after"), f"impact {n}")
                        or Decimal(0),
                    }
                )
            except (ValidationError, AttributeError) as exc:
                errors.extend(
                    getattr(
                        exc,
                        "messages",
                        [_("impact %(n)s: must be an object") % {"n": n}],
                    )
                )
        for item in _list(record, "mentors"):
            if isinstance(item, dict) and item.get("name"):
                parts["mentors"].append(
                    {
                        "name": clean_text(str(item["name"]))[:120],
                        "role": clean_text(str(item.get("role") or ""))[:120],
                        "email": str(item.get("email") or "")[:254],
                    }
                )
        if errors:
            raise ValidationError(errors)
        return parts

    def label(self, record):
        return str(record.get("slug") or "") if isinstance(record, dict) else ""

    def parse(self, record):
        return self.prepare(record)

    def key(self, item):
        return item.slug

    def duplicate_message(self, first):
        return _("the same slug as record %(n)s") % {"n": first}

    def save(self, item):
        """Create or update the page of ``item`` and publish it as a new
        revision by ``self.user``."""
        user = self.user
        page = InnovationPage.objects.originals().filter(slug=item.slug).first()
        if page is None:
            page = InnovationPage(**item.fields, live=False)
            self._parent_for(item.fields["host_region"]).add_child(instance=page)
            self.created += 1
        else:
            page = page.get_latest_revision_as_object()
            for key, value in item.fields.items():
                setattr(page, key, value)
            self.updated += 1
        page.dimensions.set(item.m2m["dimensions"])
        page.spm_sectors.set(item.m2m["spm_sectors"])
        page.themes.set(item.m2m["themes"])
        page.spbe_indicators.set(item.m2m["spbe_indicators"])
        page.technologies.set([TechnologyTag.get_or_create_named(t) for t in item.tech])
        page.source_code_links = [
            SourceCodeLink(**p) for p in item.parts["source_code"]
        ]
        page.training_materials = [
            TrainingMaterial(**p) for p in item.parts["training"]
        ]
        evidence = []
        for p in item.parts["evidence"]:
            e = SpbeEvidence(title=p["title"], url=p["url"], year=p["year"])
            e.indicators = [p["indicator"]]
            evidence.append(e)
        page.evidence = evidence
        page.impact_figures = [ImpactFigure(**p) for p in item.parts["impact"]]
        page.mentors = [Mentor(**p) for p in item.parts["mentors"]]
        page.spbe_levels = [
            SpbeLevelReached(**p) for p in item.parts.get("spbe_levels", [])
        ]
        if "national_applications" in item.parts:
            page.national_applications = [
                NationalApplicationLink(**p)
                for p in item.parts["national_applications"]
            ]
        page.save_revision(user=user, log_action=True).publish(user=user)

    def _parent_for(self, host):
        section = (
            InnovationIndexPage.objects.originals().filter(host_region=host).first()
        )
        if section:
            return section
        main = (
            InnovationIndexPage.objects.originals()
            .filter(host_region__isnull=True)
            .order_by("depth", "path")
            .first()
        )
        if main is None:
            raise ValidationError(
                _("there is no innovation library page to import into")
            )
        return main


def import_innovations(data, user=None):
    """Import ``data`` (``{"innovations": [...]}``, parsed JSON or a file)
    all or nothing; returns ``(created, updated)``; raises
    ``base.imports.ImportFailed`` listing every problem."""
    importer = Importer()
    importer.user = user
    importer.load(data)
    return importer.created, importer.updated


def export_innovations(pages=None):
    """The published case studies in the import format (round-trips through
    import); view-restricted ones are left out."""
    pages = (
        pages
        if pages is not None
        else InnovationPage.objects.published().order_by("slug")
    )
    out = []
    for page in pages.select_related("host_region").prefetch_related(
        "dimensions",
        "spm_sectors",
        "themes",
        "technologies",
        "spbe_indicators",
        "source_code_links__technologies",
        "training_materials",
        "evidence__indicators",
        "impact_figures",
        "mentors",
        "spbe_levels__indicator",
        "national_applications__application",
    ):
        body = "".join(
            block.value.source for block in page.body if block.block_type == "rich_text"
        )
        facts = records.facts(page)
        del facts["host_region_name"]
        out.append(
            {
                **facts,
                "body": body,
                "problem": page.problem,
                "solution": page.solution,
                "spbe_levels": records.spbe_levels(page),
                "national_applications": [
                    {k: link[k] for k in ("relation", "reason")}
                    | {"application": link["code"]}
                    for link in records.national_applications(page)
                ],
                "source_code": [
                    {k: v for k, v in link.items() if k != "technologies"}
                    | {"url": link["url"] or ""}
                    for link in records.source_code(page)
                ],
                "training": [
                    {k: item[k] for k in ("title", "kind", "url")}
                    for item in records.training(page)
                ],
                "evidence": [
                    {
                        "title": item["title"],
                        "indicator": item["indicators"][0],
                        "year": item["year"],
                        "url": item["url"],
                    }
                    for item in records.evidence(page)
                    if item["indicators"]
                ],
                "impact": records.impact(page),
                **records.needs(page),
                "last_confirmed": page.last_confirmed.isoformat()
                if page.last_confirmed
                else None,
                **records.people(page),
            }
        )
    return {"innovations": out}
