from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from livinglab.regions.models import Region
from livinglab.taxonomy.models import (
    SmartCityDimension,
    SpbeAspect,
    SpbeDomain,
    SpbeIndicator,
    SpmSector,
    TechnologyTag,
    Theme,
)

from .models import InnovationPage


class InnovationFilterForm(forms.Form):
    """The simple filters of the innovation library (search has the rest)."""

    q = forms.CharField(
        label=_("Title or OPD contains"), required=False, max_length=200
    )
    dimension = forms.ModelChoiceField(
        label=_("Smart City dimension"),
        queryset=SmartCityDimension.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    spbe_domain = forms.ModelChoiceField(
        label=_("SPBE domain"),
        queryset=SpbeDomain.objects.current(),
        required=False,
        empty_label=_("All"),
    )
    spbe_aspect = forms.ModelChoiceField(
        label=_("SPBE aspect"),
        queryset=SpbeAspect.objects.current(),
        to_field_name="number",
        required=False,
        empty_label=_("All"),
    )
    spbe_indicator = forms.ModelChoiceField(
        label=_("SPBE indicator"),
        queryset=SpbeIndicator.objects.current(),
        to_field_name="number",
        required=False,
        empty_label=_("All"),
    )
    spm = forms.ModelChoiceField(
        label=_("SPM basic service"),
        queryset=SpmSector.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    technology = forms.ModelChoiceField(
        label=_("Technology"),
        queryset=TechnologyTag.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    host = forms.ModelChoiceField(
        label=_("Host region"),
        queryset=Region.objects.filter(participation__is_host=True),
        to_field_name="code",
        required=False,
        empty_label=_("All"),
    )
    maturity = forms.ChoiceField(
        label=_("Maturity"),
        choices=[("", _("All")), *InnovationPage.Maturity.choices],
        required=False,
    )

    def filter(self, pages):
        data = self.cleaned_data
        if data.get("q"):
            pages = pages.filter(
                Q(title__icontains=data["q"]) | Q(opd__icontains=data["q"])
            )
        if data.get("dimension"):
            pages = pages.filter(dimensions=data["dimension"])
        if data.get("spbe_domain"):
            pages = pages.filter(spbe_indicators__aspect__domain=data["spbe_domain"])
        if data.get("spbe_aspect"):
            pages = pages.filter(spbe_indicators__aspect=data["spbe_aspect"])
        if data.get("spbe_indicator"):
            pages = pages.filter(spbe_indicators=data["spbe_indicator"])
        if data.get("technology"):
            pages = pages.filter(technologies=data["technology"])
        if data.get("spm"):
            pages = pages.filter(spm_sectors=data["spm"])
        if data.get("theme"):
            pages = pages.filter(themes=data["theme"])
        if data.get("host"):
            pages = pages.filter(host_region=data["host"])
        if data.get("maturity"):
            pages = pages.filter(maturity=data["maturity"])
        return pages.distinct()
