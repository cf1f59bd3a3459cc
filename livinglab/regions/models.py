"""The region register: provinces, kabupaten/kota, pilot participation, SPBE.

Codes follow Kemendagri (``32`` for a province, ``32.11`` for a regency).
A regency's kind and province follow from its code, so they are derived on
save, never typed. Official lists (the register, the predicate table) are
data loaded from fixtures and editable in the Wagtail admin.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from livinglab.base.i18n import localized

from . import codes, spbe

YEAR_VALIDATORS = [MinValueValidator(2015), MaxValueValidator(2100)]
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

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
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


class SpbeScore(models.Model):
    """A region's SPBE index in one evaluation year."""

    region = ParentalKey(Region, on_delete=models.CASCADE, related_name="spbe_scores")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    index = models.DecimalField(
        _("SPBE index"), max_digits=3, decimal_places=2, validators=INDEX_VALIDATORS
    )

    panels = [FieldPanel("year"), FieldPanel("index")]

    class Meta:
        ordering = ["region", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"], name="unique_spbe_score_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(index__gte=0) & models.Q(index__lte=5),
                name="spbe_score_index_range",
            ),
        ]
        verbose_name = _("SPBE index")
        verbose_name_plural = _("SPBE indices")

    def __str__(self):
        return f"{self.region} {self.year}: {self.index}"


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
    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=YEAR_VALIDATORS
    )
    index = models.DecimalField(
        _("national average"),
        max_digits=3,
        decimal_places=2,
        validators=INDEX_VALIDATORS,
    )

    panels = [FieldPanel("year"), FieldPanel("index")]

    class Meta:
        ordering = ["year"]
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


class Participation(models.Model):
    """A region's membership of the living-lab pilot."""

    class Cohort(models.TextChoices):
        STUDY_VISIT = "study_visit", _("Study visit to the host")
        TOP_SPBE = "top_spbe", _("Top SPBE performer")

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
