"""The one way an adoption changes stage: ``record_step``.

Rules of the replication pipeline: stages may be skipped; a step back or a
stop needs a reason; a date cannot be in the future nor before the previous
event; a stopped adoption is resumed only with a reason. The adoption row is
locked (``SELECT ... FOR UPDATE``) while the step is checked and written, so
two people recording at once are applied one after the other and neither is
lost; a form may also pass the ``version`` it was drawn from, and a step based
on an outdated view is refused with a message instead of being applied blind.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from livinglab.base.html import clean_text
from livinglab.base.validators import validate_not_in_future, validate_plausible_date

from .models import (
    REPLICATING,
    STAGE_RANK,
    Adoption,
    AdoptionEvidence,
    AdoptionFile,
    Stage,
    StageEvent,
)
from .signals import replication_changed


class StaleAdoption(ValidationError):
    """The adoption changed since the form was drawn."""


@dataclass
class EvidenceInput:
    title: str
    year: int
    file: object = None  # an AdoptionFile (private) already stored, or
    upload: object = None  # an uploaded file, validated by the form: stored here
    url: str = ""
    indicators: list = field(default_factory=list)


def parse_stage(value):
    """A stage from its code or its Indonesian/English label, any case."""
    text = str(value or "").strip().casefold().replace(" ", "_").replace("-", "_")
    for stage in Stage:
        labels = {stage.value, str(stage.label).casefold().replace(" ", "_")}
        if text in labels or text == stage.name.casefold():
            return stage
    raise ValidationError(
        _("Unknown stage “%(stage)s”. Use one of: %(stages)s.")
        % {"stage": value, "stages": ", ".join(s.value for s in Stage)}
    )


def check_step(previous_stage, previous_date, to_stage, date, note, today=None):
    """Raise ValidationError (with a message per field) if the step breaks a rule."""
    errors = {}
    try:
        validate_not_in_future(date, today)
    except ValidationError as exc:
        errors["date"] = exc.messages[0]
    if not errors and previous_date and date < previous_date:
        errors["date"] = _(
            "The date cannot be before the previous step (%(date)s)."
        ) % {"date": date_format(previous_date)}
    if previous_stage == to_stage:
        errors["to_stage"] = _("The adoption is already at this stage.")
    needs_reason = to_stage == Stage.STOPPED or (
        previous_stage == Stage.STOPPED
        or (
            previous_stage in STAGE_RANK
            and STAGE_RANK[to_stage] < STAGE_RANK[previous_stage]
        )
    )
    if needs_reason and not note.strip():
        errors["note"] = _(
            "A step back, a stop or a restart needs a reason: write it in the note."
        )
    if errors:
        raise ValidationError(errors)


def _lock(adoption_id):
    return Adoption.objects.select_for_update().get(pk=adoption_id)


def _changed_innovation(innovation_id):
    """Tell the layers above (search: facet and sort) that the replication
    count of the innovation changed (``signals.replication_changed``)."""
    replication_changed.send(sender=Adoption, innovation_id=innovation_id)


def check_target_date(target, started_on):
    """Raise ``ValidationError`` (field ``target_date``) when the target date
    is implausible or before the interest date; None passes."""
    if target is None:
        return
    try:
        validate_plausible_date(target)
    except ValidationError as exc:
        raise ValidationError({"target_date": exc.messages}) from None
    if started_on and target < started_on:
        raise ValidationError(
            {"target_date": _("The target date cannot be before the interest date.")}
        )


@transaction.atomic
def start_adoption(
    *, region, innovation, date, actor, note="", letter_of_intent=None, **details
):
    """Register interest (the first event). ``letter_of_intent`` is an upload
    already validated by the form (``base.uploads``), stored here as the new
    adoption's private file. Returns the new adoption; raises
    ``ValidationError``."""
    if Adoption.objects.filter(region=region, innovation=innovation).exists():
        raise ValidationError(
            _("%(region)s already has a record for this innovation.")
            % {"region": region}
        )
    note = clean_text(note)
    check_step(None, None, Stage.INTEREST, date, note)
    check_target_date(details.get("target_date"), date)
    adoption = Adoption.objects.create(
        region=region,
        innovation=innovation,
        stage=Stage.INTEREST,
        started_on=date,
        last_event_on=date,
        **details,
    )
    StageEvent.objects.create(
        adoption=adoption, to_stage=Stage.INTEREST, date=date, actor=actor, note=note
    )
    if letter_of_intent is not None:
        adoption.letter_of_intent = AdoptionFile.store(
            adoption=adoption,
            kind=AdoptionFile.Kind.LETTER_OF_INTENT,
            uploaded=letter_of_intent,
            user=actor,
        )
        adoption.save(update_fields=["letter_of_intent", "updated_at"])
    return adoption


@transaction.atomic
def record_step(
    *,
    adoption,
    to_stage,
    date,
    actor,
    note="",
    evidence=(),
    expected_version=None,
    today=None,
):
    """Move ``adoption`` to ``to_stage``; returns the StageEvent written."""
    to_stage = parse_stage(to_stage)
    locked = _lock(adoption.pk)
    if expected_version is not None and locked.version != int(expected_version):
        raise StaleAdoption(
            _(
                "Someone else recorded a step on this adoption meanwhile (now: "
                "%(stage)s). Your entry was not saved; check the history and "
                "record it again if it still applies."
            )
            % {"stage": locked.get_stage_display()}
        )
    note = clean_text(note)
    check_step(locked.stage, locked.last_event_on, to_stage, date, note, today)
    event = StageEvent.objects.create(
        adoption=locked,
        from_stage=locked.stage,
        to_stage=to_stage,
        date=date,
        actor=actor,
        note=note,
    )
    for item in evidence:
        stored = item.file
        if item.upload is not None:
            stored = AdoptionFile.store(
                adoption=locked,
                kind=AdoptionFile.Kind.EVIDENCE,
                uploaded=item.upload,
                user=actor,
            )
        record = AdoptionEvidence(
            event=event,
            title=clean_text(item.title),
            year=item.year,
            file=stored,
            url=item.url,
        )
        record.full_clean(exclude=["event"])
        record.save()
        if item.indicators:
            record.indicators.set(item.indicators)
    replicating_changed = (locked.stage in REPLICATING) != (to_stage in REPLICATING)
    locked.stage = to_stage
    locked.stopped_reason = note if to_stage == Stage.STOPPED else ""
    locked.last_event_on = date
    locked.version += 1
    locked.save(
        update_fields=[
            "stage",
            "stopped_reason",
            "last_event_on",
            "version",
            "updated_at",
        ]
    )
    if replicating_changed:
        _changed_innovation(locked.innovation_id)
    adoption.__dict__.update(
        {k: getattr(locked, k) for k in ("stage", "last_event_on", "version")}
    )
    return event


CONFIRMATIONS = {
    "interest": "interest_acknowledged_at",
    "agreement": "agreement_confirmed_at",
    "transfer": "transfer_confirmed_at",
}


@transaction.atomic
def confirm_as_host(*, adoption, what):
    """The host acknowledges interest, or confirms agreement / code transfer."""
    if what not in CONFIRMATIONS:
        raise ValidationError(_("Unknown confirmation."))
    locked = _lock(adoption.pk)
    field_name = CONFIRMATIONS[what]
    if getattr(locked, field_name) is None:
        setattr(locked, field_name, timezone.now())
        locked.version += 1
        locked.save(update_fields=[field_name, "version", "updated_at"])
    return locked
