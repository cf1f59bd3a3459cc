"""A region's SPBE self-assessment for one year: a level per indicator of the
framework that covers the year, with bukti dukung (a link, an uploaded
private document and/or evidence already recorded on the region's adoptions).

Written only by ``livinglab.adoptions.self_assessment.service``; read by its
views under ``livinglab.accounts.policy`` (``regions.view_self_assessment``
and friends). ``version`` is the optimistic lock: a form posts the version it
was drawn from, and the service refuses a stale one.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from livinglab.base.models import PrivateFile, new_file_token, private_file_name
from livinglab.base.validators import YEAR_VALIDATORS, validate_https

# Named by the migration that created SelfAssessmentFile.
_new_token = new_file_token
self_assessment_file_name = private_file_name


class SelfAssessment(models.Model):
    """One region's self-assessment of one year (at most one per region-year).

    ``status``: draft (partial allowed) → submitted (every indicator has a
    level) → published (readable by everyone signed in; read-only).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        PUBLISHED = "published", _("Published")

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="spbe_self_assessments",
        verbose_name=_("region"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    framework = models.ForeignKey(
        "taxonomy.SpbeFramework",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("framework"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("SPBE self-assessment")
        verbose_name_plural = _("SPBE self-assessments")
        ordering = ["region", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"], name="one_self_assessment_per_region_year"
            )
        ]

    def __str__(self):
        return f"{self.region} {self.year} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse(
            "adoptions:self-assessment",
            kwargs={"code": self.region.code, "year": self.year},
        )

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class SelfAssessmentFile(PrivateFile):
    """An uploaded bukti-dukung document of a self-assessment, a
    ``base.PrivateFile`` served only by ``self_assessment.views.serve_file``."""

    storage_folder = "spbe"

    assessment = models.ForeignKey(
        SelfAssessment,
        on_delete=models.CASCADE,
        related_name="files",
        verbose_name=_("self-assessment"),
    )

    class Meta(PrivateFile.Meta):
        verbose_name = _("self-assessment file")
        verbose_name_plural = _("self-assessment files")

    @property
    def url(self):
        return reverse("adoptions:self-assessment-file", kwargs={"token": self.token})


class SelfAssessmentAnswer(models.Model):
    """The level (1-5, or none yet in a draft) a region gives itself on one
    indicator, with its bukti dukung."""

    assessment = models.ForeignKey(
        SelfAssessment,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("self-assessment"),
    )
    indicator = models.ForeignKey(
        "taxonomy.SpbeIndicator",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("SPBE indicator"),
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    evidence_url = models.URLField(
        _("evidence link"), blank=True, max_length=500, validators=[validate_https]
    )
    evidence_file = models.ForeignKey(
        SelfAssessmentFile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("evidence document"),
    )
    adoption_evidence = models.ManyToManyField(
        "adoptions.AdoptionEvidence",
        blank=True,
        related_name="+",
        verbose_name=_("evidence from adoptions"),
    )

    class Meta:
        verbose_name = _("self-assessment answer")
        verbose_name_plural = _("self-assessment answers")
        ordering = ["assessment", "indicator__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="one_answer_per_indicator"
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True)
                | (models.Q(level__gte=1) & models.Q(level__lte=5)),
                name="self_assessment_level_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.assessment} · {self.indicator_id}: {self.level or '-'}"
