"""The region register: provinces, kabupaten/kota, pilot participation, SPBE.

Codes follow Kemendagri (``32`` for a province, ``32.11`` for a regency).
A regency's kind and province follow from its code, so they are derived on
save, never typed. Official lists (the register, the predicate table) are
data loaded from fixtures and editable in the Wagtail admin.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Abs, Coalesce, Round
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from livinglab.base.i18n import localized
from livinglab.base.validators import YEAR_VALIDATORS
from livinglab.taxonomy.models import SpbeFramework, SpbeIndicator

from . import codes, spbe

INDEX_VALIDATORS = [
    MinValueValidator(spbe.INDEX_MIN),
    MaxValueValidator(spbe.INDEX_MAX),
]


class ProvinceCodeField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 2)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return None if value in (None, "") else codes.normalize_province_code(value)


class RegionCodeField(models.CharField):
    """Accepts ``32.11`` or ``3211``; stores ``32.11``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 5)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return None if value in (None, "") else codes.normalize_region_code(value)

    def get_prep_value(self, value):
        """Lookups accept either spelling; other text (``startswith="32"``)
        passes through untouched instead of raising."""
        value = models.Field.get_prep_value(self, value)
        if value in (None, ""):
            return value
        try:
            return codes.normalize_region_code(value)
        except ValidationError:
            return str(value)


class Province(models.Model):
    code = ProvinceCodeField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("code"), FieldPanel("name")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class RegionQuerySet(models.QuerySet):
    def autonomous(self):
        """Regions with an SPBE evaluation and a PKS of their own: all but
        the administrative units (DKI Jakarta's six). What SPBE, cohorts and
        adoption choices offer."""
        return self.filter(is_administrative=False)


class Region(ClusterableModel):
    """A kabupaten or kota."""

    class Kind(models.TextChoices):
        KABUPATEN = codes.KABUPATEN, _("Kabupaten")
        KOTA = codes.KOTA, _("Kota")

    code = RegionCodeField(
        _("code"),
        unique=True,
        help_text=_("Kemendagri code, e.g. 32.11 (3211 is accepted too)."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("e.g. Kabupaten Sumedang")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, editable=False
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="regions",
        editable=False,
    )
    is_administrative = models.BooleanField(
        _("administrative unit"),
        default=False,
        help_text=_(
            "Not autonomous (DKI Jakarta's kota/kabupaten administrasi): no SPBE "
            "evaluation and no PKS of its own; kept in the register, left out "
            "of SPBE, cohorts and adoptions. Set from "
            "fixtures/administrative_units.csv."
        ),
    )

    objects = RegionQuerySet.as_manager()

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("is_administrative"),
        InlinePanel("spbe_scores", label=_("SPBE index per year")),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")

    def __str__(self):
        return self.name

    @property
    def latest_spbe(self):
        """The most recent SPBE score; uses prefetched scores when present."""
        return max(self.spbe_scores.all(), key=lambda s: s.year, default=None)

    def clean(self):
        super().clean()
        if self.code:
            self._derive_from_code()

    def _derive_from_code(self):
        self.kind = codes.kind_for_code(self.code)
        province_code = codes.province_of(self.code)
        if self.province_id is None or self.province.code != province_code:
            try:
                self.province = Province.objects.get(code=province_code)
            except Province.DoesNotExist:
                raise ValidationError(
                    {
                        "code": _(
                            "No province has the code %(province)s (from %(code)s)."
                        )
                        % {"province": province_code, "code": self.code}
                    }
                ) from None

    def save(self, *args, **kwargs):
        self.code = codes.normalize_region_code(self.code)
        self._derive_from_code()
        super().save(*args, **kwargs)


class SpbeScoreQuerySet(models.QuerySet):
    def with_computed_index(self):
        """Annotate ``computed_index``: Σ weight × level / 100 (two decimals)
        over the levels the region has for the year, under the framework
        that covers the year (``SpbeFramework.for_year``); None unless every
        indicator of that framework has a level. Also ``level_count``."""
        framework = (
            SpbeFramework.objects.exclude(status=SpbeFramework.Status.DRAFT)
            .filter(valid_from__lte=OuterRef("year"))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("year")))
            .order_by("-valid_from")
            .values("pk")[:1]
        )
        levels = (
            SpbeIndicatorScore.objects.filter(
                region=OuterRef("region"),
                year=OuterRef("year"),
                indicator__framework=OuterRef("framework_id"),
            )
            .order_by()
            .values("region")
        )
        decimal = models.DecimalField(max_digits=8, decimal_places=3)
        total = levels.annotate(
            total=Sum(
                ExpressionWrapper(F("level") * F("indicator__weight"), decimal),
                output_field=decimal,
            )
        ).values("total")
        count = levels.annotate(n=Count("pk")).values("n")
        needed = (
            SpbeIndicator.objects.filter(framework=OuterRef("framework_id"))
            .order_by()
            .values("framework")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            framework_id=Subquery(framework),
            level_count=Coalesce(Subquery(count), 0),
            indicator_count=Subquery(needed),
            computed_index=Case(
                When(
                    level_count=F("indicator_count"),
                    then=Round(ExpressionWrapper(Subquery(total) / 100, decimal), 2),
                ),
                default=None,
                output_field=models.DecimalField(max_digits=3, decimal_places=2),
            ),
        )

    def flagged(self):
        """Region-years whose computed index differs from the official one by
        more than 0.01 (indices have two decimals: 0.02 or more)."""
        return (
            self.with_computed_index()
            .filter(computed_index__isnull=False)
            .annotate(
                gap=ExpressionWrapper(
                    Abs(F("computed_index") - F("index")),
                    models.DecimalField(max_digits=3, decimal_places=2),
                )
            )
            .filter(gap__gt=Decimal("0.015"))
        )


