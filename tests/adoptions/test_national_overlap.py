"""Registering interest in a case study that overlaps a national application
(issue 19.6, Perpres 82/2023): a warning banner with the reason, and a
required acknowledgement; without it nothing is saved. Case studies that
only integrate with one, or have no link, are registered as before."""

import datetime

from django.urls import reverse

import pytest

from innovations.models import NationalApplicationLink
from livinglab.adoptions.models import Adoption
from livinglab.taxonomy.models import NationalApplication

REASON = "Aduan warga dicatat sendiri, seperti SP4N-LAPOR!."
WARNING = "Tumpang tindih dengan aplikasi nasional"


@pytest.fixture
def fresh(garut, sumedang_innovation):
    Adoption.objects.filter(region=garut, innovation=sumedang_innovation).delete()
    return sumedang_innovation


def _link(page, relation):
    return NationalApplicationLink.objects.create(
        page=page,
        application=NationalApplication.objects.get(code="sp4n-lapor"),
        relation=relation,
        reason=REASON,
    )


def _post(client, garut, page, **extra):
    return client.post(
        reverse("adoptions:interest", args=[garut.code]),
        {
            "innovation": page.slug,
            "date": datetime.date.today().isoformat(),
            "responsible_opd": "Diskominfo",
            **extra,
        },
    )


def test_overlap_shows_the_warning_with_reason_and_perpres(
    client, team_member, garut, fresh
):
    _link(fresh, "overlaps")
    client.force_login(team_member)
    url = reverse("adoptions:interest", args=[garut.code])
    html = client.get(url, {"innovation": fresh.slug}).content.decode()
    assert WARNING in html
    assert REASON in html
    assert "Perpres 82/2023" in html
    assert "Percepatan Transformasi Digital" in html
    assert 'class="banner banner-warning"' in html
    assert 'name="acknowledge_overlap"' in html


@pytest.mark.parametrize("relation", ["integrates", None])
def test_no_warning_without_an_overlap(client, team_member, garut, fresh, relation):
    if relation:
        _link(fresh, relation)
    client.force_login(team_member)
    url = reverse("adoptions:interest", args=[garut.code])
    html = client.get(url, {"innovation": fresh.slug}).content.decode()
    assert WARNING not in html
    assert 'name="acknowledge_overlap"' not in html
    response = _post(client, garut, fresh)
    assert response.status_code == 302
    assert Adoption.objects.filter(region=garut, innovation=fresh).exists()


def test_overlap_needs_the_acknowledgement_and_saves_nothing_without(
    client, team_member, garut, fresh
):
    _link(fresh, "overlaps")
    client.force_login(team_member)
    response = _post(client, garut, fresh)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Centang kotak ini untuk menyatakan Anda telah membaca peringatan" in html
    assert WARNING in html and REASON in html
    assert not Adoption.objects.filter(region=garut, innovation=fresh).exists()

    response = _post(client, garut, fresh, acknowledge_overlap="on")
    assert response.status_code == 302
    assert Adoption.objects.filter(region=garut, innovation=fresh).exists()


def test_the_api_also_needs_the_acknowledgement(client, team_member, garut, fresh):
    _link(fresh, "overlaps")
    client.force_login(team_member)
    url = f"/api/v1/regions/{garut.code}/adoptions/"
    body = {"innovation": fresh.slug, "date": datetime.date.today().isoformat()}
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "acknowledge_overlap" in response.content.decode()
    assert not Adoption.objects.filter(region=garut, innovation=fresh).exists()
    response = client.post(
        url, {**body, "acknowledge_overlap": True}, content_type="application/json"
    )
    assert response.status_code == 201, response.content


def test_a_draft_never_shows_its_title_or_reason(client, team_member, garut):
    from innovations.factories import InnovationPageFactory
    from innovations.models import InnovationIndexPage

    draft = InnovationPageFactory(
        parent=InnovationIndexPage.objects.get(
            slug="inovasi", locale__language_code="id"
        ),
        slug="draf-tumpang-tindih",
        title="Draf Rahasia",
        live=False,
    )
    _link(draft, "overlaps")
    client.force_login(team_member)
    url = reverse("adoptions:interest", args=[garut.code])
    html = client.get(url, {"innovation": draft.slug}).content.decode()
    assert "Draf Rahasia" not in html and REASON not in html
    assert WARNING not in html


def test_acknowledgement_sits_beside_its_label_and_reads_cleanly(
    client, team_member, garut, fresh
):
    """Newcomer, session 6: the checkbox was centred above its label and the
    summary read "…register interest.: Tick the box…"."""
    from pathlib import Path

    from django.contrib.staticfiles import finders

    from tests.error_summary import assert_error_summary

    _link(fresh, "overlaps")
    client.force_login(team_member)
    response = _post(client, garut, fresh)
    links = assert_error_summary(response)
    text = [t for t, target in links if target == "id_acknowledge_overlap"][0]
    assert ".:" not in text and "?:" not in text
    name, _colon, message = text.partition(": ")
    assert name.startswith("Kami telah membaca peringatan") and message
    css = Path(finders.find("livinglab/site.css")).read_text(encoding="utf-8")
    assert ".field-check" in css and "grid-template-columns: auto 1fr" in css
