"""Administrators replace the kit's document templates in the admin; a
broken upload is refused with a clear message."""

import pytest

from livinglab.accounts.models import AuditEvent
from livinglab.replication.models import ReplicationDocumentTemplate

from .conftest import docx_text, kit_files, make_docx

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/replication/replicationdocumenttemplate/add/"


def _upload(client, content, kind="surat_minat", name="surat.docx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        ADD,
        {
            "kind": kind,
            "upload": SimpleUploadedFile(
                name,
                content,
                content_type="application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document",
            ),
        },
    )


def test_an_uploaded_template_replaces_the_default(
    client, superuser, team_member, kit_url
):
    client.force_login(superuser)
    response = _upload(
        client,
        make_docx("SURAT VERSI ADMIN untuk {{ region_name }} kepada {{ host_head }}"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = ReplicationDocumentTemplate.objects.get(kind="surat_minat")
    assert row.file_name == "surat.docx"
    assert row.updated_by == superuser
    client.force_login(team_member)
    files = kit_files(client.get(kit_url))
    letter = docx_text(files["dokumen/01-surat-minat-replikasi.docx"])
    assert "SURAT VERSI ADMIN untuk Kabupaten Garut kepada Bupati Sumedang" in letter
    # the other documents keep their defaults
    assert "PERJANJIAN KERJA SAMA" in docx_text(files["dokumen/02-draf-pks.docx"])
    event = AuditEvent.objects.get(action="export")
    assert event.detail["templates"]["surat_minat"] == "admin"
    assert event.detail["templates"]["pks"] == "default"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"bukan dokumen word", "bukan dokumen Word"),
        (make_docx("Salam {{ region_name "), "tidak dapat diisi"),
        (make_docx("Salam {{ nama_wilayah }}"), "nama_wilayah"),
        (make_docx("{% for x in %}"), "tidak dapat diisi"),
    ],
    ids=["not-docx", "syntax", "unknown-placeholder", "bad-tag"],
)
def test_a_broken_template_gives_a_clear_form_error(client, superuser, content, words):
    client.force_login(superuser)
    response = _upload(client, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert words in html
    assert not ReplicationDocumentTemplate.objects.exists()


def test_a_zip_without_a_document_is_not_a_docx(client, superuser):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    client.force_login(superuser)
    response = _upload(client, buffer.getvalue())
    assert response.status_code == 200
    assert "word/document.xml" in response.content.decode()
    assert not ReplicationDocumentTemplate.objects.exists()


def test_an_oversized_upload_is_refused(client, superuser, settings):
    settings.REPLICATION_TEMPLATE_MAX_BYTES = 1000
    client.force_login(superuser)
    response = _upload(client, make_docx("{{ region_name }}"))
    assert response.status_code == 200
    assert "terlalu besar" in response.content.decode()
    assert not ReplicationDocumentTemplate.objects.exists()


def test_only_administrators_reach_the_templates(
    client, moderator_user, sumedang_host, team_member, analyst
):
    """Each refusal is pinned: people who use the Wagtail admin but may not
    change kit templates (moderators, host publishers) are sent to the
    admin's dashboard by Wagtail's permission check; people whose role has
    no use for the admin go to their own page
    (``accounts.middleware.AdminAccessMiddleware``). Neither can upload."""
    from django.urls import reverse

    expected = {
        moderator_user: reverse("wagtailadmin_home"),
        sumedang_host: reverse("wagtailadmin_home"),
        team_member: reverse("adoptions:workspace"),
        analyst: reverse("adoptions:dashboard"),
    }
    for user, location in expected.items():
        client.force_login(user)
        response = client.get(ADD)
        assert (response.status_code, response["Location"]) == (302, location), user
        response = _upload(client, make_docx("{{ region_name }}"))
        assert (response.status_code, response["Location"]) == (302, location), user
    assert not ReplicationDocumentTemplate.objects.exists()
