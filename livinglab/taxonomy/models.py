"""The lists that tag an innovation: official vocabularies kept as data.

Smart City dimensions, SPM sectors and programme themes are loaded from
fixtures/taxonomy.json by ``load_taxonomy`` and edited in the Wagtail admin.
SPBE frameworks (PermenPANRB 59/2020, the draft Indeks Pemerintah Digital)
are versioned data from fixtures/spbe/*.json: each owns its domains, aspects
and indicators with weights and per-level criteria (see docs/SPBE.md).
Technology tags are free: importing an innovation creates the ones it names.
Every term carries an Indonesian and an English name; ``label`` picks the
active language, and ``match`` finds a term by either name, case-insensitively.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from livinglab.base.i18n import localized
from livinglab.base.validators import validate_https


class Term(models.Model):
    name = models.CharField(_("name (Indonesian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return localized(self.name, self.name_en)

    @classmethod
    def match(cls, label):
        """The term named ``label`` in Indonesian or English, any case, or None."""
        label = (label or "").strip()
        if not label:
            return None
        return cls.objects.filter(
            Q(name__iexact=label) | Q(name_en__iexact=label)
        ).first()


class SmartCityDimension(Term):
    class Meta(Term.Meta):
        verbose_name = _("Smart City dimension")
        verbose_name_plural = _("Smart City dimensions")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="unique_dimension_name")
        ]


class SpmSector(Term):
    class Meta(Term.Meta):
        verbose_name = _("SPM basic service")
        verbose_name_plural = _("SPM basic services")
        constraints = [models.UniqueConstraint(Lower("name"), name="unique_spm_name")]


class Theme(Term):
    class Meta(Term.Meta):
        verbose_name = _("thematic priority")
        verbose_name_plural = _("thematic priorities")
        constraints = [models.UniqueConstraint(Lower("name"), name="unique_theme_name")]


class TechnologyTag(models.Model):
    name = models.CharField(_("name"), max_length=60)

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="unique_technology_name")
        ]

    def __str__(self):
        return self.name

    label = property(lambda self: self.name)

    @classmethod
    def get_or_create_named(cls, name):
        name = " ".join((name or "").split())[:60]
        tag = cls.objects.filter(name__iexact=name).first()
        return tag or cls.objects.create(name=name)


class SpbeFrameworkQuerySet(models.QuerySet):
    def active(self):
        """The framework case studies are tagged with today, as a queryset of
        at most one row: the active framework with the latest ``valid_from``
        (of two from the same year, the newer row). ``.first()`` gives it or
        None; ``SpbePart.objects.current()`` filters by it."""
        latest = (
            self.model.objects.filter(status=self.model.Status.ACTIVE)
            .order_by("-valid_from", "-pk")
            .values("pk")[:1]
        )
        return self.filter(pk__in=latest)


class SpbeFramework(models.Model):
    """One version of the SPBE evaluation: the regulation, its levels and
    predicate bands, and (through its domains, aspects and indicators) the
    weights that turn indicator levels into an index.

    Frameworks are data (``fixtures/spbe/*.json``, loaded by
    ``livinglab.taxonomy.frameworks.load_framework``; format in docs/SPBE.md).
    ``levels`` is ``[{"level": 1, "name": "Rintisan", "name_en": ...}, ...]``
    (levels 1-5); ``predicates`` is ``[{"min_index": "4.20", "name":
    "Memuaskan", "name_en": ...}, ...]`` where a band runs from its
    ``min_index`` up to the next band's. ``to_be_confirmed`` lists the field
    names whose values public sources do not yet confirm.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        RETIRED = "retired", _("Retired")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (Indonesian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    regulation = models.CharField(_("regulation"), max_length=300)
    valid_from = models.PositiveSmallIntegerField(_("first evaluation year"))
    valid_to = models.PositiveSmallIntegerField(
        _("last evaluation year"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    levels = models.JSONField(_("level names"), default=list, blank=True)
    predicates = models.JSONField(_("predicate bands"), default=list, blank=True)
    source = models.TextField(_("sources"), blank=True)
    to_be_confirmed = models.JSONField(
        _("values to be confirmed"), default=list, blank=True
    )

    objects = SpbeFrameworkQuerySet.as_manager()

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("regulation"),
        FieldPanel("valid_from"),
        FieldPanel("valid_to"),
        FieldPanel("status"),
        FieldPanel("levels"),
        FieldPanel("predicates"),
        FieldPanel("source"),
        FieldPanel("to_be_confirmed"),
    ]

    class Meta:
        ordering = ["-valid_from", "code"]
        verbose_name = _("SPBE framework")
        verbose_name_plural = _("SPBE frameworks")

    def __str__(self):
        return f"{self.label} ({self.get_status_display()})"

    @property
    def label(self):
        return localized(self.name, self.name_en)

    @property
    def unconfirmed(self) -> str:
        """The values still to be confirmed, for the admin listing."""
        return ", ".join(self.to_be_confirmed or [])

    def level_name(self, level):
        """The name of ``level`` (1-5) in the active language, or ``""``."""
        for row in self.levels or []:
            if row.get("level") == level:
                return localized(row.get("name", ""), row.get("name_en", ""))
        return ""

    def predicate_for(self, index):
        """The predicate band (a dict) ``index`` falls in, or None."""
        if index is None:
            return None
        index = Decimal(str(index))
        best = None
        for row in self.predicates or []:
            low = Decimal(str(row["min_index"]))
            if low <= index and (best is None or low > Decimal(str(best["min_index"]))):
                best = row
        return best

    @classmethod
    def for_year(cls, year):
        """The framework a region's evaluation of ``year`` follows: an active
        or retired framework whose validity covers the year (drafts never),
        the latest first; None when no framework covers it."""
        return (
            cls.objects.exclude(status=cls.Status.DRAFT)
            .filter(valid_from__lte=year)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=year))
            .order_by("-valid_from")
            .first()
        )


class CurrentFrameworkQuerySet(models.QuerySet):
    def current(self):
        """Rows of the framework innovations are tagged with today
        (``SpbeFramework.objects.active()``)."""
        return self.filter(framework__in=SpbeFramework.objects.active())


class SpbePart(Term):
    """What domains, aspects and indicators share: a framework, a number
    unique within it, a weight (% of the index) and unconfirmed values."""

    number = models.PositiveSmallIntegerField(_("number"))
    weight = models.DecimalField(
        _("weight (%)"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    to_be_confirmed = models.JSONField(
        _("values to be confirmed"), default=list, blank=True
    )

    # Every framework's rows: a number alone is ambiguous once a second
    # framework is loaded, so lookups by number go through ``current()``
    # (the framework innovations are tagged with) or name the framework.
    objects = CurrentFrameworkQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["framework", "number"]

    @property
    def unconfirmed(self) -> str:
        return ", ".join(self.to_be_confirmed or [])


class SpbeDomain(SpbePart):
    framework = models.ForeignKey(
        SpbeFramework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="domains",
    )

    panels = [
        FieldPanel("framework"),
        FieldPanel("number"),
        *Term.panels[:2],
        FieldPanel("weight"),
        FieldPanel("to_be_confirmed"),
    ]

    class Meta(SpbePart.Meta):
        verbose_name = _("SPBE domain")
        verbose_name_plural = _("SPBE domains")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="unique_domain_per_framework"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.label}"


class SpbeAspect(SpbePart):
    framework = models.ForeignKey(
        SpbeFramework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="aspects",
    )
    domain = models.ForeignKey(
        SpbeDomain,
        verbose_name=_("domain"),
        on_delete=models.PROTECT,
        related_name="aspects",
        null=True,
        blank=True,
        help_text=_("Empty for a framework without domains."),
    )

    panels = [
        FieldPanel("framework"),
        FieldPanel("number"),
        FieldPanel("domain"),
        *Term.panels[:2],
        FieldPanel("weight"),
        FieldPanel("to_be_confirmed"),
    ]

    class Meta(SpbePart.Meta):
        verbose_name = _("SPBE aspect")
        verbose_name_plural = _("SPBE aspects")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="unique_aspect_per_framework"
            )
        ]

    def __str__(self):
        return f"{_('Aspect')} {self.number}: {self.label}"


class SpbeIndicator(ClusterableModel, SpbePart):
    """One indicator; its ``weight`` is its share (%) of the index, so the
    index is Σ weight × level / 100 over the framework's indicators."""

    framework = models.ForeignKey(
        SpbeFramework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    aspect = models.ForeignKey(
        SpbeAspect,
        verbose_name=_("aspect"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )

    panels = [
        FieldPanel("framework"),
        FieldPanel("number"),
        FieldPanel("aspect"),
        *Term.panels[:2],
        FieldPanel("weight"),
        FieldPanel("to_be_confirmed"),
        InlinePanel("criteria", label=_("Criteria per level")),
    ]

    class Meta(SpbePart.Meta):
        verbose_name = _("SPBE indicator")
        verbose_name_plural = _("SPBE indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="unique_indicator_per_framework"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.label}"


class SpbeLevelCriterion(models.Model):
    """What an indicator needs at one level, and the bukti dukung
    (supporting evidence) that shows it. Editable guidance in our words,
    not the regulation's text."""

    indicator = ParentalKey(
        SpbeIndicator, on_delete=models.CASCADE, related_name="criteria"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    criteria = models.TextField(_("what the level needs"), blank=True)
    evidence = models.TextField(_("bukti dukung (supporting evidence)"), blank=True)

    panels = [FieldPanel("level"), FieldPanel("criteria"), FieldPanel("evidence")]

    class Meta:
        ordering = ["indicator", "level"]
        verbose_name = _("level criterion")
        verbose_name_plural = _("level criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "level"], name="unique_criterion_per_level"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5),
                name="criterion_level_range",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} – {self.level}"


class SpbeCrosswalk(models.Model):
    """A link between indicators of two frameworks, so an innovation tagged
    under one stays findable under the other."""

    class Relation(models.TextChoices):
        SAME = "same", _("Same indicator")
        PART = "part", _("Covers part of it")
        RELATED = "related", _("Related")

    source = models.ForeignKey(
        SpbeIndicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="crosswalk_out",
    )
    target = models.ForeignKey(
        SpbeIndicator,
        verbose_name=_("corresponds to"),
        on_delete=models.CASCADE,
        related_name="crosswalk_in",
    )
    relation = models.CharField(
        _("relation"), max_length=10, choices=Relation.choices, default=Relation.RELATED
    )
    to_be_confirmed = models.BooleanField(_("to be confirmed"), default=True)
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldPanel("source"),
        FieldPanel("target"),
        FieldPanel("relation"),
        FieldPanel("to_be_confirmed"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("SPBE crosswalk link")
        verbose_name_plural = _("SPBE crosswalk")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target"], name="unique_crosswalk_link"
            )
        ]

    def __str__(self):
        return (
            f"{self.source.framework.code}:{self.source.number} → "
            f"{self.target.framework.code}:{self.target.number}"
        )


class NationalApplication(models.Model):
    """A national application regions are expected to use rather than build
    again (Perpres 82/2023, Percepatan Transformasi Digital dan Keterpaduan
    Layanan Digital Nasional): SRIKANDI, SIPD, SP4N-LAPOR!, ...

    Editable data, seeded by the migration
    ``0005_national_applications``; every seeded fact names its source in
    ``source`` and the facts not yet confirmed are listed in
    ``to_be_confirmed`` (free text), for an administrator to check. Case
    studies point at it through ``innovations.NationalApplicationLink``
    ("integrates with" / "overlaps with")."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    owner = models.CharField(
        _("owner ministry or agency"),
        max_length=200,
        help_text=_("e.g. ANRI, Kemendagri, KemenPAN-RB"),
    )
    purpose = models.TextField(_("what it does (Indonesian)"), max_length=600)
    purpose_en = models.TextField(
        _("what it does (English)"), max_length=600, blank=True
    )
    url = models.URLField(
        _("address"),
        blank=True,
        validators=[validate_https],
        help_text=_("https only; leave empty when unsure."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_("The regulation that makes it the national application."),
    )
    source = models.TextField(_("sources of these facts"), blank=True)
    to_be_confirmed = models.TextField(_("facts to be confirmed"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("owner"),
        FieldPanel("purpose"),
        FieldPanel("purpose_en"),
        FieldPanel("url"),
        FieldPanel("legal_basis"),
        FieldPanel("source"),
        FieldPanel("to_be_confirmed"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("national application")
        verbose_name_plural = _("national applications")

    def __str__(self):
        return f"{self.name} ({self.owner})"

    @property
    def purpose_label(self):
        """What it does, in the active language."""
        return localized(self.purpose, self.purpose_en)
