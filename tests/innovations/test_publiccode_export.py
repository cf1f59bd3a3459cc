"""Every exported publiccode.yml meets the standard's rules (issue 15.4), the
gaps are reported to the host, and export -> import is lossless."""

import json

from django.conf import settings
from django.urls import reverse

import pytest
import yaml

from innovations import publiccode
from innovations import publiccode_standard as standard
from innovations.factories import InnovationPageFactory, SourceCodeLinkFactory
from innovations.models import SourceCodeLink

pytestmark = pytest.mark.django_db


def _demo_links():
    # the originals' entries (an English translation's copies are not served)
    links = list(
        SourceCodeLink.objects.filter(
            page__live=True, page__locale__language_code="id"
        ).select_related("page")
    )
    assert len({link.page_id for link in links}) >= 14  # the demo case studies
    return links


def test_the_mapping_is_data_and_only_names_categories_of_the_standard():
    mapping = json.loads(
        (settings.BASE_DIR / "fixtures" / "publiccode_categories.json").read_text()
    )
    valid = set(mapping["categories"])
    assert len(valid) == 105  # categories-list.rst of v0.4.0
    for section in ("spbe_indicators", "spm_sectors", "themes", "dimensions"):
        for key, cats in mapping[section].items():
            assert set(cats) <= valid, (section, key)
    assert set(mapping["spbe_indicators"]) == {str(n) for n in range(1, 48)}
    assert set(mapping["default"]) <= valid


def test_every_demo_file_meets_the_standard(client):
    for link in _demo_links():
        response = client.get(
            reverse("innovations:publiccode", args=[link.page.slug, link.pk])
        )
        assert response.status_code == 200
        doc = yaml.safe_load(response.content)  # as any consumer reads it
        assert standard.problems(doc) == [], (link.page.slug, doc)
        assert doc["categories"] and doc["description"]["id"]["features"]
        assert len(doc["description"]["id"]["longDescription"]) >= 150
        if doc["maintenance"]["type"] in ("internal", "community"):
            assert doc["maintenance"]["contacts"]


def test_export_then_import_is_lossless_on_the_demo_data():
    """Import of an exported file gives back the entry (an empty name or
    platform list comes back as what the file said: the title, "web"), and
    exporting the imported entry gives the same document."""
    for link in _demo_links():
        first = publiccode.render(link)
        fields = publiccode.parse(first.encode())
        expected = {
            "name": link.name or link.page.title,
            "url": link.url,
            "license": link.license,
            "visibility": link.visibility,
            "software_version": link.software_version,
            "platforms": link.platforms or "web",
        }
        assert {k: fields[k] for k in expected} == expected, link.page.slug
        again = SourceCodeLink(page=link.page, **fields)
        assert publiccode.export(again).doc == publiccode.export(link).doc
        assert (
            publiccode.render(again).split("\npubliccodeYmlVersion")[1]
            == (first.split("\npubliccodeYmlVersion")[1])
        )


@pytest.fixture
def bare_page(library):
    """A case study with nothing beyond the required fields and no tags."""
    return InnovationPageFactory(
        parent=library, title="Aplikasi X", summary="Singkat.", solution=""
    )


