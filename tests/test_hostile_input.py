"""Hostile input against every form and API input of ours: never a 5xx, and
nothing stored unsanitised (no markup, no control characters, no paths)."""

import io
import json
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from livinglab.accounts.models import Invitation
from livinglab.adoptions.models import (
    Adoption,
    AdoptionEvidence,
    AdoptionFile,
    StageEvent,
)
from livinglab.api.models import ApiToken
from livinglab.base.files import minimal_pdf

REAL_PDF = minimal_pdf(["Daftar hadir"], title="Bukti")

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.cookie)",
    "' OR 1=1 --",
    '"; DROP TABLE adoptions_adoption; --',
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "\x00\x01\x1b[31m",
    "\u202egnp.exe",
    "😀🇮🇩 ꦲꦏ꧀ꦱꦫ ﷺ",
    "A" * 20000,
    "%(name)s {0} %s",
    "{{ 7*7 }} {% debug %}",
]
MARKERS = ("<script", "onerror", "<img", "\x00", "\x1b")


def clean(value):
    return isinstance(value, str) and not any(m in value for m in MARKERS)


GET_URLS = [
    "/cari/?q={p}&dimension={p}&sort={p}&page={p}",
    "/api/v1/search/?q={p}&province={p}&page_size={p}",
    "/api/v1/search/suggest/?q={p}",
    "/api/v1/innovations/?host={p}&maturity={p}&dimension={p}&indicator={p}&page={p}",
    "/api/v1/innovations/{p}/",
    "/api/v1/regions/?q={p}&province={p}&kind={p}&cohort={p}&page_size={p}",
    "/api/v1/regions/{p}/adoptions/",
    "/api/v1/adoptions/summary/?province={p}&cohort={p}&dimension={p}&theme={p}",
    "/wilayah/?q={p}&province={p}",
    "/wilayah/{p}/",
    "/peta/?mode={p}&innovation={p}",
    "/inovasi/?q={p}&dimension={p}&page={p}",
    "/data-terbuka/{p}",
    "/adopsi/dasbor/?province={p}&stalled_days={p}&spbe_from={p}",
    "/adopsi/?konfirmasi={p}",
]


@pytest.mark.parametrize("template", GET_URLS)
def test_query_strings_never_500(client, analyst, template):
    from urllib.parse import quote

    client.force_login(analyst)
    for payload in PAYLOADS:
        url = template.format(p=quote(payload[:3000], safe=""))
        response = client.get(url)
        assert response.status_code < 500, (url[:120], response.status_code)


def _texts(obj, names):
    return [getattr(obj, n) for n in names]


def test_workspace_forms(client, team_member, adoption, garut, sumedang_innovation):
    client.force_login(team_member)
    for payload in PAYLOADS:
        response = client.post(
            reverse("adoptions:record-step", args=[adoption.pk]),
            {
                "to_stage": "dihentikan",
                "date": "2026-01-10",
                "note": payload,
                "version": payload,
                "evidence_title": payload,
                "evidence_url": payload,
            },
        )
        assert response.status_code < 500
        response = client.post(
            reverse("adoptions:adaptation", args=[adoption.pk]),
            {
                "version": Adoption.objects.get(pk=adoption.pk).version,
                "responsible_opd": payload[:150],
                "contact_name": payload[:120],
                "adaptation_notes": payload,
                "local_regulation": payload[:200],
                "vendor": payload[:150],
                "variant_repository": payload,
                "apbd_cost": payload,
            },
        )
        assert response.status_code < 500
        response = client.post(
            reverse("adoptions:interest", args=[garut.code]),
            {"innovation": payload, "date": payload, "note": payload},
        )
        assert response.status_code < 500
        response = client.post(
            reverse("api-tokens"), {"name": payload[:100], "region": payload, "days": 1}
        )
        assert response.status_code < 500
    adoption.refresh_from_db()
    assert all(
        clean(v)
        for v in _texts(
            adoption,
            [
                "responsible_opd",
                "contact_name",
                "adaptation_notes",
                "local_regulation",
                "vendor",
            ],
        )
    )
    for event in StageEvent.objects.filter(adoption=adoption):
        assert clean(event.note), event.note[:80]
    for token in ApiToken.objects.filter(user=team_member):
        assert clean(token.name)


