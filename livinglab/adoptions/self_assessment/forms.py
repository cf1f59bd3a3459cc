"""The self-assessment form: per indicator a level, a link and a document.

Validation only; ``service.save`` writes. Uploads are checked exactly as
adoption evidence is (``validate_upload``: extension, size, opened with a real
parser, no markup); a refused file is a field error and nothing is saved.
"""

from django import forms
from django.utils.translation import gettext as _

from livinglab.base.uploads import safe_filename, validate_upload
from livinglab.base.validators import validate_https

from .service import AnswerInput


def _pair(value):
    """``"<indicator number>:<evidence id>"`` → (int, int), or None."""
    number, _sep, pk = (value or "").partition(":")
    if number.isdigit() and pk.isdigit():
        return int(number), int(pk)
    return None


class SelfAssessmentForm(forms.Form):
    """Fields ``level_<n>``, ``url_<n>`` and ``file_<n>`` for every indicator
    number ``n`` of the framework, and ``version`` (the optimistic lock)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, framework, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        choices = [("", _("Not yet chosen"))] + [
            (str(level), f"{level} · {framework.level_name(level)}")
            for level in range(1, 6)
        ]
        for ind in indicators:
            n = ind.number
            self.fields[f"level_{n}"] = forms.TypedChoiceField(
                label=_("Level for indicator %(number)s") % {"number": n},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"url_{n}"] = forms.URLField(
                label=_("Evidence link for indicator %(number)s (https)")
                % {"number": n},
                required=False,
                assume_scheme="https",
                validators=[validate_https],
                max_length=500,
            )
            self.fields[f"file_{n}"] = forms.FileField(
                label=_("Evidence document for indicator %(number)s") % {"number": n},
                required=False,
                help_text=_("PDF, office document, image or ZIP."),
            )

    def clean(self):
        data = super().clean()
        for ind in self.indicators:
            name = f"file_{ind.number}"
            uploaded = data.get(name)
            if uploaded:
                try:
                    validate_upload(uploaded)
                except forms.ValidationError as error:
                    self.add_error(name, error)
                    continue
                uploaded.name = safe_filename(uploaded.name)
        return data

    def bound_rows(self):
        """Per indicator, its three bound fields: ``[(indicator, level, url,
        file)]`` for the template."""
        return [
            (
                ind,
                self[f"level_{ind.number}"],
                self[f"url_{ind.number}"],
                self[f"file_{ind.number}"],
            )
            for ind in self.indicators
        ]

    def answers(self, attach="", detach=""):
        """The cleaned form as ``AnswerInput`` rows; ``attach``/``detach`` are
        the pressed candidate buttons (``"<number>:<evidence id>"``)."""
        data = self.cleaned_data
        attach, detach = _pair(attach), _pair(detach)
        out = []
        for ind in self.indicators:
            n = ind.number
            out.append(
                AnswerInput(
                    indicator=ind,
                    level=data.get(f"level_{n}"),
                    evidence_url=data.get(f"url_{n}") or "",
                    upload=data.get(f"file_{n}") or None,
                    attach=[attach[1]] if attach and attach[0] == n else [],
                    detach=[detach[1]] if detach and detach[0] == n else [],
                )
            )
        return out
