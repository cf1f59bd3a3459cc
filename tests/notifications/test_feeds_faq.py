"""The public FAQ in a case study's Atom feed (issue 18.4): one entry per
public answer, linked to its question on the page, dated when it was
published as FAQ; never a hidden or private entry, never for an unpublished
or restricted case study."""

import datetime
import xml.etree.ElementTree as ET

from django.test import Client
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from livinglab.questions.models import Answer, Question

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, page):
    response = client.get(f"/umpan/studi-kasus/{page.slug}/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    return {
        e.findtext(f"{ATOM}title"): {
            "link": e.find(f"{ATOM}link").get("href"),
            "published": e.findtext(f"{ATOM}published"),
            "summary": e.findtext(f"{ATOM}summary"),
        }
        for e in root.iter(f"{ATOM}entry")
    }


def faq(page, question_text, answer_text, public=True, **question):
    asked = Question.objects.create(innovation=page, text=question_text, **question)
    return Answer.objects.create(question=asked, text=answer_text, public=public)


def test_public_faq_entries_are_in_the_case_study_feed(sumedang_innovation):
    page = sumedang_innovation
    answer = faq(
        page, "Apakah kodenya terbuka?", "Ya, di repositori kami.", public=False
    )
    asked = timezone.make_aware(datetime.datetime(2020, 1, 5, 9, 0))
    Answer.objects.filter(pk=answer.pk).update(created_at=asked)
    answer.refresh_from_db()
    answer.public = True
    answer.save(update_fields=["public"])
    answer.refresh_from_db()
    assert answer.public_at > asked
    faq(page, "Soal tersembunyi?", "Jawaban publik A.", hidden=True)
    hidden_answer = faq(page, "Soal lain?", "Jawaban publik B.")
    hidden_answer.hidden = True
    hidden_answer.save()
    faq(page, "Soal internal?", "Jawaban internal.", public=False)

    shown = entries(Client(), page)
    entry = shown["Tanya jawab: Apakah kodenya terbuka?"]
    assert entry["summary"] == "Ya, di repositori kami."
    assert entry["link"].endswith(f"{page.url}#faq-{answer.question_id}")
    # dated when published as FAQ, not when written
    updated = datetime.datetime.fromisoformat(entry["published"])
    assert abs(updated - answer.public_at) < datetime.timedelta(seconds=1)
    assert not any(
        t.endswith(("Soal tersembunyi?", "Soal lain?", "Soal internal?")) for t in shown
    )
    # the anchor the entry links to is on the page
    html = Client().get(page.url).content.decode()
    assert f'id="faq-{answer.question_id}"' in html
    # English chrome under /en/
    response = Client().get(f"/en/umpan/studi-kasus/{page.slug}/")
    assert b"FAQ: Apakah kodenya terbuka?" in response.content

    # withdrawn from the FAQ: gone from the feed
    answer.public = False
    answer.save(update_fields=["public"])
    assert not any(t.startswith("Tanya jawab") for t in entries(Client(), page))


def test_no_faq_feed_for_a_restricted_or_unpublished_case_study(sumedang_innovation):
    page = sumedang_innovation
    faq(page, "Apakah kodenya terbuka?", "Ya, di repositori kami.")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert Client().get(f"/umpan/studi-kasus/{page.slug}/").status_code == 404
    restriction.delete()
    assert "Tanya jawab: Apakah kodenya terbuka?" in entries(Client(), page)
    page.unpublish()
    assert Client().get(f"/umpan/studi-kasus/{page.slug}/").status_code == 404