EDGE_CASES = {
    "on_request": {"url": "", "visibility": "on_request"},
    "short_everything": {"description_id": "Pendek."},
    "long_description": {"description_id": "Kata " * 3000},
    "english_too": {"description_en": "Short English text."},
    "bulleted_features": {"description_id": "Aplikasi.\n- Fitur satu\n- Fitur dua"},
    "contacts": {"maintenance_contacts": "Asep, asep@x.go.id, Diskominfo\nEuis"},
    "mobile_only": {"platforms": "android, ios"},
    "odd_platform": {"platforms": "kiosk"},
    "version_like_a_float": {"software_version": "1.10"},
    "long_name": {"name": "N" * 150},
    "compound_licence": {"license": "MIT OR (Apache-2.0 AND BSD-3-Clause)"},
}


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_cases_export_valid_files_and_report_gaps(bare_page, case):
    values = {
        "license": "MIT",
        "url": "https://git.example.go.id/x",
        "platforms": "",
        "description_id": "",
        **EDGE_CASES[case],
    }
    link = SourceCodeLinkFactory(page=bare_page, **values)
    result = publiccode.export(link)
    doc = yaml.safe_load(publiccode.render(link))
    assert standard.problems(doc) == [], (case, doc)
    assert result.gaps  # the bare case study always lacks something
    text = publiccode.render(link)
    assert text.startswith("# ")
    for gap in result.gaps:
        assert " ".join(gap.split()) in text
    if case == "on_request":
        assert doc["url"] == doc["landingURL"]
        fields = publiccode.parse(text.encode())
        assert fields["visibility"] == "on_request" and fields["url"] == ""
    if case == "contacts":
        assert doc["maintenance"] == {
            "type": "internal",
            "contacts": [
                {"name": "Asep", "affiliation": "Diskominfo"},
                {"name": "Euis"},
            ],
        }
        assert "asep@x.go.id" not in text  # e-mail addresses are never published
    else:
        assert doc["maintenance"] == {"type": "none"}
    if case == "mobile_only":
        assert doc["softwareType"] == "standalone/mobile"
    if case == "version_like_a_float":
        assert doc["softwareVersion"] == "1.10"
    again = SourceCodeLink(page=bare_page, **publiccode.parse(text.encode()))
    assert publiccode.export(again).doc == result.doc, case


def test_categories_follow_the_tags(library):
    page = InnovationPageFactory(parent=library)
    page.spbe_indicators.set(page.spbe_indicators.model.objects.filter(number=35))
    link = SourceCodeLinkFactory(page=page, license="MIT")
    assert publiccode.export(link).doc["categories"] == ["procurement"]


def test_the_validator_catches_what_the_old_export_wrote(bare_page):
    old = {
        "publiccodeYmlVersion": "0.4",
        "name": "X",
        "url": "https://git.example.go.id/x",
        "platforms": ["web"],
        "developmentStatus": "stable",
        "softwareType": "standalone/web",
        "categories": [],
        "description": {"id": {"shortDescription": "x", "longDescription": "x"}},
        "legal": {"license": "MIT"},
        "maintenance": {"type": "internal", "contacts": []},
        "localisation": {"localisationReady": False, "availableLanguages": ["id"]},
    }
    found = "\n".join(standard.problems(old))
    for rule in ("categories", "longDescription", "features", "maintenance.contacts"):
        assert rule in found


def test_admin_page_lists_the_gaps(client, bare_page, host_publisher):
    link = SourceCodeLinkFactory(page=bare_page, license="MIT", platforms="")
    bare_page.save_revision().publish()
    client.force_login(host_publisher)
    response = client.get(reverse("innovations_import_publiccode", args=[bare_page.pk]))
    assert response.status_code == 200
    for gap in publiccode.export(link).gaps:
        assert gap in response.content.decode()


def test_json_export_import_keeps_the_publiccode_fields(bare_page):
    from innovations.importer import export_innovations, import_innovations

    SourceCodeLinkFactory(
        page=bare_page,
        license="MIT",
        description_id="Deskripsi.\n- Fitur",
        description_en="Description.",
        development_status="beta",
        software_version="1.10",
        platforms="web, android",
        maintenance_contacts="Asep, Diskominfo",
        other_descriptions={"it": {"shortDescription": "Licenze"}},
    )
    bare_page.save_revision().publish()
    first = export_innovations(type(bare_page).objects.filter(pk=bare_page.pk))
    import_innovations(first)
    second = export_innovations(type(bare_page).objects.filter(pk=bare_page.pk))
    assert second == first
    entry = second["innovations"][0]["source_code"][0]
    assert entry["software_version"] == "1.10"
    assert entry["other_descriptions"] == {"it": {"shortDescription": "Licenze"}}
