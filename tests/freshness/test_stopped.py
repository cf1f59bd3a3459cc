"""A case study marked stopped (Dihentikan, issue 18.5): still findable and
clearly marked; not recommended nor simulated; counted on the dashboard."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from innovations.models import InnovationPage
from livinglab.adoptions.recommendations import recommend

pytestmark = pytest.mark.django_db

STOP = {"stopped_on": datetime.date(2026, 3, 1), "stopped_reason": "Anggaran habis."}


def _stop(page):
    InnovationPage.objects.filter(pk=page.pk).update(**STOP)
    page.refresh_from_db()
    return page


def test_the_page_stays_and_shows_a_banner(client, sumedang_innovation):
    page = _stop(sumedang_innovation)
    body = client.get(page.url).content.decode()
    assert "Dihentikan" in body and "Anggaran habis." in body
    assert 'class="banner banner-warning"' in body


def test_a_running_page_has_no_banner(client, sumedang_innovation):
    body = client.get(sumedang_innovation.url).content.decode()
    assert "banner-warning" not in body


def test_excluded_from_recommendations(garut):
    recommended = [r.innovation.pk for r in recommend(garut, limit=100)]
    assert recommended
    stopped = _stop(InnovationPage.objects.get(pk=recommended[0]))
    assert stopped.pk not in [r.innovation.pk for r in recommend(garut, limit=100)]


def test_a_simulation_of_a_stopped_case_study_says_why(client, team_member, garut):
    page = (
        InnovationPage.objects.published()
        .filter(spbe_indicators__isnull=False)
        .exclude(host_region=garut)
        .first()
    )
    client.force_login(team_member)
    api = "/api/v1/regions/32.05/spbe/simulate/"
    _stop(page)
    response = client.get(api, {"year": "2024", "innovations": page.slug})
    assert response.status_code == 400
    detail = response.json()["error"]["detail"]["innovations"][0]
    assert "dihentikan" in detail and page.slug in detail
    simulator = "/adopsi/wilayah/32.05/spbe/simulasi/"
    form = client.get(simulator).content.decode()
    assert f'value="{page.slug}"' not in form
    answer = client.get(simulator, {"year": 2024, "innovations": [page.slug]})
    html = answer.content.decode()
    assert answer.context["result"] is None
    assert "dihentikan" in html.lower() and page.title in html


def test_counted_on_the_dashboard(client, analyst, sumedang_innovation):
    client.force_login(analyst)
    before = client.get(reverse("adoptions:dashboard")).context["totals"]["stopped"]
    _stop(sumedang_innovation)
    after = client.get(reverse("adoptions:dashboard")).context["totals"]["stopped"]
    assert after == before + 1
    assert (
        "Studi kasus dihentikan"
        in client.get(reverse("adoptions:dashboard")).content.decode()
    )


def test_a_stop_needs_its_reason_and_a_past_date(sumedang_innovation):
    page = sumedang_innovation
    page.stopped_on = datetime.date(2026, 3, 1)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "stopped_reason" in error.value.message_dict
    page.stopped_reason = "Anggaran habis."
    page.stopped_on = datetime.date(2999, 1, 1)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "stopped_on" in error.value.message_dict


def test_the_library_card_is_marked(client, library):
    first = client.get(library.url).context["page_obj"].object_list[0]
    assert "card-stopped" not in client.get(library.url).content.decode()
    _stop(InnovationPage.objects.get(pk=first.pk))
    body = client.get(library.url).content.decode()
    assert body.count("card-stopped") == 1 and "Dihentikan" in body


def test_the_reason_is_escaped_in_the_banner(client, sumedang_innovation):
    InnovationPage.objects.filter(pk=sumedang_innovation.pk).update(
        stopped_on=datetime.date(2026, 3, 1), stopped_reason="<b>Anggaran</b> & SDM"
    )
    body = client.get(sumedang_innovation.url).content.decode()
    assert "&lt;b&gt;Anggaran&lt;/b&gt; &amp; SDM" in body
    assert "<b>Anggaran</b>" not in body
