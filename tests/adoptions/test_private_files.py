"""Letters of intent and evidence are private files of the adoption (security
issue, finding 2): only those who may see the adoption download them, as
attachments that are neither sniffed nor cached; they have no public address
(no Wagtail document, nothing under MEDIA_ROOT) and unguessable names."""

import importlib
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest

from livinglab.accounts.models import RegionRole
from livinglab.adoptions.models import AdoptionEvidence, AdoptionFile
from livinglab.base.files import minimal_pdf, minimal_png
from tests.roles import make_user

PDF = minimal_pdf(["Surat minat replikasi"], title="Surat minat")
PNG = minimal_png()

migration = importlib.import_module(
    "livinglab.adoptions.migrations.0003_move_documents_to_private_files"
)


@pytest.fixture
def bandung_coordinator(django_user_model, bandung):
    return make_user(
        django_user_model,
        "koordinator@bandung.go.id",
        region=bandung,
        role=RegionRole.Role.COORDINATOR,
    )


@pytest.fixture
def other_host(django_user_model):
    """A host publisher of another host region (Banyuwangi, 35.10)."""
    from livinglab.regions.models import Region

    return make_user(
        django_user_model,
        "penerbit@banyuwangikab.go.id",
        region=Region.objects.get(code="35.10"),
        role=RegionRole.Role.HOST_PUBLISHER,
    )


@pytest.fixture
def files(client, team_member, adoption):
    """A letter of intent and two evidence files uploaded through the forms."""
    client.force_login(team_member)
    letter = AdoptionFile.store(
        adoption=adoption,
        kind=AdoptionFile.Kind.LETTER_OF_INTENT,
        uploaded=SimpleUploadedFile("Surat Minat (TTD Bupati).pdf", PDF),
        user=team_member,
    )
    adoption.letter_of_intent = letter
    adoption.save(update_fields=["letter_of_intent"])
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {
            "to_stage": "studi_tiru",
            "date": "2026-01-20",
            "version": adoption.version,
            "evidence_title": "Daftar hadir",
            "evidence_file": SimpleUploadedFile("daftar hadir.png", PNG),
        },
    )
    assert response.status_code == 302
    client.logout()
    evidence = AdoptionEvidence.objects.get(event__adoption=adoption)
    return [letter, evidence.file]


ALLOWED = ["team_member", "coordinator", "sumedang_host", "moderator_user"]
ALLOWED += ["analyst", "superuser"]
REFUSED = ["other_team_member", "bandung_coordinator", "other_host"]


@pytest.mark.parametrize("role", ALLOWED)
def test_those_who_see_the_adoption_download_as_private_attachment(
    client, request, files, role
):
    client.force_login(request.getfixturevalue(role))
    for record, content in zip(files, (PDF, PNG), strict=True):
        response = client.get(record.url)
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == content
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert "html" not in response["Content-Type"]
    assert 'filename="Surat-Minat-TTD-Bupati.pdf"' in client.get(files[0].url).get(
        "Content-Disposition"
    )


@pytest.mark.parametrize("role", REFUSED)
def test_other_regions_and_hosts_are_refused(client, request, files, role):
    client.force_login(request.getfixturevalue(role))
    for record in files:
        response = client.get(record.url)
        assert response.status_code == 403, role
        assert b"%PDF" not in response.content


def test_anonymous_is_sent_to_log_in(client, files):
    for record in files:
        response = client.get(record.url)
        assert response.status_code == 302
        assert "next=" in response["Location"]


def test_unknown_token_is_404_and_post_is_refused(client, superuser, files):
    client.force_login(superuser)
    assert client.get(reverse("adoptions:file", args=["x" * 43])).status_code == 404
    assert client.post(files[0].url).status_code == 405


def test_stored_under_a_token_outside_the_public_media(files, settings):
    media = Path(settings.MEDIA_ROOT).resolve()
    for record in files:
        path = Path(record.file.path).resolve()
        assert not path.is_relative_to(media)
        assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
        assert record.token in record.file.name
        assert "Surat" not in record.file.name and "daftar" not in record.file.name
        assert len(record.token) >= 43
        with pytest.raises(ValueError):
            record.file.storage.url(record.file.name)


