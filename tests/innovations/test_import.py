import copy
import json

from django.core.management import CommandError, call_command

import pytest

from innovations.importer import export_innovations, import_innovations
from innovations.models import InnovationPage
from livinglab.base.imports import ImportFailed

pytestmark = pytest.mark.django_db

GOOD = {
    "slug": "tte-perizinan-uji",
    "title": "TTE untuk Perizinan",
    "summary": "Tanda tangan elektronik (TTE) untuk izin usaha.",
    "body": "<p>Latar <b>belakang</b>.</p><h2>Cara kerja</h2><ul><li>satu</li></ul>",
    "host_region": "3211",
    "opd": "DPMPTSP",
    "year_launched": 2021,
    "maturity": "institutionalised",
    "dimensions": ["smart governance"],
    "spbe_indicators": [15, 18],
    "spm_sectors": [],
    "themes": ["Government Administration"],
    "tech": ["Laravel", "BSrE API"],
    "source_code": [{"url": "https://git.example.go.id/tte", "license": "mit"}],
    "training": [
        {
            "title": "Modul TTE",
            "kind": "manual",
            "url": "https://example.go.id/modul.pdf",
        }
    ],
    "evidence": [
        {
            "title": "Perbup TTE",
            "indicator": 15,
            "year": 2022,
            "url": "https://jdih.example.go.id/p.pdf",
        }
    ],
}


def _file(tmp_path, records):
    path = tmp_path / "innovations.json"
    path.write_text(json.dumps({"innovations": records}), encoding="utf-8")
    return str(path)


def test_good_file_creates_and_publishes(tmp_path, capsys):
    call_command("import_innovations", _file(tmp_path, [GOOD]))
    page = InnovationPage.objects.get(slug="tte-perizinan-uji")
    assert page.live and page.host_region.code == "32.11"
    assert [d.name for d in page.dimensions.all()] == ["Smart Governance"]
    assert [t.name for t in page.themes.all()] == ["Administrasi Pemerintahan"]
    assert page.source_code_links.get().license == "MIT"
    assert page.evidence.get().indicators.get().number == 15
    assert "1" in capsys.readouterr().out


def test_import_updates_by_slug_and_keeps_revisions(tmp_path):
    call_command("import_innovations", _file(tmp_path, [GOOD]), verbosity=0)
    changed = {
        **GOOD,
        "title": "TTE untuk Perizinan (v2)",
        "tech": ["Laravel", "NewTech"],
    }
    call_command("import_innovations", _file(tmp_path, [changed]), verbosity=0)
    page = InnovationPage.objects.get(slug="tte-perizinan-uji")
    assert page.title == "TTE untuk Perizinan (v2)"
    assert page.revisions.count() == 2
    assert sorted(t.name for t in page.technologies.all()) == ["Laravel", "NewTech"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"host_region": "99.99"}, "99.99"),
        ({"dimensions": ["Smart Cooking"]}, "Smart Cooking"),
        ({"themes": ["Pariwisata"]}, "Pariwisata"),
        ({"spbe_indicators": [48]}, "48"),
        ({"maturity": "legendary"}, "maturity"),
        (
            {
                "source_code": [
                    {"url": "http://insecure.example.go.id", "license": "MIT"}
                ]
            },
            "https",
        ),
        (
            {
                "source_code": [
                    {"url": "https://git.example.go.id/a", "license": "Freeware"}
                ]
            },
            "SPDX",
        ),
        (
            {"training": [{"title": "x", "kind": "podcast", "url": "https://a.go.id"}]},
            "podcast",
        ),
        (
            {
                "evidence": [
                    {
                        "title": "x",
                        "indicator": 15,
                        "year": 1900,
                        "url": "https://a.go.id",
                    }
                ]
            },
            "2015",
        ),
        ({"slug": "Bad Slug!"}, "slug"),
        ({"year_launched": 1200}, "year_launched"),
    ],
)
def test_one_bad_record_imports_nothing(tmp_path, capsys, change, message):
    other = {**GOOD, "slug": "catatan-lain"}
    bad = {**copy.deepcopy(GOOD), **change}
    with pytest.raises(CommandError) as excinfo:
        call_command("import_innovations", _file(tmp_path, [other, bad]), verbosity=0)
    assert "tidak ada yang diimpor" in str(
        excinfo.value
    ) or "nothing was imported" in str(excinfo.value)
    err = capsys.readouterr().err
    assert message in err
    assert "2" in err.split(":")[0]  # the record's position is named
    assert not InnovationPage.objects.filter(
        slug__in=["catatan-lain", "tte-perizinan-uji"]
    ).exists()


def test_duplicate_slugs_and_malformed_files(tmp_path):
    with pytest.raises(ImportFailed):
        import_innovations({"innovations": [GOOD, GOOD]})
    with pytest.raises(ImportFailed):
        import_innovations({"things": []})
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_innovations", str(bad_json), verbosity=0)
    with pytest.raises(CommandError):
        call_command("import_innovations", str(tmp_path / "missing.json"), verbosity=0)


def test_round_trip(tmp_path):
    import_innovations({"innovations": [GOOD]})
    exported = export_innovations(InnovationPage.objects.filter(slug=GOOD["slug"]))
    InnovationPage.objects.filter(slug=GOOD["slug"]).delete()
    import_innovations(exported)
    again = export_innovations(InnovationPage.objects.filter(slug=GOOD["slug"]))
    assert again == exported
    record = again["innovations"][0]
    assert record["host_region"] == "32.11"
    assert record["spbe_indicators"] == [15, 18]
    assert record["source_code"][0]["license"] == "MIT"


def test_export_command_writes_the_import_format(tmp_path):
    import_innovations({"innovations": [GOOD]})
    out = tmp_path / "out.json"
    call_command("export_innovations", output=str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert GOOD["slug"] in {r["slug"] for r in data["innovations"]}


XSS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klik</a>',
    "<svg/onload=alert(1)>",
    '"><iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">gaya</p>',
]


@pytest.mark.parametrize("payload", XSS)
def test_xss_payloads_are_neutralised_on_import_and_on_the_page(client, payload):
    record = {
        **GOOD,
        "title": f"Judul {payload}",
        "summary": f"Ringkasan {payload}",
        "body": f"<p>Isi</p>{payload}",
        "problem": payload,
        "opd": f"Diskominfo {payload}",
    }
    import_innovations({"innovations": [record]})
    page = InnovationPage.objects.get(slug=GOOD["slug"])
    stored = " ".join(
        [page.title, page.summary, page.problem, page.opd, str(page.body.raw_data)]
    )
    for needle in ("<script", "onerror", "javascript:", "onload", "<iframe", "style="):
        assert needle not in stored.lower()
    html = client.get(page.url).content.decode().lower()
    body = html[html.index("<main") :]
    for needle in ("<script", "onerror=", "javascript:", "<iframe", "onload="):
        assert needle not in body
