from django.core.exceptions import ValidationError

import pytest

from livinglab.regions import codes


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("32.11", "32.11"), ("3211", "32.11"), (" 32.11 ", "32.11"), ("3273", "32.73")],
)
def test_both_spellings_are_accepted_and_stored_dotted(raw, stored):
    assert codes.normalize_region_code(raw) == stored


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "32",
        "321",
        "32.1",
        "32-11",
        "32.110",
        "ab.cd",
        "00.11",
        "32.00",
        "32.70",
        "３２１１",
    ],
)
def test_invalid_region_codes_get_a_clear_error(raw):
    with pytest.raises(ValidationError) as excinfo:
        codes.normalize_region_code(raw)
    assert "kabupaten/kota" in str(excinfo.value)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("32.11", "kabupaten"),
        ("32.69", "kabupaten"),
        ("32.71", "kota"),
        ("32.99", "kota"),
    ],
)
def test_kind_follows_the_second_pair(code, kind):
    assert codes.kind_for_code(code) == kind


@pytest.mark.parametrize("raw", ["3", "321", "xx", "00"])
def test_invalid_province_codes(raw):
    with pytest.raises(ValidationError):
        codes.normalize_province_code(raw)
