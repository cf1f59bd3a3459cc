from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Participation, Province, Region
from .queries import matching_regions

BOOLEAN_CHOICES = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


class RegionFilterForm(forms.Form):
    """Filters shared by the public region list and ``/api/v1/regions/``.

    Unknown values are a validation error with a message, never a 500.
    """

    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All provinces"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All")), *Region.Kind.choices],
        required=False,
    )
    participating = forms.ChoiceField(
        label=_("In the pilot"), choices=BOOLEAN_CHOICES, required=False
    )
    cohort = forms.ChoiceField(
        label=_("Cohort"),
        choices=[("", _("All")), *Participation.Cohort.choices],
        required=False,
    )

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("q"):
            queryset = matching_regions(queryset, data["q"])
        if data.get("province"):
            queryset = queryset.filter(province=data["province"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        # true: the pilot's 62 (study-visit and top-SPBE cohorts; the host has
        # a cohort of its own, apart from them); false: no participation.
        if data.get("participating") == "true":
            queryset = queryset.filter(
                participation__cohort__in=Participation.PILOT_COHORTS
            )
        elif data.get("participating") == "false":
            queryset = queryset.filter(participation__isnull=True)
        if data.get("cohort"):
            queryset = queryset.filter(participation__cohort=data["cohort"])
        return queryset
