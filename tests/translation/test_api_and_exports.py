"""Issue 20: the machine-readable outputs in both languages.

- the API: ``?lang=en`` (else ``Accept-Language``; ``?lang=`` wins; an
  unknown value is a 400 in both languages) shows the live English
  translation's text with a ``language`` field per case study, never a
  draft, in a fixed number of queries;
- publiccode.yml: ``description.en`` from the live translation;
- the Atom feeds under ``/en/umpan/``: English titles where translated, the
  other entries marked ``xml:lang="id"``; the Indonesian feeds unchanged;
- open data: English columns beside the Indonesian ones.
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
import yaml

from innovations.models import InnovationPage
from livinglab.adoptions.models import Adoption
from livinglab.base.translation import live_translations, translate_page
from livinglab.opendata import tables

SLUG = "tte-sumedang"
TITLE_EN = "Electronic signatures in Sumedang"
SUMMARY_EN = (
    "Officials of Sumedang sign letters and decrees electronically, with a "
    "certified electronic signature, so documents no longer wait for a desk."
)
DETAIL = f"/api/v1/innovations/{SLUG}/"
LIST = "/api/v1/innovations/"


@pytest.fixture
def english(original):
    return translate_page(
        original, {"title": TITLE_EN, "summary": SUMMARY_EN}, publish=True
    )


def _by_slug(response):
    return {row["slug"]: row for row in response.json()["results"]}


def _translated_slugs():
    """Slugs of the case studies with a live English translation (the demo
    data translates some; the tests add ``SLUG``)."""
    pages = list(InnovationPage.objects.published())
    found = live_translations(pages, "en")
    return {p.slug for p in pages if p.translation_key in found}


# --- API -----------------------------------------------------------------


def test_detail_in_english_with_lang_parameter(client, original, english):
    data = client.get(DETAIL, {"lang": "en"}).json()
    assert data["title"] == TITLE_EN
    assert data["summary"] == SUMMARY_EN
    assert data["language"] == "en"
    assert data["slug"] == SLUG  # the identity stays the original's
    assert data["url"].endswith(f"/en/inovasi/kabupaten-sumedang/{SLUG}/")


def test_detail_in_english_with_accept_language(client, original, english):
    response = client.get(DETAIL, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    data = response.json()
    assert data["title"] == TITLE_EN and data["language"] == "en"
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_lang_parameter_wins_over_accept_language(client, original, english):
    data = client.get(DETAIL, {"lang": "id"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["title"] == original.title
    assert data["language"] == "id"


def test_indonesian_by_default(client, original, english):
    data = client.get(DETAIL).json()
    assert data["title"] == original.title
    assert data["summary"] == original.summary
    assert data["language"] == "id"


@pytest.mark.parametrize("value", ["xx", "fr", "english", "en_x!"])
def test_unknown_language_is_a_clear_400(client, original, value):
    response = client.get(DETAIL, {"lang": value})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    # both languages, Indonesian first
    assert error["message"].index("Bahasa") < error["message"].index("language")
    assert "id" in error["message"] and "en" in error["message"]
    assert error["detail"] == {"lang": [error["message"]]}
    assert client.get(LIST, {"lang": value}).status_code == 400


def test_untranslated_case_study_is_indonesian_and_says_so(client, original):
    data = client.get(DETAIL, {"lang": "en"}).json()
    assert data["title"] == original.title
    assert data["language"] == "id"


def test_a_draft_translation_is_not_exposed(client, original):
    translate_page(original, {"title": "Draft English title"}, publish=False)
    data = client.get(DETAIL, {"lang": "en"}).json()
    assert data["title"] == original.title and data["language"] == "id"
    listed = _by_slug(client.get(LIST, {"lang": "en", "page_size": 500}))
    assert listed[SLUG]["title"] == original.title
    assert (
        "Draft English title" not in client.get(LIST, {"lang": "en"}).content.decode()
    )


def test_list_in_english_marks_each_case_study(client, original, english):
    rows = _by_slug(client.get(LIST, {"lang": "en", "page_size": 500}))
    assert rows[SLUG]["title"] == TITLE_EN
    assert rows[SLUG]["language"] == "en"
    translated = _translated_slugs()
    assert SLUG in translated and len(translated) < len(rows)
    assert {s for s, row in rows.items() if row["language"] == "en"} == translated
    # counted once: the translation is not a case study of its own
    assert len(rows) == InnovationPage.objects.published().count()
    indonesian = _by_slug(client.get(LIST, {"page_size": 500}))
    assert indonesian[SLUG]["title"] == original.title
    assert {row["language"] for row in indonesian.values()} == {"id"}


def _queries(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_english_adds_a_constant_number_of_queries(client, original, english):
    params = {"page_size": 500}
    indonesian = _queries(client, LIST, params)
    one = _queries(client, LIST, {**params, "lang": "en"})
    untranslated = InnovationPage.objects.published().exclude(
        slug__in=_translated_slugs()
    )
    for page in untranslated[:2]:
        translate_page(page, {"title": f"English {page.slug}"}, publish=True)
    more = _queries(client, LIST, {**params, "lang": "en"})
    assert one == more
    # translations, their specific rows, published revisions, sources
    assert one <= indonesian + 4
    detail_id = _queries(client, DETAIL, {})
    assert _queries(client, DETAIL, {"lang": "en"}) <= detail_id + 4


def test_adoptions_carry_the_case_study_title_in_english(client, original, english):
    adoption = Adoption.objects.filter(innovation=original).select_related("region")
    adoption = adoption.first()
    assert adoption is not None, "the demo data has adoptions of TTE Sumedang"
    url = f"/api/v1/regions/{adoption.region.code}/adoptions/"
    rows = [
        r
        for r in client.get(url, {"lang": "en", "page_size": 500}).json()["results"]
        if r["innovation"] == SLUG
    ]
    assert rows and rows[0]["innovation_title"] == TITLE_EN
    assert rows[0]["innovation_language"] == "en"
    rows = [
        r
        for r in client.get(url, {"page_size": 500}).json()["results"]
        if r["innovation"] == SLUG
    ]
    assert rows[0]["innovation_title"] == original.title
    assert rows[0]["innovation_language"] == "id"


def test_openapi_documents_the_lang_parameter(client, db):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    for path in ("/api/v1/innovations/", "/api/v1/innovations/{slug}/"):
        parameters = schema["paths"][path]["get"]["parameters"]
        lang = [p for p in parameters if p["name"] == "lang"]
        assert lang and lang[0]["in"] == "query"
        assert sorted(lang[0]["schema"]["enum"]) == ["en", "id"]
    detail = schema["components"]["schemas"]["InnovationDetail"]
    assert "language" in detail["properties"]


# --- publiccode.yml ------------------------------------------------------


def _publiccode(client, page):
    link = page.source_code_links.first()
    assert link is not None, "the demo case study has source code"
    if link.description_en:
        link.description_en = ""
        link.save(update_fields=["description_en"])
    response = client.get(reverse("innovations:publiccode", args=[SLUG, link.pk]))
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_publiccode_has_english_only_when_translated(client, original):
    before = _publiccode(client, original)
    assert "en" not in before["description"]
    translate_page(original, {"title": "Draft only"}, publish=False)
    assert "en" not in _publiccode(client, original)["description"]
    translate_page(original, {"title": TITLE_EN, "summary": SUMMARY_EN}, publish=True)
    after = _publiccode(client, original)
    english = after["description"]["en"]
    assert english["localisedName"] == TITLE_EN
    assert english["shortDescription"].startswith("Officials of Sumedang sign")
    assert len(english["shortDescription"]) <= 150
    assert SUMMARY_EN in english["longDescription"]
    assert 150 <= len(english["longDescription"]) <= 10000
    assert after["description"]["id"] == before["description"]["id"]
    from innovations import publiccode_standard as standard

    assert standard.problems(after) == []


# --- feeds ---------------------------------------------------------------


def _entries(content):
    return re.findall(r"<entry[^>]*>.*?</entry>", content, flags=re.S)


def test_english_feed_carries_english_titles(client, original, english):
    content = client.get("/en/umpan/studi-kasus/").content.decode()
    assert '<feed xml:lang="en" xmlns="http://www.w3.org/2005/Atom">' in content
    entries = _entries(content)
    ours = [e for e in entries if f"/en/inovasi/kabupaten-sumedang/{SLUG}/" in e]
    assert ours and TITLE_EN in ours[0] and SUMMARY_EN in ours[0]
    assert ours[0].startswith("<entry>")  # the feed's language
    translated = _translated_slugs()
    marked = set()
    for entry in entries:
        slug = re.search(r'href="[^"]*/([^/"]+)/"', entry).group(1)
        if entry.startswith('<entry xml:lang="id">'):
            marked.add(slug)
        else:
            assert entry.startswith("<entry>") and slug in translated, entry
    assert marked and not marked & translated


def test_indonesian_feed_is_unchanged(client, original, english):
    content = client.get("/umpan/studi-kasus/").content.decode()
    assert 'xml:lang="id"' in content
    assert TITLE_EN not in content
    assert original.title in content


def test_english_case_study_and_region_feeds(client, original, english):
    content = client.get(f"/en/umpan/studi-kasus/{SLUG}/").content.decode()
    assert f"Changes to {TITLE_EN}" in content
    assert f"Updated: {TITLE_EN}" in content or f"Published: {TITLE_EN}" in content
    region = client.get(
        f"/en/umpan/wilayah/{original.host_region.code}/"
    ).content.decode()
    assert TITLE_EN in region
    assert (
        TITLE_EN
        not in client.get(
            f"/umpan/wilayah/{original.host_region.code}/"
        ).content.decode()
    )


# --- open data -----------------------------------------------------------


def test_open_data_has_english_columns(original, english):
    table = tables.innovation_table()
    names = [f.name for f in table.fields]
    assert {"title_en", "summary_en"} <= set(names)
    assert names.index("title_en") == names.index("summary") + 1
    rows = {row["slug"]: row for row in table.rows}
    assert rows[SLUG]["title"] == original.title  # Indonesian stays
    assert rows[SLUG]["title_en"] == TITLE_EN
    assert rows[SLUG]["summary_en"] == SUMMARY_EN
    translated = _translated_slugs()
    others = [row for slug, row in rows.items() if slug not in translated]
    assert others and all(r["title_en"] == "" == r["summary_en"] for r in others)
    assert all(rows[slug]["title_en"] for slug in translated)
    described = {f["name"]: f for f in table.schema()["fields"]}
    assert "English" in described["title_en"]["description"]


def test_open_data_ignores_draft_translations(original):
    translate_page(original, {"title": "Draft only"}, publish=False)
    rows = {row["slug"]: row for row in tables.innovation_table().rows}
    assert rows[SLUG]["title_en"] == ""
