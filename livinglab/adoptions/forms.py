"""Forms of the regency workspace and the host view.

Each form validates input only; the pipeline rules and the writes are in
``pipeline.py``, so the API and the import apply exactly the same rules.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _

from innovations.models import InnovationPage
from livinglab.base.forms import CleanTextMixin
from livinglab.base.uploads import safe_filename, validate_upload
from livinglab.base.validators import (
    validate_https,
    validate_not_in_future,
    validate_plausible_date,
)
from livinglab.taxonomy.models import SpbeIndicator

from . import pipeline
from .models import Adoption, Stage
from .overlaps import add_acknowledgement
from .pipeline import EvidenceInput


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in groups: each group of choices in its own ``<fieldset>``
    with the group's name as ``<legend>`` (GOV.UK's checkboxes pattern, for
    long lists). Give it grouped choices: ``[(group, [(value, label), ...])]``.
    """

    template_name = "adoptions/widgets/grouped_checkboxes.html"


class IndicatorsByAspectField(forms.ModelMultipleChoiceField):
    """SPBE indicators chosen by number, offered as checkboxes grouped by
    their aspect (PermenPANRB 59/2020: 8 aspects, 47 indicators)."""

    widget = GroupedCheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("to_field_name", "number")
        super().__init__(**kwargs)

    def _grouped_choices(self):
        groups = {}
        for indicator in self.queryset.select_related("aspect").order_by(
            "aspect__number", "number"
        ):
            groups.setdefault(indicator.aspect, []).append(
                (indicator.number, str(indicator))
            )
        return [(str(aspect), options) for aspect, options in groups.items()]

    def _get_choices(self):
        return CallableChoiceIterator(self._grouped_choices)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


class EvidenceFields(CleanTextMixin, forms.Form):
    """Optional evidence (bukti dukung) attached to a step."""

    evidence_title = forms.CharField(
        label=_("Evidence title"), max_length=200, required=False
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("PDF, office document, image or ZIP."),
    )
    evidence_url = forms.URLField(
        label=_("or evidence link (https)"),
        required=False,
        assume_scheme="https",
        validators=[validate_https],
        max_length=500,
    )
    evidence_indicators = IndicatorsByAspectField(
        label=_("SPBE indicators it supports"),
        queryset=SpbeIndicator.objects.current(),
        required=False,
        help_text=_("Tick every indicator the evidence supports."),
    )

    def clean_evidence_file(self):
        uploaded = self.cleaned_data.get("evidence_file")
        if uploaded:
            validate_upload(uploaded)
            uploaded.name = safe_filename(uploaded.name)
        return uploaded

    def clean(self):
        data = super().clean()
        has_evidence = data.get("evidence_file") or data.get("evidence_url")
        if has_evidence and not data.get("evidence_title", "").strip():
            self.add_error("evidence_title", _("Give the evidence a title."))
        if data.get("evidence_title") and not has_evidence:
            self.add_error(
                "evidence_file", _("Attach the evidence file or give its link.")
            )
        if data.get("evidence_indicators") and not has_evidence:
            self.add_error(
                "evidence_indicators",
                _("Indicators are chosen for a piece of evidence: attach it first."),
            )
        return data

    def evidence(self, date):
        """The evidence as pipeline input (``pipeline.EvidenceInput``; an
        uploaded file is passed on, validated, for the pipeline to store)."""
        data = self.cleaned_data
        if not (data.get("evidence_file") or data.get("evidence_url")):
            return []
        return [
            EvidenceInput(
                title=data["evidence_title"],
                year=date.year,
                upload=data.get("evidence_file") or None,
                url=data.get("evidence_url") or "",
                indicators=list(data.get("evidence_indicators") or []),
            )
        ]


