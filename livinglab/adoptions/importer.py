"""``import_adoptions``: adoption histories from JSON, all or nothing.

Format (docs/DATA_FORMATS.md)::

    {"adoptions": [{"region": "32.04", "innovation": "<slug>",
                    "responsible_opd": "...", "target_date": "2026-06-30",
                    "events": [{"stage": "minat", "date": "2025-02-03",
                                "note": "..."}]}]}

Every event goes through ``pipeline`` (the same rules as the workspace and
the API). Events already recorded (same stage and date) are skipped, so a
file can be imported again. Each record runs in a savepoint so that every
problem in the file is reported; any problem rolls the whole import back.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innovations.importer import ImportProblems, RecordProblems
from innovations.models import InnovationPage
from livinglab.base.errors import field_messages
from livinglab.base.html import clean_text
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


def import_adoptions(data, actor=None):
    """Import ``data``; returns the number of records; raises ImportProblems."""
    if not isinstance(data, dict) or not isinstance(data.get("adoptions"), list):
        raise ImportProblems(
            [RecordProblems(0, "", [_('the file must hold {"adoptions": [...]}')])]
        )
    records = data["adoptions"]
    # Administrative units (DKI Jakarta's six) sign no PKS: not adoptable.
    regions = {r.code: r for r in Region.objects.autonomous()}
    pages = {p.slug: p for p in InnovationPage.objects.published()}
    problems = []
    with transaction.atomic():
        for position, record in enumerate(records, start=1):
            label = (
                f"{record.get('region', '?')} / {record.get('innovation', '?')}"
                if isinstance(record, dict)
                else "?"
            )
            try:
                with transaction.atomic():
                    _import_record(record, regions, pages, actor)
            except ValidationError as exc:
                problems.append(RecordProblems(position, label, exc.messages))
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ImportProblems(problems)
    return len(records)
