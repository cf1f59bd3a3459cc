"""The host view confirms before/after figures too (issue 18.6): a POST
button per adoption with unconfirmed figures, the same ``confirm_figures``
view as the adoption page, shown only to whom ``adoptions.confirm_figures``
allows; after the POST the host is back on the host view."""

from decimal import Decimal

from django.urls import reverse

import pytest

from innovations.models import ImpactFigure
from livinglab.accounts.models import RegionRole
from livinglab.adoptions.models import AdoptionFigure
from tests.roles import make_user

MEASURE = "Waktu layanan"


@pytest.fixture
def figures(adoption, sumedang_innovation):
    ImpactFigure.objects.filter(page=sumedang_innovation).delete()
    ImpactFigure.objects.create(
        page=sumedang_innovation, measure=MEASURE, unit="hari", before=14, after=2
    )
    return AdoptionFigure.objects.create(
        adoption=adoption,
        measure=MEASURE,
        unit="hari",
        before=Decimal("21"),
        after=Decimal("3"),
    )


def _action(adoption_id):
    return reverse("adoptions:confirm-figures", args=[adoption_id])


def test_the_host_sees_a_confirm_button_and_it_confirms(
    client, sumedang_host, figures, sumedang_innovation
):
    client.force_login(sumedang_host)
    html = client.get(reverse("adoptions:host")).content.decode()
    assert "Hasil yang perlu dikonfirmasi" in html
    form_at = html.index(f'action="{_action(figures.adoption_id)}"')
    form = html[form_at : html.index("</form>", form_at)]
    assert "csrfmiddlewaretoken" in form
    assert 'name="next" value="host"' in form
    assert "Konfirmasi angka ini" in form

    response = client.post(_action(figures.adoption_id), {"next": "host"})
    assert response.status_code == 302
    assert response["Location"] == reverse("adoptions:host")
    figures.refresh_from_db()
    assert figures.confirmed_at is not None
    assert figures.confirmed_by == sumedang_host

    # Confirmed: the button is gone from the host view; the case study shows it.
    html = client.get(reverse("adoptions:host")).content.decode()
    assert _action(figures.adoption_id) not in html
    assert (
        "Hasil di daerah replikasi"
        in client.get(sumedang_innovation.url).content.decode()
    )


def test_the_button_needs_both_figures(client, sumedang_host, figures):
    AdoptionFigure.objects.filter(pk=figures.pk).update(after=None)
    client.force_login(sumedang_host)
    html = client.get(reverse("adoptions:host")).content.decode()
    assert _action(figures.adoption_id) not in html
    assert "Hasil yang perlu dikonfirmasi" not in html


def test_another_host_sees_no_button(client, django_user_model, bandung, figures):
    other_host = make_user(
        django_user_model,
        "penerbit@bandung.go.id",
        region=bandung,
        role=RegionRole.Role.HOST_PUBLISHER,
    )
    client.force_login(other_host)
    response = client.get(reverse("adoptions:host"))
    assert response.status_code == 200
    assert _action(figures.adoption_id) not in response.content.decode()
    # And the POST itself is refused by the policy.
    assert (
        client.post(_action(figures.adoption_id), {"next": "host"}).status_code == 403
    )
    figures.refresh_from_db()
    assert figures.confirmed_at is None


def test_the_team_has_no_host_view(client, team_member, figures):
    client.force_login(team_member)
    assert client.get(reverse("adoptions:host")).status_code == 403
