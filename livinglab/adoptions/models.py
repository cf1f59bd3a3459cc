"""Who replicates what, at which stage, with what evidence.

One ``Adoption`` per (region, innovation). Its stage only changes through
``StageEvent`` rows written by ``livinglab.adoptions.pipeline.record_step``,
which applies the pipeline rules (see its docstring) under a row lock; the stage on
the adoption is the last event's, kept for fast dashboards.

Letters of intent and evidence files are regional records (signatures,
attendance lists): they are ``AdoptionFile`` rows on private storage, served
only by ``livinglab.adoptions.files.serve`` to those who may see the adoption
(docs/PRIVATE_FILES.md), never as public Wagtail documents.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from livinglab.base.models import (  # noqa: F401 - named by migrations
    BeforeAfterFigure,
    Evidence,
    PrivateFile,
    new_file_token,
    private_file_name,
)
from livinglab.base.validators import validate_https, validate_plausible_date
from livinglab.taxonomy.models import SpbeIndicator


class Stage(models.TextChoices):
    """The replication pipeline, in order; ``STOPPED`` is the exit."""

    INTEREST = "minat", _("Interest")
    STUDY = "studi_tiru", _("Study visit")
    AGREEMENT = "kesepakatan", _("Agreement")
    TRANSFER = "alih_teknologi", _("Technology transfer")
    TRAINING = "pelatihan", _("Training")
    PILOT = "uji_coba", _("Pilot")
    IMPLEMENTATION = "implementasi", _("Implementation")
    INSTITUTIONALISED = "dilembagakan", _("Institutionalised")
    STOPPED = "dihentikan", _("Stopped")


PIPELINE = [s for s in Stage if s != Stage.STOPPED]
STAGE_RANK = {stage: rank for rank, stage in enumerate(PIPELINE)}

# From technology transfer on, a region is replicating the innovation: this
# is what "replication count" and "most replicated" count.
REPLICATING = [s for s in PIPELINE if STAGE_RANK[s] >= STAGE_RANK[Stage.TRANSFER]]
# Implemented or institutionalised: the region runs the innovation (publiccode
# usedBy, the dashboard's "implemented").
IMPLEMENTED = [Stage.IMPLEMENTATION, Stage.INSTITUTIONALISED]


def replication_count(innovation):
    """Regions replicating ``innovation`` (an ``InnovationPage`` or its pk):
    adoptions at technology transfer or later; an int."""
    pk = getattr(innovation, "pk", innovation)
    return Adoption.objects.filter(innovation_id=pk, stage__in=REPLICATING).count()


def implementing_region_names(innovation):
    """Names of the regions whose adoption of ``innovation`` is implemented or
    institutionalised, by name, without the host; a list of str."""
    names = (
        Adoption.objects.filter(innovation=innovation, stage__in=IMPLEMENTED)
        .exclude(region_id=innovation.host_region_id)
        .order_by("region__name")
        .values_list("region__name", flat=True)
    )
    return list(dict.fromkeys(names))


class Adoption(models.Model):
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("region"),
    )
    innovation = models.ForeignKey(
        "innovations.InnovationPage",
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("innovation"),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, db_index=True
    )
    stopped_reason = models.TextField(_("reason for stopping"), blank=True)
    started_on = models.DateField(_("started on"), validators=[validate_plausible_date])
    last_event_on = models.DateField(
        _("last event on"), db_index=True, validators=[validate_plausible_date]
    )

    responsible_opd = models.CharField(_("responsible OPD"), max_length=150, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    target_date = models.DateField(
        _("target date"), null=True, blank=True, validators=[validate_plausible_date]
    )

    # What the adopter adapted.
    adaptation_notes = models.TextField(_("what was adapted"), blank=True)
    variant_repository = models.URLField(
        _("variant repository"), blank=True, validators=[validate_https]
    )
    local_regulation = models.CharField(
        _("local regulation"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Perbup No. 12 Tahun 2025"),
    )
    apbd_cost = models.DecimalField(
        _("APBD cost (Rp)"),
        max_digits=16,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    vendor = models.CharField(_("vendor"), max_length=150, blank=True)

    # Confirmations by the host.
    letter_of_intent = models.ForeignKey(
        "AdoptionFile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("letter of intent (surat minat replikasi)"),
    )
    interest_acknowledged_at = models.DateTimeField(
        _("interest acknowledged by the host"), null=True, blank=True
    )
    agreement_confirmed_at = models.DateTimeField(
        _("agreement confirmed by the host"), null=True, blank=True
    )
    transfer_confirmed_at = models.DateTimeField(
        _("source-code transfer confirmed by the host"), null=True, blank=True
    )

    # Optimistic versioning: a form posts the version it was drawn from.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["region__code", "innovation__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "innovation"], name="one_adoption_per_region"
            )
        ]

    def __str__(self):
        return f"{self.region} · {self.innovation}"

    @property
    def is_stopped(self):
        return self.stage == Stage.STOPPED

    @property
    def next_step(self):
        """The next stage of the pipeline, or None when stopped or at the end."""
        rank = STAGE_RANK.get(self.stage)
        if rank is None or rank + 1 >= len(PIPELINE):
            return None
        return PIPELINE[rank + 1]


class StageEvent(models.Model):
    """One change of an adoption's stage: dated, attributed, with a note."""

    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="events"
    )
    from_stage = models.CharField(
        _("from stage"), max_length=20, choices=Stage.choices, blank=True
    )
    to_stage = models.CharField(_("to stage"), max_length=20, choices=Stage.choices)
    date = models.DateField(_("date"), validators=[validate_plausible_date])
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("stage event")
        verbose_name_plural = _("stage events")
        ordering = ["adoption", "date", "created_at", "pk"]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return (
            f"{self.adoption}: {self.from_stage or '-'} → {self.to_stage} ({self.date})"
        )

    @property
    def is_step_back(self):
        return (
            self.from_stage in STAGE_RANK
            and self.to_stage in STAGE_RANK
            and STAGE_RANK[self.to_stage] < STAGE_RANK[self.from_stage]
        )


