"""The ask and answer forms (plain text, cleaned with bleach, bounded)."""

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from livinglab.base.html import clean_text

from . import services
from .models import ANSWER_MAX_CHARS, QUESTION_MAX_CHARS


def _cleaned(value):
    text = clean_text(value)
    if not text:
        raise ValidationError(_("Write some text."), code="required")
    return text


class AskForm(forms.Form):
    """A question (``text``, at most ``QUESTION_MAX_CHARS`` characters).
    ``user`` is the asker: beyond ``settings.QUESTIONS_PER_HOUR`` questions
    in an hour the form is refused with the error code ``rate_limited``."""

    text = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Plain text. The host and the mentors of this case study are notified."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_text(self):
        return _cleaned(self.cleaned_data["text"])

    def clean(self):
        data = super().clean()
        if self.user is not None and services.rate_limited(self.user):
            count = settings.QUESTIONS_PER_HOUR
            raise ValidationError(
                ngettext(
                    "You may ask at most %(count)s question an hour. Please "
                    "try again later.",
                    "You may ask at most %(count)s questions an hour. Please "
                    "try again later.",
                    count,
                )
                % {"count": count},
                code="rate_limited",
            )
        return data

    def is_rate_limited(self):
        """Whether the form was refused for asking too often."""
        return self.has_error(NON_FIELD_ERRORS, "rate_limited")


class AnswerForm(forms.Form):
    """An answer (``text``, at most ``ANSWER_MAX_CHARS`` characters)."""

    text = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_text(self):
        return _cleaned(self.cleaned_data["text"])
