"""The evidence ZIP of a host (issue 19.5), after the review of session 6
(/work/notes/s6/review.md findings 4, 5, 10, 11): a fixed number of queries
whatever the number of documents, streamed from a temporary file under a
total-size cap, rate limited, no member twice, safe member names, and the
document-read rule in ``livinglab/accounts/policy.py``."""

import io
import zipfile

from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import Collection, CollectionViewRestriction

import pytest

from innovations.models import InnovationPage, SpbeEvidence, TrainingMaterial
from livinglab.accounts import policy
from livinglab.competitions import exports
from livinglab.competitions.evidence import MANIFEST
from tests.competitions import test_exports
from tests.competitions.test_exports import PDF, _document, _get

pytestmark = pytest.mark.django_db
scenario = test_exports.scenario  # the fixture, shared


def _closed_collection(name):
    closed = Collection.get_first_root_node().add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=closed, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name=f"Grup {name}"))
    return closed


def _attach(page, count, start, collections):
    for index in range(start, start + count):
        document = _document(
            f"bukti-{index}", collections[index % len(collections)] or None
        )
        SpbeEvidence.objects.create(
            page=page, title=document.title, year=2025, document=document
        )


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, "evidence", "32.11")
        assert response.status_code == 200
        _body(response)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_documents(
    client, sumedang_host, sumedang, scenario
):
    page = InnovationPage.objects.live().filter(host_region=sumedang).first()
    collections = [None, _closed_collection("Tertutup A")]
    client.force_login(sumedang_host)
    _attach(page, 2, 0, collections)
    _queries(client)  # warm up (content types, sessions, site)
    two = _queries(client)
    _attach(page, 6, 2, collections)
    eight = _queries(client)
    assert eight == two, f"{two} queries for 2 documents, {eight} for 8"


def _archive(response):
    assert response.status_code == 200, response.content[:300]
    assert response.streaming, "the ZIP is streamed from a temporary file"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_is_streamed_and_complete(client, sumedang_host, scenario):
    client.force_login(sumedang_host)
    archive = _archive(_get(client, "evidence", "32.11"))
    assert archive.testzip() is None
    assert archive.read(exports.letter_path(scenario["mine"])) == PDF
    assert MANIFEST in archive.namelist()


def test_over_the_size_cap_is_a_clear_message_and_no_file(
    client, sumedang_host, scenario, settings
):
    settings.COMPETITIONS_EVIDENCE_MAX_BYTES = len(PDF) // 2
    client.force_login(sumedang_host)
    response = _get(client, "evidence", "32.11")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    html = response.content.decode()
    assert "terlalu besar" in html
    assert not response.content.startswith(b"PK")


def test_evidence_downloads_are_rate_limited(client, sumedang_host, scenario, settings):
    settings.COMPETITIONS_EVIDENCE_RATE = "2/hour"
    client.force_login(sumedang_host)
    assert _get(client, "evidence", "32.11").status_code == 200
    assert _get(client, "evidence", "32.11").status_code == 200
    response = _get(client, "evidence", "32.11")
    assert response.status_code == 429
    assert "Terlalu banyak" in response.content.decode()
    # the workbooks are cheap and not counted
    assert _get(client, "iid", "32.11").status_code == 200


def _names(response):
    assert response.status_code == 200, response.content[:300]
    return zipfile.ZipFile(io.BytesIO(_body(response))).namelist()


def test_a_document_attached_twice_is_in_the_zip_once(
    client, sumedang_host, sumedang, scenario
):
    page = InnovationPage.objects.live().filter(host_region=sumedang).first()
    document = _document("bukti-ganda")
    for year in (2024, 2025):
        SpbeEvidence.objects.create(
            page=page, title=document.title, year=year, document=document
        )
    TrainingMaterial.objects.create(
        page=page, title="Modul", kind=TrainingMaterial.Kind.MODULE, document=document
    )
    client.force_login(sumedang_host)
    names = _names(_get(client, "evidence", "32.11"))
    assert len(names) == len(set(names))
    assert f"{page.slug}/bukti-dukung/{document.pk}-{document.filename}" in names


def test_member_names_of_letters_are_safe(client, sumedang_host, scenario):
    letter = scenario["mine"].letter_of_intent
    type(letter).objects.filter(pk=letter.pk).update(
        original_name="../../etc/surat minat\u202e.pdf"
    )
    adoption = type(scenario["mine"]).objects.get(pk=scenario["mine"].pk)
    path = exports.letter_path(adoption)
    assert path == f"{adoption.innovation.slug}/surat-minat/32.05-surat-minat.pdf"
    client.force_login(sumedang_host)
    names = _names(_get(client, "evidence", "32.11"))
    assert path in names
    assert not any(".." in name for name in names)


def test_the_document_read_rule_is_in_the_policy():
    closed = _closed_collection("Kebijakan")
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}
    root = Collection.get_first_root_node()
    assert policy.may_read_collection_documents(request, root)
    assert not policy.may_read_collection_documents(request, closed)
