"""The public FAQ is searched with its case study, and stopped case studies
are marked on result cards (issue 18, both backends).

A case study's published FAQ (a question with its answers marked public,
none hidden by moderators) is part of its searchable text, analysed like the
rest (stems included); hidden or withdrawn FAQ text is never found; every
change of the FAQ re-indexes the case study through the outbox, in the same
transaction. A case study the host stopped ("Dihentikan") stays findable
and its card carries the "Dihentikan" tag.
"""

import datetime

from django.db import transaction
from django.test import Client

import pytest

from innovations.models import InnovationPage
from livinglab.questions.models import Answer, Question
from search import indexer
from search.models import SearchDocument, SearchOutbox

from .conftest import MARK
from .test_contract import run, slugs

pytestmark = pytest.mark.django_db

FAQ_PAGE = "uji-antrean-puskesmas"
# only in the public answer; "anyaman" shares only its stem "anyam" with it
PUBLIC_ANSWER = "Kader posyandu kami menganyam jadwal gondorukem setiap pekan."
PUBLIC_QUESTION = "Bagaimana kader memakai kalimantra?"


def settle(backend):
    """Bring Elasticsearch up to date with the outbox (nothing on the
    database, which is written in the same transaction)."""
    if backend == "elasticsearch":
        result = indexer.drain(refresh=True)
        assert not result.error and result.remaining == 0


def faq(page, question_text, answer_text, public=True, **question):
    asked = Question.objects.create(innovation=page, text=question_text, **question)
    return Answer.objects.create(question=asked, text=answer_text, public=public)


def test_a_public_faq_answer_finds_its_case_study(backend, corpus):
    page = corpus[FAQ_PAGE]
    assert FAQ_PAGE not in slugs(run(q="gondorukem"))
    answer = faq(page, PUBLIC_QUESTION, PUBLIC_ANSWER)
    settle(backend)
    assert slugs(run(q="gondorukem")) == [FAQ_PAGE]
    assert slugs(run(q="kalimantra")) == [FAQ_PAGE]  # the question too
    assert FAQ_PAGE in slugs(run(q="anyaman"))  # by stem, as the body is

    # withdrawn from the FAQ: no longer found
    answer.public = False
    answer.save(update_fields=["public"])
    settle(backend)
    assert FAQ_PAGE not in slugs(run(q="gondorukem"))
    assert FAQ_PAGE not in slugs(run(q="kalimantra"))


def test_hidden_or_private_faq_text_is_never_found(backend, corpus):
    page = corpus[FAQ_PAGE]
    faq(page, "Pertanyaan biasa?", "Jawaban internal tentang tembikar.", public=False)
    faq(
        page, "Pertanyaan tersembunyi?", "Jawaban publik tentang perunggu.", hidden=True
    )
    hidden_answer = faq(page, "Pertanyaan lain?", "Jawaban publik tentang gerabah.")
    hidden_answer.hidden = True
    hidden_answer.save()
    shown = faq(page, "Pertanyaan terbuka?", "Jawaban publik tentang kalimantra.")
    settle(backend)
    for word in ("tembikar", "perunggu", "gerabah"):
        assert FAQ_PAGE not in slugs(run(q=word)), word
    assert slugs(run(q="kalimantra")) == [FAQ_PAGE]

    # a moderator hides the question: its public answer goes with it
    shown.question.hidden = True
    shown.question.save()
    settle(backend)
    assert FAQ_PAGE not in slugs(run(q="kalimantra"))


def test_faq_of_an_unpublished_case_study_is_not_searched(backend, corpus):
    page = corpus[FAQ_PAGE]
    faq(page, PUBLIC_QUESTION, PUBLIC_ANSWER)
    page.unpublish()
    settle(backend)
    assert run(q="gondorukem").count == 0


