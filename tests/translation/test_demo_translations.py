"""Issue 20: the demo data carries English translations of eight case
studies, the home page and the library (fixtures/translations_en.yaml,
loaded by ``load_initial_data`` through wagtail-localize)."""

from django.conf import settings
from django.utils.html import escape

from wagtail.models import Page

import pytest
import yaml
from wagtail_localize.models import Translation

from innovations.models import InnovationPage
from livinglab.demo.management.commands.load_initial_data import (
    load_demo_translations,
)

FIXTURE = settings.BASE_DIR / "fixtures" / "translations_en.yaml"
SLUGS = list(yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["pages"])
CASE_STUDY_FIELDS = (
    "title",
    "summary",
    "problem",
    "solution",
    "needs_infrastructure",
    "needs_staff",
    "needs_regulation",
)


def _original(slug):
    return Page.objects.get(slug=slug, locale__language_code="id").specific


def _english(page):
    return page.get_translation(_locale("en")).specific


def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


@pytest.mark.django_db
def test_at_least_eight_case_studies_have_a_live_english_translation():
    english = InnovationPage.objects.live().filter(locale__language_code="en")
    originals = InnovationPage.objects.published().filter(
        translation_key__in=english.values("translation_key")
    )
    assert originals.count() >= 8
    assert {"beranda", "inovasi"} <= set(SLUGS)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_every_segment_is_translated(slug):
    """Every segment wagtail-localize offers a translator (title, summary,
    problem, solution, each heading/paragraph/list item of the story, needs,
    introduction) has English text that is not the Indonesian."""
    original = _original(slug)
    job = Translation.objects.get(
        source__object_id=original.translation_key,
        source__locale__language_code="id",
        target_locale__language_code="en",
    )
    untranslated = [
        (entry.msgctxt, entry.msgid)
        for entry in job.export_po()
        if not entry.msgstr.strip() or entry.msgstr == entry.msgid
    ]
    assert untranslated == []


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_translated_fields_are_english_and_live(slug):
    original = _original(slug)
    english = _english(original)
    assert english.live and not english.has_unpublished_changes
    fields = ("title", "introduction")
    if isinstance(original, InnovationPage):
        fields = CASE_STUDY_FIELDS
        assert english.body.raw_data and str(english.body) != str(original.body)
        for ours, theirs in zip(english.body, original.body, strict=True):
            assert str(ours.value).strip()
            assert str(ours.value) != str(theirs.value)
    for name in fields:
        value = getattr(english, name)
        assert value.strip(), name
        assert value != getattr(original, name), name


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_english_address_shows_the_english_title(client, slug):
    original = _original(slug)
    path = original.get_url()
    assert not path.startswith("/en/")
    response = client.get(f"/en{path}")
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(_english(original).title) in page
    assert escape(original.title) not in page
    # the Indonesian address still shows the original
    assert escape(original.title) in client.get(path).content.decode()


@pytest.mark.django_db
def test_loading_again_changes_nothing():
    before = {
        slug: _english(_original(slug)).get_latest_revision().pk for slug in SLUGS
    }
    assert load_demo_translations() == 0
    after = {slug: _english(_original(slug)).get_latest_revision().pk for slug in SLUGS}
    assert after == before


@pytest.mark.django_db
def test_a_translators_work_is_kept(tmp_path):
    """A translation whose title a translator changed is not overwritten."""
    original = _original(SLUGS[-1])
    english = _english(original)
    english.title = "A translator's own title"
    english.save_revision().publish()
    assert load_demo_translations() == 0
    english.refresh_from_db()
    assert english.title == "A translator's own title"