def test_uploads_create_no_wagtail_document(files):
    assert not get_document_model().objects.filter(title="Daftar hadir").exists()


def test_detail_page_and_api_link_the_protected_view(client, team_member, files):
    client.force_login(team_member)
    adoption = files[0].adoption
    page = client.get(reverse("adoptions:detail", args=[adoption.pk])).content.decode()
    for record in files:
        assert record.url in page
    assert "/documents/" not in page and "/media/" not in page
    api = client.get(reverse("api:adoption-events", args=[adoption.pk])).json()
    links = [e["link"] for event in api["results"] for e in event["evidence"]]
    assert links == [f"http://testserver{files[1].url}"]


def test_interest_form_stores_the_letter_privately(client, team_member, garut):
    from innovations.models import InnovationPage

    client.force_login(team_member)
    innovation = (
        InnovationPage.objects.originals()
        .live()
        .exclude(adoptions__region=garut)
        .first()
    )
    response = client.post(
        reverse("adoptions:interest", args=[garut.code]),
        {
            "innovation": innovation.slug,
            "date": "2026-01-05",
            "letter_of_intent": SimpleUploadedFile("surat.pdf", PDF),
        },
    )
    assert response.status_code == 302
    adoption = garut.adoptions.get(innovation=innovation)
    assert adoption.letter_of_intent.kind == AdoptionFile.Kind.LETTER_OF_INTENT
    assert adoption.letter_of_intent.adoption == adoption
    assert client.get(adoption.letter_of_intent.url).status_code == 200


def _public_document(title, content, name):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def test_migration_moves_a_document_to_private_storage(
    client, adoption, settings, django_capture_on_commit_callbacks
):
    document = _public_document("Surat minat", PDF, "surat-minat-garut.pdf")
    old_url = reverse(
        "wagtaildocs_serve", args=[document.pk, document.file.name.rsplit("/")[-1]]
    )
    assert client.get(old_url).status_code == 200  # public before the move
    old_path = Path(document.file.path)

    record = migration.move_document(
        document,
        adoption=adoption,
        kind="surat_minat",
        file_model=AdoptionFile,
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        migration._delete_document(document)
        # The public file stays until the migration commits.
        assert old_path.exists()
    assert callbacks  # the deletion waited for the commit

    assert record.adoption == adoption
    assert record.original_name == "surat-minat-garut.pdf"
    assert record.size == len(PDF)
    assert record.file.read() == PDF
    assert not old_path.exists()
    assert not get_document_model().objects.filter(pk=document.pk).exists()
    assert client.get(old_url).status_code == 404
    assert (
        not Path(record.file.path)
        .resolve()
        .is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    )


def test_migration_keeps_a_row_whose_file_is_missing(adoption):
    document = _public_document("Hilang", PDF, "hilang.pdf")
    document.file.storage.delete(document.file.name)
    assert (
        migration.move_document(
            document, adoption=adoption, kind="bukti_dukung", file_model=AdoptionFile
        )
        is None
    )


def test_wagtail_documents_are_served_by_its_view_as_attachments(db, client, settings):
    document = _public_document("Modul publik", PDF, "modul.pdf")
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_demo_data_attaches_files_once(db):
    from livinglab.adoptions.demo import DEMO_FILES, attach_demo_files

    code, slug = DEMO_FILES[0]
    from livinglab.adoptions.models import Adoption

    adoption = Adoption.objects.get(region__code=code, innovation__slug=slug)
    assert adoption.letter_of_intent is not None  # loaded with the demo data
    assert attach_demo_files() == 0  # a second run adds nothing
    kinds = set(adoption.files.values_list("kind", flat=True))
    assert kinds == {"surat_minat", "bukti_dukung"}
    assert AdoptionEvidence.objects.filter(
        event__adoption=adoption, file__isnull=False
    ).exists()
