"""The lists that tag an innovation: official vocabularies kept as data.

Smart City dimensions, SPM sectors, programme themes and the SPBE structure
(4 domains, 8 aspects, 47 indicators of PermenPANRB 59/2020) are loaded from
fixtures/taxonomy.json by ``load_taxonomy`` and edited in the Wagtail admin.
Technology tags are free: importing an innovation creates the ones it names.
Every term carries an Indonesian and an English name; ``label`` picks the
active language, and ``match`` finds a term by either name, case-insensitively.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from livinglab.base.i18n import localized


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


class SpbeDomain(Term):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    weight = models.DecimalField(
        _("weight (%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )

    panels = [FieldPanel("number"), *Term.panels[:2], FieldPanel("weight")]

    class Meta:
        ordering = ["number"]
        verbose_name = _("SPBE domain")
        verbose_name_plural = _("SPBE domains")

    def __str__(self):
        return f"{self.number}. {self.label}"


class SpbeAspect(Term):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    domain = models.ForeignKey(
        SpbeDomain,
        verbose_name=_("domain"),
        on_delete=models.PROTECT,
        related_name="aspects",
    )

    panels = [FieldPanel("number"), FieldPanel("domain"), *Term.panels[:2]]

    class Meta:
        ordering = ["number"]
        verbose_name = _("SPBE aspect")
        verbose_name_plural = _("SPBE aspects")

    def __str__(self):
        return f"{_('Aspect')} {self.number}: {self.label}"


class SpbeIndicator(Term):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    aspect = models.ForeignKey(
        SpbeAspect,
        verbose_name=_("aspect"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )

    panels = [FieldPanel("number"), FieldPanel("aspect"), *Term.panels[:2]]

    class Meta:
        ordering = ["number"]
        verbose_name = _("SPBE indicator")
        verbose_name_plural = _("SPBE indicators")

    def __str__(self):
        return f"{self.number}. {self.label}"
