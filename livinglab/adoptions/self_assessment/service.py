"""The one writer of self-assessments: save (a draft, or submit), publish.

Every write locks the assessment row (``select_for_update``) and compares the
version the form was drawn from with the stored one, so two team members
never overwrite each other silently: the second gets ``StaleVersion`` and
nothing of theirs is written. Uploads arrive already validated (the form runs
``livinglab.base.uploads.validate_upload``); here they are stored privately.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from livinglab.taxonomy.models import SpbeFramework, SpbeIndicator

from ..models import AdoptionEvidence
from .models import SelfAssessment, SelfAssessmentAnswer, SelfAssessmentFile


class SelfAssessmentError(Exception):
    """A refused write; ``str(error)`` is the message for the person."""


class StaleVersion(SelfAssessmentError):
    """Someone saved the assessment after this form was drawn."""


@dataclass
class AnswerInput:
    """What a form gives for one indicator: ``level`` 1-5 or None, an https
    link or "", an upload (validated) or None, AdoptionEvidence ids to attach
    and to detach."""

    indicator: SpbeIndicator
    level: int | None = None
    evidence_url: str = ""
    upload: object = None
    attach: list = field(default_factory=list)
    detach: list = field(default_factory=list)


@dataclass
class SaveResult:
    assessment: SelfAssessment
    missing: list  # indicators without a level (SpbeIndicator rows)
    submitted: bool


def framework_for(region, year):
    """The framework a region's self-assessment of ``year`` follows, or
    SelfAssessmentError (administrative unit; no framework covers the year)."""
    if region.is_administrative:
        raise SelfAssessmentError(
            _("Administrative units have no SPBE evaluation of their own.")
        )
    framework = SpbeFramework.for_year(year)
    if framework is None:
        raise SelfAssessmentError(
            _("No SPBE framework covers %(year)s.") % {"year": year}
        )
    return framework


def indicators_of(framework):
    """The framework's indicators, by number, with aspect and domain."""
    return list(
        SpbeIndicator.objects.filter(framework=framework)
        .select_related("aspect__domain")
        .order_by("number")
    )


def candidate_evidence(region, framework):
    """Evidence recorded on ``region``'s adoptions, per indicator of
    ``framework``: ``{indicator_id: [AdoptionEvidence, ...]}``."""
    through = AdoptionEvidence.indicators.through
    rows = (
        through.objects.filter(
            adoptionevidence__event__adoption__region=region,
            spbeindicator__framework=framework,
        )
        .select_related("adoptionevidence__file", "adoptionevidence__event__adoption")
        .order_by("spbeindicator_id", "adoptionevidence_id")
    )
    found = {}
    for row in rows:
        found.setdefault(row.spbeindicator_id, []).append(row.adoptionevidence)
    return found


def _lock(region, year, version):
    assessment = (
        SelfAssessment.objects.select_for_update()
        .filter(region=region, year=year)
        .first()
    )
    current = assessment.version if assessment else 0
    if version != current:
        raise StaleVersion(
            _(
                "Someone else saved this self-assessment while you were "
                "editing it. Your changes were not saved: open the page again "
                "to see their version, then enter your changes again."
            )
        )
    return assessment


@transaction.atomic
def save(*, region, year, version, answers, user, submit=False):
    """Write ``answers`` (AnswerInput list) into ``region``'s assessment of
    ``year`` (created on the first save, ``version`` 0) and, with
    ``submit``, submit it when every indicator has a level.

    A save after submitting returns the assessment to draft (submit again). A
    submit with levels missing still saves the draft and reports the missing
    indicators (``SaveResult.missing``), so nothing typed is lost.
    Raises StaleVersion (someone saved in between) or SelfAssessmentError
    (published, administrative unit, no framework).
    """
    framework = framework_for(region, year)
    assessment = _lock(region, year, version)
    if assessment is None:
        try:
            with transaction.atomic():
                assessment = SelfAssessment.objects.create(
                    region=region, year=year, framework=framework, version=0
                )
        except IntegrityError:  # created by someone else at the same moment
            raise StaleVersion(
                _("Someone else started this self-assessment at the same time.")
            ) from None
    if assessment.is_published:
        raise SelfAssessmentError(_("A published self-assessment cannot be changed."))
    existing = {a.indicator_id: a for a in assessment.answers.all()}
    allowed = {
        indicator_id: {e.pk for e in items}
        for indicator_id, items in candidate_evidence(region, framework).items()
    }
    for item in answers:
        answer = existing.get(item.indicator.pk) or SelfAssessmentAnswer(
            assessment=assessment, indicator=item.indicator
        )
        answer.level = item.level
        answer.evidence_url = item.evidence_url or ""
        old_file = answer.evidence_file if answer.evidence_file_id else None
        if item.upload is not None:
            answer.evidence_file = _store(assessment, item.upload, user)
        answer.save()
        if item.upload is not None and old_file is not None:
            old_file.delete()
        ok = allowed.get(item.indicator.pk, set())
        if attach := [pk for pk in item.attach if pk in ok]:
            answer.adoption_evidence.add(*attach)
        if item.detach:
            answer.adoption_evidence.remove(*item.detach)
    levels = dict(assessment.answers.values_list("indicator_id", "level"))
    missing = [i for i in indicators_of(framework) if not levels.get(i.pk)]
    submitted = submit and not missing
    assessment.status = (
        SelfAssessment.Status.SUBMITTED if submitted else SelfAssessment.Status.DRAFT
    )
    if submitted:
        assessment.submitted_at = timezone.now()
    assessment.version += 1
    assessment.updated_by = user if getattr(user, "is_authenticated", False) else None
    assessment.save()
    return SaveResult(assessment=assessment, missing=missing, submitted=submitted)


def _store(assessment, uploaded, user):
    return SelfAssessmentFile.store(assessment=assessment, uploaded=uploaded, user=user)


@transaction.atomic
def publish(*, region, year, version, user):
    """Publish a submitted assessment (the coordinator's decision, checked by
    the view with ``regions.publish_self_assessment``). Raises StaleVersion or
    SelfAssessmentError (not submitted). Returns the assessment."""
    assessment = _lock(region, year, version)
    if assessment is None or assessment.status != SelfAssessment.Status.SUBMITTED:
        raise SelfAssessmentError(
            _("Only a submitted self-assessment can be published.")
        )
    assessment.status = SelfAssessment.Status.PUBLISHED
    assessment.published_at = timezone.now()
    assessment.version += 1
    assessment.updated_by = user if getattr(user, "is_authenticated", False) else None
    assessment.save()
    return assessment
