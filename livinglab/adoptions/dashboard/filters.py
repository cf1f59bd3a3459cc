"""The dashboard's filters: one form and one filtered set for every figure.

``AdoptionFilterForm`` (province, cohort, Smart City dimension, theme,
stalled days) serves the dashboard's exports and the summary API;
``DashboardForm`` adds the two SPBE evaluation years for the page. Both give
``Filters``, whose querysets (pilot regions, live innovations, the
adoptions and events joining them) every function of ``dashboard`` starts
from.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innovations.models import InnovationPage
from livinglab.regions.models import Participation, Province, Region
from livinglab.taxonomy.models import SmartCityDimension, Theme

from ..models import Adoption, StageEvent

STALLED_DAYS_MIN, STALLED_DAYS_MAX = 1, 3650


def default_stalled_days():
    return int(getattr(settings, "ADOPTION_STALLED_DAYS", 60))


class TermField(forms.ModelChoiceField):
    """A taxonomy term by id (the form's select) or by its Indonesian or
    English name, any case (``?dimension=Smart Governance`` in the API)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if text.isdecimal() and text.isascii():
            return super().to_python(text)
        term = self.queryset.filter(
            Q(name__iexact=text) | Q(name_en__iexact=text)
        ).first()
        if term is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return term


class AdoptionFilterForm(forms.Form):
    """Filters shared by the dashboard, its exports and the summary API.

    An unknown province, cohort, dimension or theme is a validation error
    with a message (400 in the API), never an empty result in silence.
    """

    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All provinces"),
    )
    cohort = forms.ChoiceField(
        label=_("Cohort"),
        choices=[("", _("All cohorts")), *Participation.Cohort.choices],
        required=False,
    )
    dimension = TermField(
        label=_("Smart City dimension"),
        queryset=SmartCityDimension.objects.all(),
        required=False,
        empty_label=_("All dimensions"),
    )
    theme = TermField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("All themes"),
    )
    stalled_days = forms.IntegerField(
        label=_("Stalled after (days)"),
        min_value=STALLED_DAYS_MIN,
        max_value=STALLED_DAYS_MAX,
        required=False,
    )

    FILTER_FIELDS = ("province", "cohort", "dimension", "theme")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stalled_days"].widget.attrs["placeholder"] = str(
            default_stalled_days()
        )

    def filters(self):
        data = self.cleaned_data
        return Filters(
            province=data.get("province"),
            cohort=data.get("cohort") or "",
            dimension=data.get("dimension"),
            theme=data.get("theme"),
        )

    def stalled_days_value(self):
        return self.cleaned_data.get("stalled_days") or default_stalled_days()


class DashboardForm(AdoptionFilterForm):
    """The dashboard's form: the filters plus the two SPBE evaluation years."""

    spbe_from = forms.TypedChoiceField(
        label=_("SPBE change from"),
        coerce=int,
        required=False,
        help_text=_("By default, the two latest evaluation years."),
    )
    spbe_to = forms.TypedChoiceField(label=_("to"), coerce=int, required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.years = list(years)
        choices = [("", _("Default"))] + [(str(y), str(y)) for y in self.years]
        self.fields["spbe_from"].choices = choices
        self.fields["spbe_to"].choices = choices

    def clean(self):
        data = super().clean()
        year_from, year_to = data.get("spbe_from"), data.get("spbe_to")
        if year_from in ("", None) or year_to in ("", None):
            defaults = self.years[-2:] if len(self.years) >= 2 else [None, None]
            year_from = defaults[0] if year_from in ("", None) else year_from
            year_to = defaults[1] if year_to in ("", None) else year_to
        if year_from is not None and year_to is not None and year_from >= year_to:
            self.add_error(
                "spbe_to", _("Choose a later year than the first evaluation year.")
            )
        data["spbe_years"] = (year_from, year_to)
        return data


@dataclass(frozen=True)
class Filters:
    province: Province | None = None
    cohort: str = ""
    dimension: SmartCityDimension | None = None
    theme: Theme | None = None

    def regions(self):
        """Pilot regions (the 62; the host's cohort is apart) within the
        province and cohort filters."""
        q = Q(participation__cohort__in=Participation.PILOT_COHORTS)
        if self.province is not None:
            q &= Q(province=self.province)
        if self.cohort:
            q &= Q(participation__cohort=self.cohort)
        return Region.objects.filter(q)

    def innovations(self):
        """Published case studies within the dimension and theme filters."""
        q = Q()
        if self.dimension is not None:
            q &= Q(dimensions=self.dimension)
        if self.theme is not None:
            q &= Q(themes=self.theme)
        return InnovationPage.objects.published().filter(q)

    def adoptions(self):
        # Semi-joins on the two id sets: PostgreSQL hashes 62-514 regions and
        # a few thousand pages once instead of joining four tables per row.
        return Adoption.objects.filter(
            region_id__in=self.regions().values("pk"),
            innovation_id__in=self.innovations().values("pk"),
        )

    def events(self):
        return StageEvent.objects.filter(adoption_id__in=self.adoptions().values("pk"))

    def as_params(self):
        """The filters as query parameters (for links and the API's echo)."""
        return {
            key: value
            for key, value in {
                "province": self.province.code if self.province else "",
                "cohort": self.cohort,
                "dimension": str(self.dimension.pk) if self.dimension else "",
                "theme": str(self.theme.pk) if self.theme else "",
            }.items()
            if value
        }

    def describe(self):
        """``[(label, value)]`` of the active filters, for people (exports)."""
        parts = []
        if self.province:
            parts.append((str(_("Province")), self.province.name))
        if self.cohort:
            parts.append(
                (str(_("Cohort")), str(Participation.Cohort(self.cohort).label))
            )
        if self.dimension:
            parts.append((str(_("Smart City dimension")), self.dimension.label))
        if self.theme:
            parts.append((str(_("Theme")), self.theme.label))
        return parts