class SpbeScore(models.Model):
    """A region's SPBE index in one evaluation year.

    ``index`` is the official index as published by KemenPAN-RB; where the
    region's indicator levels for the year are recorded, the index computed
    from them (``SpbeScore.objects.with_computed_index()``) stands beside it
    and a difference above 0.01 is flagged (``flagged()``, ``is_flagged``).
    """

    region = ParentalKey(Region, on_delete=models.CASCADE, related_name="spbe_scores")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    index = models.DecimalField(
        _("official SPBE index"),
        max_digits=3,
        decimal_places=2,
        validators=INDEX_VALIDATORS,
        help_text=_("As published by KemenPAN-RB, 1.00-5.00."),
    )

    objects = SpbeScoreQuerySet.as_manager()

    panels = [FieldPanel("year"), FieldPanel("index")]

    class Meta:
        ordering = ["region", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"], name="unique_spbe_score_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(index__gte=1) & models.Q(index__lte=5),
                name="spbe_score_index_1_to_5",
            ),
        ]
        verbose_name = _("SPBE index")
        verbose_name_plural = _("SPBE indices")

    def __str__(self):
        return f"{self.region} {self.year}: {self.index}"

    @property
    def official_index(self):
        return self.index

    @property
    def difference(self):
        """Computed minus official (a Decimal), or None without levels; needs
        ``with_computed_index()``."""
        computed = getattr(self, "computed_index", None)
        if computed is None:
            return None
        return Decimal(str(computed)).quantize(spbe.TWO_PLACES) - self.index

    @property
    def is_flagged(self) -> bool:
        """Whether the computed index differs from the official by > 0.01."""
        return spbe.differs(getattr(self, "computed_index", None), self.index)


class SpbeIndicatorScore(models.Model):
    """A region's maturity level (1-5) on one SPBE indicator in one year: what
    recommendations read to find where a region scores lowest."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="spbe_indicator_scores"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    indicator = models.ForeignKey(
        "taxonomy.SpbeIndicator",
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("SPBE indicator"),
    )
    level = models.PositiveSmallIntegerField(
        _("maturity level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["region", "year", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "indicator"],
                name="unique_indicator_score",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1) & models.Q(level__lte=5),
                name="indicator_level_range",
            ),
        ]
        verbose_name = _("SPBE indicator level")
        verbose_name_plural = _("SPBE indicator levels")

    def __str__(self):
        return f"{self.region} {self.year} {self.indicator_id}: {self.level}"


class NationalSpbeAverage(models.Model):
    """The national SPBE index of one year (all evaluated agencies), as
    KemenPAN-RB publishes it (2020-2024: KepmenPANRB 663/2024)."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=YEAR_VALIDATORS
    )
    index = models.DecimalField(
        _("national average"),
        max_digits=3,
        decimal_places=2,
        validators=INDEX_VALIDATORS,
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("e.g. KepmenPANRB 663/2024"),
    )

    panels = [FieldPanel("year"), FieldPanel("index"), FieldPanel("source")]

    class Meta:
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(index__gte=1) & models.Q(index__lte=5),
                name="national_spbe_index_1_to_5",
            ),
        ]
        verbose_name = _("national SPBE average")
        verbose_name_plural = _("national SPBE averages")

    def __str__(self):
        return f"{self.year}: {self.index}"


