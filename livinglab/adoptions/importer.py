"""``import_adoptions``: adoption histories from JSON, all or nothing.

Format (docs/DATA_FORMATS.md)::

    {"adoptions": [{"region": "32.04", "innovation": "<slug>",
                    "responsible_opd": "...", "target_date": "2026-06-30",
                    "apbd_cost": 350000000,
                    "events": [{"stage": "minat", "date": "2025-02-03",
                                "note": "..."}]}]}

Every event goes through ``pipeline`` (the same rules as the workspace and
the API). Events already recorded (same stage and date) are skipped, so a
file can be imported again. Each record runs in a savepoint so that every
problem in the file is reported; any problem rolls the whole import back
(``base.imports.Importer.check_by_writing``).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from innovations.models import InnovationPage
from livinglab.base.errors import field_messages
from livinglab.base.html import clean_text
from livinglab.base.imports import JsonImporter
from livinglab.regions import codes
from livinglab.regions.models import Region

from . import pipeline
from .models import Adoption, Stage, StageEvent

DETAIL_FIELDS = ("responsible_opd", "contact_name", "contact_email", "vendor")


def _date(value, what):
    try:
        return datetime.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise ValidationError(
            _("%(what)s: “%(value)s” is not a date (YYYY-MM-DD)")
            % {"what": what, "value": str(value)[:40]}
        ) from None


def _rupiah(value):
    """``apbd_cost``: a whole number of rupiah, 0 or more (an int or a string
    of digits; JSON floats and ``true`` are refused). Returns a ``Decimal``;
    raises ``ValidationError``."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        value = None
    elif isinstance(value, str):
        value = int(value) if value.isascii() and value.isdigit() else None
    if value is None or value < 0 or value >= 10**16:
        raise ValidationError(
            _("apbd_cost: a whole number of rupiah, 0 or more, is expected")
        )
    return Decimal(value)


def _messages(exc, prefix):
    return [
        f"{prefix}{name}: {message}" if name else f"{prefix}{message}"
        for name, messages in field_messages(exc).items()
        for message in messages
    ]


def _import_record(record, regions, pages, actor):
    if not isinstance(record, dict):
        raise ValidationError(_("each adoption must be an object"))
    try:
        code = codes.normalize_region_code(record.get("region", ""))
    except ValidationError:
        code = None
    region = regions.get(code)
    if region is None:
        raise ValidationError(
            _("region “%(code)s” is not a kabupaten/kota code")
            % {"code": str(record.get("region", ""))[:20]}
        )
    page = pages.get(str(record.get("innovation", "")))
    if page is None:
        raise ValidationError(
            _("innovation “%(slug)s” is not a published case study")
            % {"slug": str(record.get("innovation", ""))[:100]}
        )
    events = record.get("events")
    if not isinstance(events, list) or not events:
        raise ValidationError(_("“events” must be a non-empty list"))
    details = {k: clean_text(str(record[k])) for k in DETAIL_FIELDS if record.get(k)}
    if record.get("target_date"):
        details["target_date"] = _date(record["target_date"], "target_date")
    if record.get("apbd_cost") is not None:
        details["apbd_cost"] = _rupiah(record["apbd_cost"])

    adoption = Adoption.objects.filter(region=region, innovation=page).first()
    done = set()
    if adoption is not None:
        done = set(
            StageEvent.objects.filter(adoption=adoption).values_list("to_stage", "date")
        )
    messages = []
    for i, event in enumerate(events, start=1):
        prefix = f"events[{i}]: "
        try:
            if not isinstance(event, dict):
                raise ValidationError(_("each event must be an object"))
            stage = pipeline.parse_stage(event.get("stage"))
            date = _date(event.get("date"), "date")
            note = str(event.get("note") or "")
            if (stage, date) in done:
                continue
            if adoption is None:
                if stage != Stage.INTEREST:
                    raise ValidationError(
                        _("the first event of a new adoption must be “minat”")
                    )
                adoption = pipeline.start_adoption(
                    region=region,
                    innovation=page,
                    date=date,
                    actor=actor,
                    note=note,
                    **details,
                )
            else:
                pipeline.record_step(
                    adoption=adoption, to_stage=stage, date=date, actor=actor, note=note
                )
            done.add((stage, date))
        except ValidationError as exc:
            messages.extend(_messages(exc, prefix))
            break  # later events depend on this one
    if messages:
        raise ValidationError(messages)
    return adoption


class AdoptionImporter(JsonImporter):
    """Adoption histories from ``{"adoptions": [...]}`` (``base.imports``).
    The pipeline's rules can only be checked by writing, so each record is
    written in its own savepoint and any problem rolls the file back."""

    list_key = "adoptions"
    noun = "adoptions"
    check_by_writing = True

    def __init__(self, actor=None):
        self.actor = actor
        # Administrative units (DKI Jakarta's six) sign no PKS: not adoptable.
        self.regions = {r.code: r for r in Region.objects.autonomous()}
        self.pages = {p.slug: p for p in InnovationPage.objects.published()}

    @property
    def not_a_list_message(self):
        return _('the file must hold {"adoptions": [...]}')

    def label(self, record):
        if not isinstance(record, dict):
            return "?"
        return f"{record.get('region', '?')} / {record.get('innovation', '?')}"

    def parse(self, record):
        return record

    def save(self, record):
        _import_record(record, self.regions, self.pages, self.actor)


def import_adoptions(data, actor=None):
    """Import ``data`` (parsed JSON or a file); returns the number of
    records; raises ``base.imports.ImportFailed`` listing every problem."""
    return AdoptionImporter(actor).load(data)