def test_api_writes(client, team_member, garut, adoption):
    _t, raw = ApiToken.issue(user=team_member, region=garut, name="hostile")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    url = reverse("api:adoption-events", args=[adoption.pk])
    for payload in PAYLOADS:
        for body in (
            {"to_stage": payload, "date": payload, "note": payload},
            {
                "to_stage": "dihentikan",
                "date": "2026-01-10",
                "note": payload,
                "evidence_title": payload,
                "evidence_url": payload,
                "evidence_indicators": [payload],
            },
            [payload],
            payload,
        ):
            response = client.post(
                url, json.dumps(body), content_type="application/json", **auth
            )
            assert response.status_code < 500, (
                body if isinstance(body, str) else "",
                response.content[:200],
            )
            assert response["Content-Type"].startswith("application/json")
        response = client.post(
            reverse("api:region-adoptions", args=[garut.code]),
            {"innovation": payload, "date": payload, "responsible_opd": payload},
            content_type="application/json",
            **auth,
        )
        assert response.status_code < 500
    # Malformed JSON and a wrong content type.
    for raw_body, kind in (
        (b"{not json", "application/json"),
        (b"\xff\xfe", "application/json"),
        (b"x", "text/plain"),
    ):
        response = client.generic("POST", url, raw_body, content_type=kind, **auth)
        assert 400 <= response.status_code < 500
    for event in StageEvent.objects.filter(adoption=adoption):
        assert clean(event.note)
    for evidence in AdoptionEvidence.objects.filter(event__adoption=adoption):
        assert clean(evidence.title)


def _polyglot():
    """A real PDF that is also a web page (HTML in a PDF comment line)."""
    return REAL_PDF.replace(
        b"%PDF-1.4\n", b"%PDF-1.4\n%<html><body><script>alert(1)</script>\n", 1
    )


