"""The workspace forms (issue 16, defect 10): no "---------", dates that say
which date, the person's own details filled in, indicators as checkboxes by
SPBE aspect, and on a problem an error summary at the top, the errors beside
their fields, and a plain word that a chosen file must be chosen again."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from livinglab.adoptions import pipeline
from livinglab.adoptions.forms import StepForm
from livinglab.adoptions.models import Adoption
from livinglab.base.files import minimal_pdf

from ..error_summary import assert_error_summary, field_errors_beside

PDF = minimal_pdf(["Surat minat"], title="Surat")
TOMORROW = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()


def pdf(name="surat.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def label_text(soup, field_id):
    label = soup.find("label", attrs={"for": field_id})
    assert label is not None, field_id
    return label.get_text(" ", strip=True)


@pytest.fixture
def interest_url(garut):
    return reverse("adoptions:interest", args=[garut.code])


def test_interest_form_has_no_dashes_and_says_which_date(
    client, team_member, interest_url
):
    client.force_login(team_member)
    page = client.get(interest_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "---------" not in html
    soup = soup_of(page)
    first = soup.find("select", attrs={"name": "innovation"}).find("option")
    assert first["value"] == ""
    assert first.get_text(strip=True) == "Pilih inovasi"
    date_label = label_text(soup, "id_date")
    assert date_label != "Tanggal"
    assert date_label.startswith("Tanggal minat")


def test_interest_form_fills_in_the_persons_own_details(
    client, team_member, garut, interest_url, sumedang_innovation
):
    team_member.first_name = "Rina"
    team_member.last_name = "Wulandari"
    team_member.save()
    client.force_login(team_member)
    # Without an earlier record: name and address from the account.
    form = client.get(interest_url).context["form"]
    assert form["contact_name"].value() == "Rina Wulandari"
    assert form["contact_email"].value() == "tim@garutkab.go.id"
    assert not form["responsible_opd"].value()
    # With one (where they are the contact): its OPD too.
    Adoption.objects.filter(region=garut, innovation=sumedang_innovation).delete()
    pipeline.start_adoption(
        region=garut,
        innovation=sumedang_innovation,
        date=datetime.date(2026, 1, 5),
        actor=None,
        note="",
        responsible_opd="Diskominfo Kabupaten Garut",
        contact_name="Rina W.",
        contact_email="TIM@garutkab.go.id",
    )
    page = client.get(interest_url)
    soup = soup_of(page)
    assert soup.find(id="id_responsible_opd")["value"] == "Diskominfo Kabupaten Garut"
    assert soup.find(id="id_contact_name")["value"] == "Rina W."
    assert soup.find(id="id_contact_email")["value"] == "tim@garutkab.go.id"
    # The workspace's own copy of the form too.
    workspace = client.get(reverse("adoptions:region", args=[garut.code]))
    assert workspace.context["interest_form"]["responsible_opd"].value() == (
        "Diskominfo Kabupaten Garut"
    )


def test_another_persons_records_are_not_used(
    client, other_team_member, bandung, sumedang_innovation
):
    Adoption.objects.filter(region=bandung).update(
        responsible_opd="Dinas Lain", contact_email="orang.lain@bandung.go.id"
    )
    client.force_login(other_team_member)
    form = client.get(reverse("adoptions:interest", args=[bandung.code])).context[
        "form"
    ]
    assert form["responsible_opd"].value() in (None, "")


def test_step_form_offers_indicators_as_checkboxes_grouped_by_aspect(
    client, team_member, adoption
):
    client.force_login(team_member)
    page = client.get(reverse("adoptions:detail", args=[adoption.pk]))
    soup = soup_of(page)
    assert soup.find("select", attrs={"name": "evidence_indicators"}) is None
    field = StepForm(adoption=adoption).fields["evidence_indicators"]
    indicators = list(field.queryset.select_related("aspect"))
    assert indicators
    boxes = soup.select('input[type=checkbox][name="evidence_indicators"]')
    assert len(boxes) == len(indicators)
    groups = soup.select("fieldset.checkbox-group")
    aspects = {str(i.aspect) for i in indicators}
    assert len(groups) == len(aspects)
    for group in groups:
        legend = group.find("legend")
        assert legend is not None and legend.get_text(strip=True) in aspects
        assert group.select('input[type=checkbox][name="evidence_indicators"]')
    # The whole question is a fieldset with its own legend around the groups.
    outer = groups[0].find_parent("fieldset")
    assert outer is not None and outer.find("legend") is not None
    # Every checkbox has its label.
    for box in boxes:
        assert soup.find("label", attrs={"for": box["id"]}) is not None


def test_ticked_indicators_are_kept_when_the_form_comes_back(
    client, team_member, adoption
):
    client.force_login(team_member)
    number = StepForm(adoption=adoption).fields["evidence_indicators"].queryset[0]
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {
            "to_stage": "studi_tiru",
            "date": TOMORROW,
            "version": adoption.version,
            "evidence_url": "https://contoh.go.id/bukti",
            "evidence_title": "Bukti",
            "evidence_indicators": [number.number],
        },
    )
    assert response.status_code == 400
    box = soup_of(response).find(
        "input", attrs={"name": "evidence_indicators", "value": str(number.number)}
    )
    assert box.has_attr("checked")


def test_invalid_step_with_a_file_says_to_choose_it_again(
    client, team_member, adoption
):
    client.force_login(team_member)
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {
            "to_stage": "studi_tiru",
            "date": TOMORROW,
            "version": adoption.version,
            "evidence_title": "Daftar hadir",
            "evidence_file": pdf("daftar hadir.pdf"),
        },
    )
    assert response.status_code == 400
    links = assert_error_summary(response)
    again = [text for text, target in links if target == "id_evidence_file"]
    assert again and "Pilih lagi berkas" in again[0]
    beside = " ".join(field_errors_beside(response, "id_evidence_file"))
    assert "Pilih berkasnya lagi" in beside
    assert adoption.events.count() == 1


def test_invalid_interest_with_a_letter_says_to_choose_it_again(
    client, team_member, interest_url, sumedang_innovation, garut
):
    Adoption.objects.filter(region=garut, innovation=sumedang_innovation).delete()
    client.force_login(team_member)
    response = client.post(
        interest_url,
        {
            "innovation": sumedang_innovation.slug,
            "date": TOMORROW,
            "letter_of_intent": pdf(),
        },
    )
    assert response.status_code == 200
    links = assert_error_summary(response)
    assert "id_date" in {target for _text, target in links}
    assert "id_letter_of_intent" in {target for _text, target in links}
    beside = " ".join(field_errors_beside(response, "id_letter_of_intent"))
    assert "Pilih berkasnya lagi" in beside
    assert not Adoption.objects.filter(
        region=garut, innovation=sumedang_innovation
    ).exists()


def test_no_file_no_word_about_choosing_it_again(client, team_member, adoption):
    client.force_login(team_member)
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {"to_stage": "dihentikan", "date": "2026-02-10", "version": adoption.version},
    )
    assert "Pilih berkasnya lagi" not in response.content.decode()


def interest(client, request):
    garut = request.getfixturevalue("garut")
    return client.post(
        reverse("adoptions:interest", args=[garut.code]),
        {"innovation": "", "date": TOMORROW},
    )


def step(client, request):
    adoption = request.getfixturevalue("adoption")
    return client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {"to_stage": "dihentikan", "date": "2026-02-10", "version": adoption.version},
    )


def stale_step(client, request):
    adoption = request.getfixturevalue("adoption")
    return client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {"to_stage": "studi_tiru", "date": "2026-02-10", "version": 999},
    )


def adaptation(client, request):
    adoption = request.getfixturevalue("adoption")
    return client.post(
        reverse("adoptions:adaptation", args=[adoption.pk]),
        {
            "version": adoption.version,
            "contact_email": "bukan-email",
            "variant_repository": "http://tidak-aman.test/",
        },
    )


def token(client, request):
    return client.post(reverse("api-tokens"), {"name": "", "days": "0"})


FORMS = [interest, step, stale_step, adaptation, token]


@pytest.mark.parametrize("post", FORMS, ids=[f.__name__ for f in FORMS])
def test_an_invalid_form_starts_with_the_error_summary(
    client, request, team_member, post
):
    client.force_login(team_member)
    response = post(client, request)
    assert response.status_code in (200, 400)
    links = assert_error_summary(response)
    targets = {target for _text, target in links}
    form = next(
        f
        for f in (
            response.context.get(name)
            for name in ("form", "step_form", "adaptation_form")
        )
        if f is not None and f.is_bound and f.errors
    )
    for name, errors in form.errors.items():
        if name == "__all__" or form[name].is_hidden:
            continue
        target = form[name].id_for_label or form[name].auto_id
        assert target in targets, (name, targets)
        beside = " ".join(field_errors_beside(response, target))
        for error in errors:
            assert error in beside