class StepForm(EvidenceFields):
    """Record a step of an adoption, optionally with evidence."""

    to_stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    date = forms.DateField(label=_("Date of this step"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a step back, a stop or a restart: say why."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = ["to_stage", "date", "note"]

    def __init__(self, *args, adoption=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.adoption = adoption
        self.fields["date"].initial = timezone.localdate()
        if adoption is not None:
            self.fields["version"].initial = adoption.version
            next_step = adoption.next_step
            if next_step:
                self.fields["to_stage"].initial = next_step

    def clean_date(self):
        date = self.cleaned_data["date"]
        validate_not_in_future(date)
        return date

    def record(self, adoption, actor):
        """Record the validated step through the pipeline (the caller holds
        the transaction); raises ValidationError / StaleAdoption."""
        data = self.cleaned_data
        return pipeline.record_step(
            adoption=adoption,
            to_stage=data["to_stage"],
            date=data["date"],
            actor=actor,
            note=data["note"],
            evidence=self.evidence(data["date"]),
            expected_version=data.get("version"),
        )


class InterestForm(CleanTextMixin, forms.Form):
    """Register interest in an innovation: the first step of an adoption."""

    innovation = forms.ModelChoiceField(
        label=_("Innovation"),
        queryset=InnovationPage.objects.none(),
        to_field_name="slug",
        empty_label=_("Choose an innovation"),
    )
    date = forms.DateField(
        label=_("Date the interest was decided"),
        help_text=_("The date of the letter of intent, or today."),
        widget=DateInput(),
    )
    responsible_opd = forms.CharField(
        label=_("Responsible OPD"), max_length=150, required=False
    )
    contact_name = forms.CharField(
        label=_("Contact name"), max_length=120, required=False
    )
    contact_email = forms.EmailField(label=_("Contact email"), required=False)
    target_date = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=DateInput(),
        validators=[validate_plausible_date],
    )
    letter_of_intent = forms.FileField(
        label=_("Letter of intent (surat minat replikasi)"),
        required=False,
        help_text=_("PDF. The host acknowledges it."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, region=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        queryset = InnovationPage.objects.published().order_by("title")
        if region is not None:
            queryset = queryset.exclude(adoptions__region=region)
        self.fields["innovation"].queryset = queryset
        self.fields["date"].initial = timezone.localdate()
        for name, value in self.known_details(region, user).items():
            if value and name not in self.initial:
                self.fields[name].initial = value
        # issue 19.6: warn (and ask to acknowledge) when the chosen case
        # study overlaps a national application
        chosen = self.data.get("innovation") if self.is_bound else None
        add_acknowledgement(self, chosen or self.initial.get("innovation"))

    @staticmethod
    def known_details(region, user):
        """What the form can fill in for ``user``: the OPD and contact of
        their own latest adoption record in ``region`` (one where they are
        the contact or recorded a step), else their name and address from
        their account. A dict of field name to value; empty values are
        left out. No user (or an anonymous one): ``{}``."""
        if user is None or not getattr(user, "is_authenticated", False):
            return {}
        details = {
            "contact_name": user.get_full_name(),
            "contact_email": user.email,
        }
        if region is not None:
            earlier = (
                Adoption.objects.filter(region=region)
                .filter(Q(contact_email__iexact=user.email) | Q(events__actor=user))
                .exclude(responsible_opd="")
                .order_by("-updated_at", "-pk")
                .first()
            )
            if earlier is not None:
                details["responsible_opd"] = earlier.responsible_opd
                if earlier.contact_email.lower() == user.email.lower():
                    details["contact_name"] = (
                        earlier.contact_name or details["contact_name"]
                    )
        return {name: value for name, value in details.items() if value}

    def clean_date(self):
        date = self.cleaned_data["date"]
        validate_not_in_future(date)
        return date

    def clean_letter_of_intent(self):
        uploaded = self.cleaned_data.get("letter_of_intent")
        if uploaded:
            validate_upload(uploaded, {"pdf": {"pdf"}})
            uploaded.name = safe_filename(uploaded.name)
        return uploaded

    def start(self, actor):
        """Start the adoption through the pipeline (the caller holds the
        transaction); the letter of intent is then stored as a private file
        of the new adoption. Raises ValidationError."""
        data = self.cleaned_data
        adoption = pipeline.start_adoption(
            region=self.region,
            innovation=data["innovation"],
            date=data["date"],
            actor=actor,
            note=data["note"],
            letter_of_intent=data.get("letter_of_intent") or None,
            **self.details(actor),
        )
        return adoption

    def details(self, user):
        data = self.cleaned_data
        return {
            "responsible_opd": data["responsible_opd"],
            "contact_name": data["contact_name"],
            "contact_email": data["contact_email"],
            "target_date": data["target_date"],
        }


class AdaptationForm(CleanTextMixin, forms.ModelForm):
    """What the adopter adapted, and its details (versioned like a step)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    variant_repository = forms.URLField(
        label=_("Variant repository"),
        required=False,
        assume_scheme="https",
        validators=[validate_https],
    )

    class Meta:
        model = Adoption
        fields = [
            "responsible_opd",
            "contact_name",
            "contact_email",
            "target_date",
            "adaptation_notes",
            "variant_repository",
            "local_regulation",
            "apbd_cost",
            "vendor",
        ]
        widgets = {
            "target_date": DateInput(),
            "adaptation_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def clean_target_date(self):
        target = self.cleaned_data.get("target_date")
        try:
            pipeline.check_target_date(target, self.instance.started_on)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["target_date"]) from None
        return target


class FigureForm(CleanTextMixin, forms.Form):
    """Before/after on one of the host's measures."""

    measure = forms.CharField(widget=forms.HiddenInput, max_length=150)
    unit = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    before = forms.DecimalField(
        label=_("Before"), required=False, max_digits=14, decimal_places=2
    )
    after = forms.DecimalField(
        label=_("After"), required=False, max_digits=14, decimal_places=2
    )


class ApiStepForm(StepForm):
    """The same step for the API: the version is optional there."""

    version = forms.IntegerField(required=False)


FigureFormSet = forms.formset_factory(FigureForm, extra=0, max_num=50)
