"""Links inside the replication kit (newcomer's findings): the request's own
address, never the Wagtail Site's hostname, and the Indonesian URL even
when the kit is downloaded from the English interface."""

import pytest

from .conftest import docx_text, kit_files

pytestmark = pytest.mark.django_db

HOST = "kit.example.go.id"


def _case_study_path(case_study):
    from django.utils import translation

    with translation.override("id"):
        return case_study.get_url_parts()[2]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_links_use_the_address_the_kit_was_asked_at(
    client, settings, team_member, case_study, prefix
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    client.force_login(team_member)
    response = client.get(
        f"{prefix}/kit-replikasi/{case_study.slug}/?region=32.05", HTTP_HOST=HOST
    )
    files = kit_files(response)
    path = _case_study_path(case_study)
    assert not path.startswith("/en/")
    url = f"http://{HOST}{path}"
    readme = files["README.md"].decode()
    letter = docx_text(files["dokumen/01-surat-minat-replikasi.docx"])
    for name, text in (
        ("README.md", readme),
        ("materi-pelatihan.md", files["materi-pelatihan.md"].decode()),
        ("surat minat", letter),
    ):
        assert url in text, name
        assert "http://localhost" not in text, name
        assert f"{HOST}/en/" not in text, name


def test_a_kit_from_the_english_interface_is_indonesian(
    client, team_member, case_study
):
    client.force_login(team_member)
    files = kit_files(client.get(f"/en/kit-replikasi/{case_study.slug}/?region=32.05"))
    readme = files["README.md"].decode()
    assert "/en/" not in readme
    assert "Kematangan: " in readme
    for name, content in files.items():
        if name.endswith((".md", ".yml")):
            assert "/en/" not in content.decode(), name
        elif name.endswith(".docx"):
            assert "/en/" not in docx_text(content), name