class SpbePredicate(models.Model):
    """One band of the index -> predicate table of PermenPANRB 59/2020.

    A predicate applies from ``min_index`` up to the next band's minimum.
    """

    min_index = models.DecimalField(
        _("lowest index"),
        max_digits=3,
        decimal_places=2,
        unique=True,
        validators=INDEX_VALIDATORS,
    )
    name = models.CharField(_("predicate (Indonesian)"), max_length=50)
    name_en = models.CharField(_("predicate (English)"), max_length=50, blank=True)

    panels = [FieldPanel("min_index"), FieldPanel("name"), FieldPanel("name_en")]

    class Meta:
        ordering = ["min_index"]
        verbose_name = _("SPBE predicate")
        verbose_name_plural = _("SPBE predicates")

    def __str__(self):
        return f"≥ {self.min_index}: {self.name}"

    @property
    def label(self):
        """The name in the active language (Indonesian unless English is active)."""
        return localized(self.name, self.name_en)

    @classmethod
    def table(cls):
        return list(cls.objects.all())

    @classmethod
    def for_index(cls, index, table=None):
        return spbe.predicate_for(index, cls.table() if table is None else table)


class ParticipationQuerySet(models.QuerySet):
    def pilot(self):
        """The pilot's 62: the study-visit and top-SPBE cohorts (not the
        host, whose cohort is apart)."""
        return self.filter(cohort__in=Participation.PILOT_COHORTS)


class Participation(models.Model):
    """A region's membership of the living-lab pilot."""

    class Cohort(models.TextChoices):
        STUDY_VISIT = "study_visit", _("Study visit to the host")
        TOP_SPBE = "top_spbe", _("Top SPBE performer")
        HOST = "host", _("Host region")

    # The cohorts of the 62 pilot regions (the host is apart from them).
    PILOT_COHORTS = (Cohort.STUDY_VISIT, Cohort.TOP_SPBE)

    region = models.OneToOneField(
        Region,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="participation",
    )
    cohort = models.CharField(_("cohort"), max_length=20, choices=Cohort.choices)
    is_host = models.BooleanField(
        _("hosts innovations"),
        default=False,
        help_text=_("The region publishes innovations for others to replicate."),
    )
    joined_on = models.DateField(_("joined on"))
    is_demonstration = models.BooleanField(
        _("demonstration record"),
        default=False,
        help_text=_(
            "Part of the demonstration cohort shipped with the platform, not the "
            "official list."
        ),
    )

    objects = ParticipationQuerySet.as_manager()

    panels = [
        FieldPanel("region"),
        FieldPanel("cohort"),
        FieldPanel("is_host"),
        FieldPanel("joined_on"),
        FieldPanel("is_demonstration"),
    ]

    class Meta:
        ordering = ["region__code"]
        verbose_name = _("pilot participation")
        verbose_name_plural = _("pilot participations")

    def __str__(self):
        return f"{self.region} ({self.get_cohort_display()})"

    def clean(self):
        super().clean()
        if self.region_id and self.region.is_administrative:
            raise ValidationError(
                {
                    "region": _(
                        "%(region)s is an administrative unit of DKI Jakarta: it "
                        "has no SPBE evaluation or PKS of its own and cannot join "
                        "a cohort."
                    )
                    % {"region": self.region}
                }
            )


class RegisterAct(models.Model):
    """The legal act the region register follows (names and codes).

    The register, its exports and the open data cite the act in force (the
    latest ``issued_on``), so a new Kepmendagri on region codes is one admin
    edit, not a code change. Seeded by a data migration with Kepmendagri
    No. 300.2.2-2138 Tahun 2025 (25 April 2025).
    """

    kind = models.CharField(
        _("kind of act"),
        max_length=100,
        default="Keputusan Menteri Dalam Negeri",
        help_text=_("e.g. Keputusan Menteri Dalam Negeri"),
    )
    number = models.CharField(
        _("number"), max_length=100, help_text=_("e.g. 300.2.2-2138 Tahun 2025")
    )
    title = models.CharField(_("title"), max_length=300)
    issued_on = models.DateField(_("issued on"), unique=True)
    url = models.URLField(_("address"), blank=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("issued_on"),
        FieldPanel("url"),
    ]

    class Meta:
        ordering = ["-issued_on"]
        verbose_name = _("register act")
        verbose_name_plural = _("register acts")

    def __str__(self):
        return self.citation()

    def citation(self) -> str:
        """``Keputusan Menteri Dalam Negeri Nomor … tentang … (2025-04-25)``."""
        return (
            f"{self.kind} Nomor {self.number} tentang {self.title} "
            f"({self.issued_on.isoformat()})"
        )

    @classmethod
    def current(cls):
        """The act in force (latest ``issued_on``), or ``None`` if none is
        recorded."""
        return cls.objects.order_by("-issued_on").first()