class AdoptionFile(PrivateFile):
    """A private file of an adoption (letter of intent or evidence), a
    ``base.PrivateFile``: its only address is ``url``, the view that asks
    ``adoptions.view_records`` for ``adoption``. Saved with
    ``AdoptionFile.store(adoption=, kind=, uploaded=, user=)``."""

    storage_folder = "adopsi"

    class Kind(models.TextChoices):
        LETTER_OF_INTENT = "surat_minat", _("Letter of intent")
        EVIDENCE = "bukti_dukung", _("Evidence")

    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta(PrivateFile.Meta):
        verbose_name = _("adoption file")
        verbose_name_plural = _("adoption files")

    def get_absolute_url(self):
        return reverse("adoptions:file", kwargs={"token": self.token})

    @property
    def url(self):
        """The protected address (the only one a private file has)."""
        return self.get_absolute_url()


class AdoptionEvidence(Evidence):
    """Bukti dukung attached to a step: the same kind as a case study's SPBE
    evidence (``base.Evidence``: title, year, verification), so a region can
    reuse it in its own SPBE evaluation. The evidence is a private file of
    the adoption or an https:// address."""

    attachment_field = "file"

    event = models.ForeignKey(
        StageEvent, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.ForeignKey(
        AdoptionFile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file"),
    )
    indicators = models.ManyToManyField(
        SpbeIndicator, blank=True, verbose_name=_("SPBE indicators supported")
    )

    class Meta:
        verbose_name = _("adoption evidence")
        verbose_name_plural = _("adoption evidence")
        ordering = ["pk"]


class AdoptionFigure(BeforeAfterFigure):
    """An adopter's before/after on one of the host case study's measures
    (``base.BeforeAfterFigure``), so results compare across adopters."""

    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="figures"
    )
    # Set when the host's publishers confirm the figure (issue 18.6); only
    # confirmed figures appear on the case study. A change of the figure by
    # the team clears it.
    confirmed_at = models.DateTimeField(
        _("confirmed by the host at"), null=True, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    class Meta:
        verbose_name = _("adoption figure")
        ordering = ["measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["adoption", "measure"], name="one_figure_per_measure"
            )
        ]


# The regional SPBE self-assessment (issue 17, item 3) lives in its own
# subpackage; importing it here registers its models with this app.
from .self_assessment.models import (  # noqa: E402, F401
    SelfAssessment,
    SelfAssessmentAnswer,
    SelfAssessmentFile,
)