def test_publishing_and_hiding_faq_queue_the_case_study_in_the_same_transaction(
    settings, sumedang_innovation, sumedang_host, moderator_user, team_member, garut
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # queued, never sent here
    page = sumedang_innovation
    question = Question.objects.create(
        innovation=page, author=team_member, region=garut, text="Apakah gratis?"
    )
    reply = Answer.objects.create(
        question=question, author=sumedang_host, text="Ya, gratis untuk kalimantra."
    )

    def queued():
        return SearchOutbox.objects.filter(page_id=page.pk).count()

    def searchable():
        return SearchDocument.objects.get(page_id=page.pk).extra_text

    assert queued() == 0  # asking and a private answer change no FAQ
    assert "kalimantra" not in searchable()

    host = Client()
    host.force_login(sumedang_host)
    response = host.post(f"/pertanyaan/jawaban/{reply.pk}/publik/", {"public": "1"})
    assert response.status_code == 302
    assert queued() == 1
    assert "Ya, gratis untuk kalimantra." in searchable()
    assert "Apakah gratis?" in searchable()

    moderator = Client()
    moderator.force_login(moderator_user)
    moderator.post(f"/pertanyaan/jawaban/{reply.pk}/sembunyikan/")
    assert queued() == 2
    assert "kalimantra" not in searchable()
    moderator.post(f"/pertanyaan/jawaban/{reply.pk}/sembunyikan/", {"hidden": "0"})
    assert queued() == 3 and "kalimantra" in searchable()
    moderator.post(f"/pertanyaan/{question.pk}/sembunyikan/")
    assert queued() == 4 and "kalimantra" not in searchable()
    moderator.post(f"/pertanyaan/{question.pk}/sembunyikan/", {"hidden": "0"})
    host.post(f"/pertanyaan/jawaban/{reply.pk}/publik/", {"public": "0"})
    assert queued() == 6 and "kalimantra" not in searchable()

    # rolled back with the change that caused it: no row, no new text
    with pytest.raises(RuntimeError), transaction.atomic():
        reply.refresh_from_db()
        reply.public = True
        reply.save()
        raise RuntimeError
    assert queued() == 6 and "kalimantra" not in searchable()


# Stopped case studies ("Dihentikan") ------------------------------------------------


def stop(page, day=datetime.date(2025, 3, 1)):
    page = InnovationPage.objects.get(pk=page.pk)
    page.stopped_on = day
    page.stopped_reason = "Anggaran tidak berlanjut."
    page.save_revision().publish()
    return day


def test_a_stopped_case_study_is_found_and_marked(backend, corpus, client):
    day = stop(corpus[FAQ_PAGE])
    settle(backend)
    result = run(q=MARK)
    assert result.backend == backend
    assert result.count == 5  # still findable
    items = {item["slug"]: item for item in result.results}
    assert items[FAQ_PAGE]["stopped_on"] == day
    assert {s for s, item in items.items() if item["stopped_on"]} == {FAQ_PAGE}

    api = client.get("/api/v1/search/", {"q": MARK, "page_size": 50}).json()
    assert api["backend"] == backend
    assert {r["slug"]: r["stopped_on"] for r in api["results"]}[FAQ_PAGE] == (
        "2025-03-01"
    )

    html = client.get("/cari/", {"q": "antrean puskesmas xylofon"}).content.decode()
    cards = html.split('class="card case-study-card"')[1:]
    stopped = [c for c in cards if FAQ_PAGE in c.split("</h3>")[0]]
    assert len(stopped) == 1
    assert 'class="card-stopped"' in stopped[0] and "Dihentikan" in stopped[0]
    others = [c for c in cards if c not in stopped]
    assert others and all('class="card-stopped"' not in c for c in others)


def test_restarting_a_stopped_case_study_clears_the_mark(backend, corpus):
    stop(corpus[FAQ_PAGE])
    page = InnovationPage.objects.get(slug=FAQ_PAGE)
    page.stopped_on = None
    page.stopped_reason = ""
    page.save_revision().publish()
    settle(backend)
    items = {item["slug"]: item for item in run(q=MARK).results}
    assert items[FAQ_PAGE]["stopped_on"] is None


# The schema version of the Elasticsearch index ----------------------------------------


@pytest.mark.elasticsearch
def test_check_fails_while_the_index_schema_is_older(es_settings, corpus):
    """An index built before schema 2 (no ``_meta``: no ``stopped_on`` in its
    mapping, no FAQ text) makes ``search_index check`` fail with what to run;
    a rebuild puts it right."""
    from django.core.management import CommandError, call_command

    from search.client import get_client
    from search.documents import SCHEMA_VERSION

    indexer.rebuild()
    report = indexer.check()
    assert report["index_schema"] == SCHEMA_VERSION == 3
    assert not report["schema_outdated"]
    call_command("search_index", "check", verbosity=0)

    client = get_client()
    client.indices.put_mapping(
        index=indexer.current_index(client), meta={"schema_version": 1}
    )
    assert indexer.check()["schema_outdated"]
    with pytest.raises(CommandError, match="refresh-documents"):
        call_command("search_index", "check", verbosity=0)

    indexer.rebuild()
    assert not indexer.check()["schema_outdated"]