def _zip_bomb(inner="bom.txt", megabytes=20, extra=()):
    """A small zip (about 20 KB) that unpacks to ``megabytes`` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, content in extra:
            zf.writestr(name, content)
        with zf.open(inner, "w") as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    return buffer.getvalue()


OFFICE_PARTS = (("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>"))

# The hostile-input corpus of uploads: each one is refused, nothing stored.
HOSTILE_FILES = [
    ("bukti.pdf", b"\xff\xfe\xfa invalid utf-8 \x00 not a pdf"),
    ("bukti.pdf", b"<html><script>alert(1)</script></html>"),
    ("bukti.pdf.exe", b"MZ\x90\x00"),
    ("", b"%PDF-1.4\n%%EOF"),
    ("bukti.svg", b"<svg onload=alert(1)></svg>"),
    ("kosong.pdf", b"%PDF-1.4 fine\n%%EOF"),  # magic bytes, but no page
    ("polyglot.pdf", _polyglot()),
    ("bom.zip", _zip_bomb()),
    ("bom.docx", _zip_bomb("word/media/bom.bin", extra=OFFICE_PARTS)),
    ("layar.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),  # PNG header only
]


@pytest.mark.parametrize(
    ("name", "content"),
    HOSTILE_FILES,
    ids=[f"{n}-{i}" for i, (n, _c) in enumerate(HOSTILE_FILES)],
)
def test_hostile_uploads_are_refused(client, team_member, adoption, name, content):
    client.force_login(team_member)
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {
            "to_stage": "studi_tiru",
            "date": "2026-01-10",
            "version": adoption.version,
            "evidence_title": "Bukti",
            "evidence_file": SimpleUploadedFile(name or "x", content),
        },
    )
    assert response.status_code == 400
    assert response.context["step_form"].errors["evidence_file"]
    assert adoption.events.count() == 1
    assert not AdoptionEvidence.objects.filter(event__adoption=adoption).exists()
    assert not AdoptionFile.objects.filter(adoption=adoption).exists()


def test_upload_with_a_path_in_its_name_is_stored_safely(client, team_member, adoption):
    client.force_login(team_member)
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {
            "to_stage": "studi_tiru",
            "date": "2026-01-10",
            "version": adoption.version,
            "evidence_title": "Bukti",
            "evidence_file": SimpleUploadedFile("../../etc/passwd.pdf", REAL_PDF),
        },
    )
    assert response.status_code == 302
    evidence = AdoptionEvidence.objects.get(event__adoption=adoption)
    stored = evidence.file.file.name
    assert ".." not in stored and "etc" not in stored and "passwd" not in stored
    assert stored.endswith(".pdf")
    assert evidence.file.original_name == "passwd.pdf"
    assert evidence.file.file.read(5) == b"%PDF-"


def test_oversized_upload_is_refused(client, team_member, adoption, settings):
    settings.LIVINGLAB_MAX_UPLOAD_MB = 1
    client.force_login(team_member)
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {
            "to_stage": "studi_tiru",
            "date": "2026-01-10",
            "version": adoption.version,
            "evidence_title": "Besar",
            "evidence_file": SimpleUploadedFile("besar.pdf", big),
        },
    )
    assert response.status_code == 400
    assert adoption.events.count() == 1


def test_account_forms(client, coordinator):
    for payload in PAYLOADS:
        response = client.post(
            reverse("account_login"), {"login": payload, "password": payload}
        )
        assert response.status_code < 500
    client.force_login(coordinator)
    before = Invitation.objects.count()
    for payload in PAYLOADS:
        response = client.post(
            reverse("accounts:invitations"),
            {"email": payload, "region": payload, "role": payload},
        )
        assert response.status_code < 500
    assert Invitation.objects.count() == before


# The YAML alias bomb (issue 12.4): 472 bytes that once cost ~11 s and 1 GB
# per level in the publiccode.yml import; now refused before any object exists.
YAML_BOMB = (
    Path(__file__).parent / "innovations" / "data" / "publiccode-bomb.yml"
).read_bytes()


def test_yaml_bomb_is_refused_by_the_publiccode_import(client, django_user_model):
    from innovations.models import InnovationPage

    page = InnovationPage.objects.live().first()
    admin = django_user_model.objects.create_superuser(
        email="yaml-bom@example.test", password="x"
    )
    client.force_login(admin)
    response = client.post(
        reverse("innovations_import_publiccode", args=[page.pk]),
        {"file": SimpleUploadedFile("publiccode.yml", YAML_BOMB)},
    )
    assert response.status_code == 400
    assert page.get_latest_revision_as_object().source_code_links.count() == (
        page.source_code_links.count()
    )


@pytest.mark.parametrize(
    "path",
    ["/wilayah/%00/", "/wilayah/32%0005/", "/inovasi/%00/", "/api/v1/regions/%00/"],
)
def test_nul_in_the_path_is_not_found(client, db, path):
    """PostgreSQL cannot compare text holding NUL: such an address names
    nothing and answers 404 before any view looks it up."""
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/innovations/?indicator=²",
        "/api/v1/innovations/?page=²",
        "/api/v1/regions/?page_size=²",
        "/api/v1/search/?page=³",
        "/api/v1/regions/32.05/spbe/simulate/?year=²&innovations=x",
        "/adopsi/dasbor/?stalled_days=²",
    ],
)
def test_digits_that_are_not_decimal_never_500(client, analyst, url):
    """``"²".isdigit()`` is True but ``int("²")`` raises: every number read
    from a request is checked with ``isdecimal`` and ``isascii``."""
    client.force_login(analyst)
    assert client.get(url).status_code < 500


def test_questions_and_answers(
    client, team_member, sumedang_host, garut, sumedang_innovation, settings
):
    """Issue 18.1: the ask form, the answer form and the questions API."""
    from livinglab.questions.models import Answer, Question

    settings.QUESTIONS_PER_HOUR = 1000
    _t, raw = ApiToken.issue(user=team_member, region=garut, name="hostile-qa")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    api = f"/api/v1/innovations/{sumedang_innovation.slug}/questions/"
    ask = f"/pertanyaan/studi-kasus/{sumedang_innovation.slug}/tanya/"
    for payload in PAYLOADS:
        for body in ({"text": payload}, [payload], payload):
            response = client.post(
                api, json.dumps(body), content_type="application/json", **auth
            )
            assert response.status_code < 500, response.content[:200]
        client.force_login(team_member)
        assert client.post(ask, {"text": payload}).status_code < 500
        question = Question.objects.filter(author=team_member).first()
        client.force_login(sumedang_host)
        if question is not None:
            response = client.post(f"/pertanyaan/{question.pk}/", {"text": payload})
            assert response.status_code < 500
        client.logout()
    assert Question.objects.exists() and Answer.objects.exists()
    for entry in [*Question.objects.all(), *Answer.objects.all()]:
        assert clean(entry.text)
