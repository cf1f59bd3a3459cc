"""Django's stock Indonesian for common form errors, reworded where it reads
badly (issue 16, newcomer finding: "Masukkan keseluruhan angka bilangan."
for a number that is not whole). Ours live in locale/wagtail/ (the catalogue
of third-party strings, which makemessages never marks obsolete) and win
over Django's through LOCALE_PATHS."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_integer
from django.utils import translation

import pytest


def _message(field, value):
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        field.clean(value)
    return caught.value.messages[0]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (forms.IntegerField(), "dua", "Masukkan bilangan bulat."),
        (forms.IntegerField(), "2,5", "Masukkan bilangan bulat."),
        (forms.DecimalField(), "banyak", "Masukkan angka."),
        (forms.FloatField(), "banyak", "Masukkan angka."),
        (
            forms.ChoiceField(choices=[("a", "A")]),
            "b",
            "Pilihan tidak valid: b tidak ada di antara pilihan yang tersedia.",
        ),
        (forms.DateField(), "kemarin", "Masukkan tanggal yang valid."),
        (forms.CharField(), "", "Isian ini wajib diisi."),
    ],
)
def test_form_messages_read_well_in_indonesian(field, value, expected):
    assert _message(field, value) == expected


def test_validator_and_model_messages_read_well_in_indonesian():
    with translation.override("id"):
        with pytest.raises(ValidationError) as caught:
            validate_integer("x")
        assert caught.value.messages == ["Masukkan bilangan bulat yang valid."]
        from django.db import models

        with pytest.raises(ValidationError) as caught:
            models.CharField(max_length=5).clean("", None)
        assert caught.value.messages == ["Isian ini tidak boleh kosong."]
        with pytest.raises(ValidationError) as caught:
            models.IntegerField().clean(None, None)
        assert caught.value.messages == ["Isian ini wajib diisi."]


def test_english_is_left_as_django_wrote_it():
    with translation.override("en"):
        assert _message_en() == "Enter a whole number."


def _message_en():
    with pytest.raises(ValidationError) as caught:
        forms.IntegerField().clean("two")
    return caught.value.messages[0]
