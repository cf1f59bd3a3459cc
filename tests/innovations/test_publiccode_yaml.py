"""publiccode.yml is read safely (issue 12.4) and without retyping (15.3)."""

import time
import tracemalloc
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import pytest

from innovations import publiccode
from innovations.factories import InnovationPageFactory
from innovations.models import InnovationPage

BOMB = (Path(__file__).parent / "data" / "publiccode-bomb.yml").read_bytes()
BASE = (
    "publiccodeYmlVersion: '0.4'\nname: SIMPEL\n"
    "url: https://git.example.go.id/simpel\nlegal: {license: MIT}\n"
)


def test_alias_bomb_is_refused_fast_with_bounded_memory():
    assert len(BOMB) < 500
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with translation.override("en"), pytest.raises(ValidationError) as excinfo:
            publiccode.parse(BOMB)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 2  # generous; the old code took ~11 s/level
    assert peak < 5 * 1024 * 1024  # a few hundred KB in practice
    assert "anchor or alias" in excinfo.value.messages[0]
    assert "line 2" in excinfo.value.messages[0]


def test_alias_bomb_message_is_indonesian_by_default():
    with translation.override("id"), pytest.raises(ValidationError) as excinfo:
        publiccode.parse(BOMB)
    assert "alias" in excinfo.value.messages[0]
    assert "baris 2" in excinfo.value.messages[0]


@pytest.mark.parametrize(
    ("yaml_text", "word"),
    [
        ("a: &x 1\nb: *x\n", "alias"),  # a single, harmless-looking alias
        ("a: &x 1\n", "alias"),  # an anchor alone
        ("<<: {name: X}\n", None),  # merge key needs no alias here: plain key
        ("name: !!python/object/apply:os.system ['true']\n", "tag"),
        ("name: !!binary aGVsbG8=\n", "tag"),
        ("softwareVersion: !!float 1.10\n", "tag"),
        ("name: X\nname: Y\n", "twice"),
        ("a: " + "[" * 50 + "]" * 50 + "\n", "20"),
        ("a: " + "[" * 5000 + "\n", "20"),  # deeper than the stack
    ],
)
def test_refused_constructs(yaml_text, word):
    data = (BASE + yaml_text).encode()
    if word is None:
        publiccode.parse(data)  # accepted; "<<" is just an unknown key
        return
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        publiccode.parse(data)
    assert word in " ".join(excinfo.value.messages)


def test_size_is_capped():
    with pytest.raises(ValidationError):
        publiccode.parse(BASE.encode() + b"#" * publiccode.MAX_BYTES)


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("1.10", "1.10"),
        ("1.0", "1.0"),
        ("010", "010"),
        ("1e3", "1e3"),
        ("0x1F", "0x1F"),
        ("2020-01-02", "2020-01-02"),
        ("yes", "yes"),
        ("on", "on"),
        ("'1.10'", "1.10"),
        ('"2.3.1"', "2.3.1"),
    ],
)
def test_scalars_keep_the_type_the_standard_gives_them(written, stored):
    fields = publiccode.parse((BASE + f"softwareVersion: {written}\n").encode())
    assert fields["software_version"] == stored


def test_strings_everywhere_and_booleans_where_the_standard_wants_them():
    reading = publiccode.read(
        (
            BASE.replace("name: SIMPEL", "name: no")
            + "platforms: [on, web]\nreleaseDate: 2020-01-02\n"
            + "localisation: {localisationReady: yes, availableLanguages: [id]}\n"
            + "maintenance:\n  type: internal\n  contacts:\n"
            + "    - {name: Asep, phone: 0812, affiliation: Diskominfo}\n"
        ).encode()
    )
    assert reading.fields["name"] == "no"
    assert reading.fields["platforms"] == "on, web"
    assert reading.fields["maintenance_contacts"] == "Asep, Diskominfo"
    assert any("YAML 1.1" in n for n in reading.notices)
    bad_date = publiccode.read((BASE + "releaseDate: 02/01/2020\n").encode())
    assert any("releaseDate" in n for n in bad_date.notices)


