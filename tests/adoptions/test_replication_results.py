"""Impact follow-up (issue 18.6): the host confirms an adopter's before/after
figures; confirmed figures appear on the case study as "Hasil di daerah
replikasi"; a change by the team asks for a new confirmation."""

from decimal import Decimal

from django.urls import reverse

import pytest

from innovations.models import ImpactFigure
from livinglab.adoptions.models import AdoptionFigure

MEASURE = "Waktu layanan"


@pytest.fixture
def figures(adoption, sumedang_innovation):
    ImpactFigure.objects.filter(page=sumedang_innovation).delete()
    ImpactFigure.objects.create(
        page=sumedang_innovation,
        measure=MEASURE,
        unit="hari",
        before=Decimal("14"),
        after=Decimal("2"),
    )
    return AdoptionFigure.objects.create(
        adoption=adoption,
        measure=MEASURE,
        unit="hari",
        before=Decimal("21"),
        after=Decimal("3"),
    )


def _results_section(html):
    start = html.find('id="replication-results-h"')
    return "" if start < 0 else html[start : html.find("</section>", start)]


def test_host_confirms_and_the_case_study_shows_the_results(
    client, sumedang_host, figures, sumedang_innovation
):
    page_html = client.get(sumedang_innovation.url).content.decode()
    assert _results_section(page_html) == ""  # unconfirmed: not shown

    client.force_login(sumedang_host)
    detail = client.get(reverse("adoptions:detail", args=[figures.adoption_id]))
    assert reverse("adoptions:confirm-figures", args=[figures.adoption_id]) in (
        detail.content.decode()
    )
    response = client.post(
        reverse("adoptions:confirm-figures", args=[figures.adoption_id])
    )
    assert response.status_code == 302
    figures.refresh_from_db()
    assert figures.confirmed_at is not None
    assert figures.confirmed_by == sumedang_host

    client.logout()
    section = _results_section(client.get(sumedang_innovation.url).content.decode())
    assert "Hasil di daerah replikasi" in section
    assert "Kabupaten Garut" in section or "Garut" in section
    assert MEASURE in section and "hari" in section
    assert ">21<" in section and ">3<" in section


def test_the_team_cannot_confirm_its_own_figures(client, team_member, figures):
    client.force_login(team_member)
    response = client.post(
        reverse("adoptions:confirm-figures", args=[figures.adoption_id])
    )
    assert response.status_code == 403
    figures.refresh_from_db()
    assert figures.confirmed_at is None


def test_confirmation_needs_post(client, sumedang_host, figures):
    client.force_login(sumedang_host)
    response = client.get(
        reverse("adoptions:confirm-figures", args=[figures.adoption_id])
    )
    assert response.status_code == 405
    figures.refresh_from_db()
    assert figures.confirmed_at is None


def _post_figures(client, adoption_id, before, after):
    return client.post(
        reverse("adoptions:figures", args=[adoption_id]),
        {
            "figures-TOTAL_FORMS": "1",
            "figures-INITIAL_FORMS": "1",
            "figures-0-measure": MEASURE,
            "figures-0-unit": "hari",
            "figures-0-before": before,
            "figures-0-after": after,
        },
    )


def test_a_changed_figure_waits_for_a_new_confirmation(
    client, team_member, sumedang_host, figures
):
    AdoptionFigure.objects.filter(pk=figures.pk).update(
        confirmed_at="2026-06-01T00:00:00Z", confirmed_by=sumedang_host
    )
    client.force_login(team_member)
    # Saved unchanged: the confirmation stays.
    assert _post_figures(client, figures.adoption_id, "21", "3").status_code == 302
    figures.refresh_from_db()
    assert figures.confirmed_at is not None
    # Changed: the host must confirm again.
    assert _post_figures(client, figures.adoption_id, "21", "1").status_code == 302
    figures.refresh_from_db()
    assert figures.after == Decimal("1")
    assert figures.confirmed_at is None and figures.confirmed_by is None


def test_results_leave_out_incomplete_figures_in_one_query(
    figures, sumedang_innovation, django_assert_num_queries
):
    from livinglab.adoptions.sections import replication_results

    AdoptionFigure.objects.filter(pk=figures.pk).update(
        confirmed_at="2026-06-01T00:00:00Z"
    )
    AdoptionFigure.objects.create(
        adoption=figures.adoption,
        measure="Tanpa angka sesudah",
        before=Decimal("5"),
        confirmed_at="2026-06-01T00:00:00Z",
    )
    with django_assert_num_queries(1):
        rows = replication_results(sumedang_innovation)
        assert [(r.adoption.region.code, r.measure) for r in rows] == [
            ("32.05", MEASURE)
        ]
