"""One SPDX licence validation for the model, the JSON import and publiccode.yml.

Issue 15.1/15.2: ``MIT/X11`` crashed the publiccode.yml import (HTTP 500) and
gave "source_code 1: must be an object" in ``import_innovations``; a trailing
``AND`` was silently dropped. Every form below is refused with a message that
quotes the expression and names the problem, or normalised without changing
its meaning.
"""

import copy

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import pytest

from innovations import publiccode
from innovations.factories import InnovationPageFactory
from innovations.importer import import_innovations
from innovations.models import InnovationPage, SourceCodeLink
from innovations.validators import normalize_spdx
from livinglab.base.imports import ImportFailed

from .test_import import GOOD

# (expression, what the message must say: a word of the English text)
INVALID = [
    ("MIT/X11", "“/”"),
    ("GPL-3.0-or-later AND GPL-2.0-only AND", "ends with the operator “AND”"),
    ("AND MIT", "starts with the operator “AND”"),
    ("MIT OR", "ends with the operator “OR”"),
    ("MIT AND OR Apache-2.0", "follows another operator"),
    ("MIT Apache-2.0", "without AND or OR"),
    ("MIT,Apache-2.0", "“,”"),
    ("(MIT OR Apache-2.0", "never closed"),
    ("MIT OR Apache-2.0)", "no matching"),
    ("()", "empty"),
    ("Freeware", "not an id of the SPDX licence list"),
    ("MIT AND Proprietary-ish", "“Proprietary-ish”"),
    ("LicenseRef-scancode-3com-microcode", "not an id"),
    ("GPL-2.0-only WITH", "exception id after it"),
    ("GPL-2.0-only WITH MIT", "wrong place"),
    ("Classpath-exception-2.0", "wrong place"),
]

VALID = [
    ("mit", "MIT"),
    ("  Apache-2.0 ", "Apache-2.0"),
    ("GPL-2.0+", "GPL-2.0-or-later"),
    ("mit or apache-2.0", "MIT OR Apache-2.0"),
    ("EUPL-1.2 OR AGPL-3.0-or-later", "EUPL-1.2 OR AGPL-3.0-or-later"),
    ("GPL-2.0-only WITH Classpath-exception-2.0", None),
    (
        "gpl-2.0-only with classpath-exception-2.0",
        "GPL-2.0-only WITH Classpath-exception-2.0",
    ),
    ("(MIT OR Apache-2.0) AND BSD-3-Clause", None),
    # AND binds tighter than OR: the parentheses only make that explicit.
    ("MIT OR Apache-2.0 AND BSD-3-Clause", "MIT OR (Apache-2.0 AND BSD-3-Clause)"),
]


@pytest.mark.parametrize(("expression", "problem"), INVALID)
def test_invalid_expressions_are_refused_with_a_message_quoting_them(
    expression, problem
):
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        normalize_spdx(expression)
    message = excinfo.value.messages[0]
    assert f"“{expression}”" in message
    assert problem in message


def test_messages_are_indonesian_by_default():
    with translation.override("id"), pytest.raises(ValidationError) as excinfo:
        normalize_spdx("MIT/X11")
    assert "Lisensi “MIT/X11”" in excinfo.value.messages[0]


@pytest.mark.parametrize(("expression", "normalised"), VALID)
def test_valid_expressions_are_normalised_without_changing_their_meaning(
    expression, normalised
):
    assert normalize_spdx(expression) == (normalised or expression)


def test_empty_is_empty():
    assert normalize_spdx("") == "" and normalize_spdx(None) == ""


@pytest.mark.django_db
@pytest.mark.parametrize(("expression", "problem"), INVALID[:4])
def test_model_refuses_the_same(library, expression, problem):
    link = SourceCodeLink(
        page=InnovationPageFactory(parent=library),
        url="https://git.example.go.id/a",
        license=expression,
    )
    with pytest.raises(ValidationError) as excinfo:
        link.full_clean()
    assert expression in " ".join(excinfo.value.message_dict["license"])


@pytest.mark.django_db
@pytest.mark.parametrize(("expression", "problem"), INVALID[:4])
def test_json_import_names_the_record_and_the_licence(expression, problem):
    record = copy.deepcopy(GOOD)
    record["source_code"] = [
        {"url": "https://git.example.go.id/tte", "license": expression}
    ]
    with translation.override("en"), pytest.raises(ImportFailed) as excinfo:
        import_innovations({"innovations": [record]})
    text = str(excinfo.value)
    assert "source_code 1:" in text and f"“{expression}”" in text
    assert problem in text
    assert "must be an object" not in text
    assert not InnovationPage.objects.filter(slug=GOOD["slug"]).exists()


@pytest.mark.django_db
def test_json_import_stores_the_normalised_expression():
    record = copy.deepcopy(GOOD)
    record["source_code"] = [
        {"url": "https://git.example.go.id/tte", "license": "mit or apache-2.0"}
    ]
    import_innovations({"innovations": [record]})
    page = InnovationPage.objects.get(slug=GOOD["slug"])
    assert page.source_code_links.get().license == "MIT OR Apache-2.0"


def _yml(licence):
    return (
        "publiccodeYmlVersion: '0.4'\nname: SIMPEL\n"
        "url: https://git.example.go.id/simpel\n"
        f"legal:\n  license: {licence}\n"
    ).encode()


@pytest.mark.parametrize(("expression", "problem"), INVALID[:4])
def test_publiccode_parse_refuses_the_same(expression, problem):
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        publiccode.parse(_yml(expression))
    text = " ".join(excinfo.value.messages)
    assert f"“{expression}”" in text and problem in text


@pytest.mark.django_db
@pytest.mark.parametrize("expression", ["MIT/X11", "MIT AND", "MIT OR (Apache-2.0"])
def test_admin_publiccode_import_answers_400_not_500(
    client, library, host_publisher, expression
):
    page = InnovationPageFactory(parent=library)
    client.force_login(host_publisher)
    response = client.post(
        reverse("innovations_import_publiccode", args=[page.pk]),
        {"file": SimpleUploadedFile("publiccode.yml", _yml(expression))},
    )
    assert response.status_code == 400
    assert f"“{expression}”" in response.content.decode()
    draft = InnovationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.source_code_links.count() == 0
