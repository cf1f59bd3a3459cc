"""Numbers and dates in one house format (issue 16, item 11): Indonesian
``185.000`` and ``2 Nov 2026``, English ``185,000`` and ``2 Nov 2026``, on
the main pages, rendered through the real views in both languages."""

import datetime
from decimal import Decimal

from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from innovations.models import ImpactFigure, InnovationPage
from livinglab.adoptions import pipeline
from livinglab.adoptions.models import Adoption
from livinglab.regions.models import Participation, Region

KNOWN_DATE = datetime.date(2024, 11, 2)
HOUSE_DATE = "2 Nov 2024"
LARGE = {"id": "185.000", "en": "185,000"}
PREFIX = {"id": "", "en": "/en"}
LANGUAGES = ["id", "en"]


def _get(client, language, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return response.content.decode()


def _url(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("language", LANGUAGES)
def test_template_filters_use_the_house_formats(language):
    template = Template(
        "{% load humanize %}{{ day|date }}|{{ n|intcomma }}|{{ x|floatformat:'-2g' }}"
        "|{{ month|date:'YEAR_MONTH_FORMAT' }}"
    )
    with translation.override(language):
        text = template.render(
            Context(
                {
                    "day": KNOWN_DATE,
                    "n": 185000,
                    "x": Decimal("185000.00"),
                    "month": KNOWN_DATE,
                }
            )
        )
    assert text == f"{HOUSE_DATE}|{LARGE[language]}|{LARGE[language]}|Nov 2024"


@pytest.fixture
def stale_case_study(db):
    """A case study last confirmed on the known date, with a large figure."""
    page = InnovationPage.objects.live().order_by("title").first()
    published = timezone.make_aware(datetime.datetime(2024, 11, 2, 9, 0))
    InnovationPage.objects.filter(pk=page.pk).update(
        last_confirmed=KNOWN_DATE, last_published_at=published
    )
    ImpactFigure.objects.filter(page=page).delete()
    ImpactFigure.objects.create(
        page=page, measure="Dokumen ditandatangani", after=Decimal("185000")
    )
    return InnovationPage.objects.get(pk=page.pk)


@pytest.mark.parametrize("language", LANGUAGES)
def test_case_study_page(client, language, stale_case_study):
    html = _get(client, language, PREFIX[language] + stale_case_study.url)
    assert LARGE[language] in html
    assert HOUSE_DATE in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_region_page(client, language, sumedang):
    Participation.objects.filter(region=sumedang).update(joined_on=KNOWN_DATE)
    html = _get(client, language, _url(language, "regions:detail", sumedang.code))
    assert HOUSE_DATE in html


@pytest.fixture
def old_interest(db, sumedang):
    """One adoption of a Sumedang case study, interest only, on the known date."""
    Adoption.objects.all().delete()
    page = InnovationPage.objects.live().filter(host_region=sumedang).first()
    return pipeline.start_adoption(
        region=Region.objects.get(code="32.05"),
        innovation=page,
        date=KNOWN_DATE,
        actor=None,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_host_view(client, language, sumedang_host, old_interest):
    client.force_login(sumedang_host)
    html = _get(client, language, _url(language, "adoptions:host"))
    assert HOUSE_DATE in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_dashboard(client, language, analyst, old_interest):
    client.force_login(analyst)
    html = _get(client, language, _url(language, "adoptions:dashboard"))
    # The stalled table (no step since the known date) and the month axis.
    assert HOUSE_DATE in html
    assert "Nov 2024" in html
    assert "2024-11" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_adoption_page(client, language, team_member, old_interest):
    Adoption.objects.filter(pk=old_interest.pk).update(apbd_cost=Decimal("185000"))
    client.force_login(team_member)
    html = _get(client, language, _url(language, "adoptions:detail", old_interest.pk))
    assert LARGE[language] in html
    assert HOUSE_DATE in html