@pytest.mark.parametrize("version", ["0.2", "0.2.1", "0.3", "0.4", "0.5", "0.7"])
def test_every_version_of_the_standard_is_read(version):
    text = BASE.replace("'0.4'", f"'{version}'") + (
        "description:\n  en:\n    genericName: Licensing\n"
        "    shortDescription: Licensing\n"
        "organisation: {uri: 'https://sumedangkab.go.id'}\n"
        "fundedBy: [{name: APBD}]\nsupports: [{id: 'alias:gdpr'}]\n"
    )
    reading = publiccode.read(text.encode())
    assert reading.fields["name"] == "SIMPEL"
    assert not [n for n in reading.notices if "Unknown key" in n]


def test_unknown_keys_and_languages_are_notices_not_errors():
    with translation.override("en"):
        reading = publiccode.read(
            (
                BASE
                + "colour: blue\nlegal2: x\nit: {riuso: {codiceIPA: x}}\n"
                + "description:\n  id-ID: {shortDescription: Perizinan, x: 1}\n"
                + "  jv: {shortDescription: Layanan}\n"
            ).encode()
        )
    notices = "\n".join(reading.notices)
    assert "“colour”" in notices and "“legal2”" in notices
    assert "“description.id-ID.x”" in notices
    assert "“jv”" in notices  # reported, and kept:
    assert reading.fields["other_descriptions"] == {
        "jv": {"shortDescription": "Layanan"}
    }
    assert "“it”" in notices
    assert reading.fields["description_id"] == "Perizinan"


@pytest.mark.django_db
def test_other_languages_are_exported_again(library):
    from innovations.factories import SourceCodeLinkFactory

    text = (
        BASE
        + "description:\n  id: {shortDescription: Perizinan}\n"
        + "  it:\n    shortDescription: Licenze online\n"
        + "    features: [Firma digitale]\n"
    )
    fields = publiccode.parse(text.encode())
    link = SourceCodeLinkFactory(page=InnovationPageFactory(parent=library), **fields)
    doc = publiccode.export(link).doc
    assert doc["description"]["it"] == {
        "shortDescription": "Licenze online",
        "features": ["Firma digitale"],
    }
    again = publiccode.parse(publiccode.render(link).encode())
    assert again["other_descriptions"] == fields["other_descriptions"]


@pytest.mark.django_db
def test_admin_refuses_the_bomb_and_shows_notices(client, library, host_publisher):
    page = InnovationPageFactory(parent=library)
    client.force_login(host_publisher)
    url = reverse("innovations_import_publiccode", args=[page.pk])
    response = client.post(url, {"file": SimpleUploadedFile("publiccode.yml", BOMB)})
    assert response.status_code == 400
    assert "alias" in response.content.decode()
    draft = InnovationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.source_code_links.count() == 0
    response = client.post(
        url,
        {
            "file": SimpleUploadedFile(
                "publiccode.yml", (BASE + "softwareVersion: 1.10\ncolour: x\n").encode()
            )
        },
        follow=True,
    )
    assert "“colour”" in response.content.decode()
    draft = InnovationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert [link.software_version for link in draft.source_code_links.all()] == ["1.10"]


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("softwareVersion: " + "1." * 30 + "0\n", "softwareVersion"),
        ("platforms: [" + ", ".join(["web"] * 60) + "]\n", "platforms"),
    ],
)
def test_values_too_long_for_the_entry_are_refused_not_cut(line, key):
    with translation.override("id"), pytest.raises(ValidationError) as excinfo:
        publiccode.parse((BASE + line).encode())
    assert f"“{key}” lebih panjang dari" in " ".join(excinfo.value.messages)


def test_long_name_and_url_are_refused_not_cut():
    text = BASE.replace("name: SIMPEL", "name: " + "S" * 151).replace(
        "simpel\n", "simpel/" + "a" * 200 + "\n"
    )
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        publiccode.parse(text.encode())
    messages = " ".join(excinfo.value.messages)
    assert "“name” is longer than 150" in messages
    assert "“url” is longer than 200" in messages


def test_a_malformed_url_is_a_message_not_a_crash():
    """``urlsplit("https://[x")`` raises ValueError: the import names the
    bad URL instead (it reached the admin as a 400 without a word)."""
    text = BASE.replace("url: https://", "url: https://[x", 1)
    assert "https://[x" in text
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        publiccode.parse(text.encode())
    assert "https:// address" in " ".join(excinfo.value.messages)
