"""The replication kit's ZIP (issue 19.1): its files and what they say."""

import pytest

from innovations import publiccode
from livinglab.replication import kit
from livinglab.taxonomy.models import SpbeFramework, SpbeIndicator

from .conftest import docx_text, kit_files

pytestmark = pytest.mark.django_db


def test_the_kit_holds_every_part(client, team_member, case_study, kit_url):
    client.force_login(team_member)
    response = client.get(kit_url)
    files = kit_files(response)
    links = case_study.source_code_links.count()
    expected = {
        "README.md",
        "materi-pelatihan.md",
        "daftar-periksa-bukti-dukung.md",
        "dokumen/01-surat-minat-replikasi.docx",
        "dokumen/02-draf-pks.docx",
        "dokumen/03-kerangka-perbup.docx",
        "dokumen/04-kerangka-sop.docx",
    }
    expected |= {"publiccode.yml"} if links else set()
    expected |= {f"publiccode-{n}.yml" for n in range(2, links + 1)}
    assert set(files) == expected
    assert "attachment" in response["Content-Disposition"]
    assert (
        f"kit-replikasi-{case_study.slug}-32.05.zip" in response["Content-Disposition"]
    )
    assert response["Cache-Control"] == "private, no-store"


def test_documents_name_the_region_the_host_and_a_perbup_for_a_kabupaten(
    client, team_member, case_study, kit_url
):
    client.force_login(team_member)
    files = kit_files(client.get(kit_url))
    for name in (
        "dokumen/01-surat-minat-replikasi.docx",
        "dokumen/02-draf-pks.docx",
        "dokumen/03-kerangka-perbup.docx",
        "dokumen/04-kerangka-sop.docx",
    ):
        text = docx_text(files[name])
        assert "Garut" in text, name
        assert case_study.title.upper() in text.upper(), name
        assert "{{" not in text and "}}" not in text, name
    letter = docx_text(files["dokumen/01-surat-minat-replikasi.docx"])
    assert "PEMERINTAH KABUPATEN GARUT" in letter
    assert "Yth. Bupati Sumedang" in letter
    assert "Pemerintah Kabupaten Sumedang" in letter
    agreement = docx_text(files["dokumen/02-draf-pks.docx"])
    assert "PEMERINTAH KABUPATEN SUMEDANG" in agreement
    assert "Bupati Garut, dalam hal ini bertindak" in agreement
    regulation = docx_text(files["dokumen/03-kerangka-perbup.docx"])
    assert "KERANGKA RANCANGAN PERATURAN BUPATI GARUT" in regulation
    assert "Perbup" in regulation
    assert "Wali Kota" not in regulation


def test_a_kota_gets_a_perwal(client, other_team_member, case_study, kit_url):
    client.force_login(other_team_member)
    files = kit_files(client.get(kit_url))
    assert "dokumen/03-kerangka-perwal.docx" in files
    assert "dokumen/03-kerangka-perbup.docx" not in files
    regulation = docx_text(files["dokumen/03-kerangka-perwal.docx"])
    assert "KERANGKA RANCANGAN PERATURAN WALI KOTA BANDUNG" in regulation
    assert "WALI KOTA BANDUNG," in regulation
    assert "Perwal" in regulation
    assert "Bupati Bandung" not in regulation
    letter = docx_text(files["dokumen/01-surat-minat-replikasi.docx"])
    assert "PEMERINTAH KOTA BANDUNG" in letter
    assert "Wali Kota Bandung," in letter


def test_readme_and_training_list_state_the_case_study(
    client, team_member, case_study, kit_url
):
    case_study.needs_infrastructure = "Server 4 vCPU dan & koneksi 20 Mbps"
    case_study.needs_staff = "Dua operator dan satu pengembang"
    case_study.save()
    client.force_login(team_member)
    files = kit_files(client.get(kit_url))
    readme = files["README.md"].decode()
    assert case_study.title in readme
    assert "Kabupaten Garut" in readme
    assert case_study.summary.split("\n")[0][:60] in readme
    # as the page states it, unescaped (Markdown, not HTML)
    assert "Server 4 vCPU dan & koneksi 20 Mbps" in readme
    assert "Dua operator dan satu pengembang" in readme
    for indicator in case_study.spbe_indicators.all():
        assert f"{indicator.number}. {indicator.name}" in readme
    if case_study.cost:
        assert f"Rp {int(case_study.cost):,}".replace(",", ".") in readme
    for link in case_study.source_code_links.all():
        assert link.license in readme
        assert link.get_visibility_display() in readme
        if link.url:
            assert link.url in readme
    training = files["materi-pelatihan.md"].decode()
    items = list(case_study.training_materials.all())
    for item in items:
        assert item.title in training
        assert item.link.rsplit("/", 1)[-1] in training
    if not items:
        assert "belum membagikan materi pelatihan" in training


def test_publiccode_is_the_published_file(client, team_member, case_study, kit_url):
    link = case_study.source_code_links.first()
    if link is None:
        pytest.skip("the demo case study has no source code")
    client.force_login(team_member)
    files = kit_files(client.get(kit_url))
    assert files["publiccode.yml"].decode() == publiccode.render(link)


def test_checklist_lists_the_active_frameworks_criteria_for_lifted_indicators(
    client, team_member, case_study, kit_url
):
    active = SpbeFramework.objects.active().get()
    assert active is not None
    lifted = sorted(
        i.number
        for i in case_study.spbe_indicators.all()
        if i.framework_id == active.pk
    )
    assert lifted, "the demo case study should be tagged with SPBE indicators"
    client.force_login(team_member)
    checklist = kit_files(client.get(kit_url))[
        "daftar-periksa-bukti-dukung.md"
    ].decode()
    assert active.name in checklist
    headings = [
        int(line.split()[2].rstrip("."))
        for line in checklist.splitlines()
        if line.startswith("## Indikator ")
    ]
    assert headings == lifted
    for indicator in SpbeIndicator.objects.filter(framework=active, number__in=lifted):
        assert f"## Indikator {indicator.number}. {indicator.name}" in checklist
        for criterion in indicator.criteria.all():
            if criterion.evidence:
                assert f"- [ ] {criterion.evidence}" in checklist
    # an indicator outside the case study's tags is not in the list
    other = SpbeIndicator.objects.filter(framework=active).exclude(number__in=lifted)
    assert f"## Indikator {other.first().number}. " not in checklist


def test_checklist_follows_the_crosswalk_from_another_framework(case_study):
    """A case study tagged only under a retired framework still gets the
    active framework's criteria through the crosswalk."""
    from livinglab.taxonomy.models import SpbeAspect, SpbeCrosswalk

    active = SpbeFramework.objects.active().get()
    target = SpbeIndicator.objects.filter(framework=active).order_by("number").last()
    old = SpbeFramework.objects.create(
        code="lama",
        name="Kerangka lama",
        regulation="Lama",
        valid_from=2010,
        valid_to=2012,
        status=SpbeFramework.Status.RETIRED,
    )
    aspect = SpbeAspect.objects.create(framework=old, number=1, name="Aspek lama")
    old_indicator = SpbeIndicator.objects.create(
        framework=old, aspect=aspect, number=99, name="Indikator lama"
    )
    SpbeCrosswalk.objects.create(source=old_indicator, target=target)
    case_study.spbe_indicators.set([old_indicator])
    rows = kit.checklist_rows(case_study)
    assert [row["indicator"].pk for row in rows] == [target.pk]
