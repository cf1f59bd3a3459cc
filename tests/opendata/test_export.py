import csv
import datetime
import hashlib
import json
import zipfile

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

import pytest

from innovations.models import InnovationPage, Mentor
from livinglab.adoptions.models import Adoption, StageEvent, replication_count
from livinglab.opendata import export
from livinglab.regions.models import NationalSpbeAverage, Region, SpbeScore
from livinglab.taxonomy.models import SpbeIndicator

CSVS = [
    "inovasi.csv",
    "wilayah.csv",
    "spbe_nasional.csv",
    "spbe_kerangka.csv",
    "matriks_adopsi.csv",
]
JSONS = ["inovasi.json", "wilayah.json", "matriks_adopsi.json"]


def read_csv(path):
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_export_writes_every_file(exported):
    directory = exported.directory
    assert sorted(p.name for p in directory.iterdir()) == sorted(export.FILES)
    with zipfile.ZipFile(directory / export.ZIP_NAME) as archive:
        assert sorted(archive.namelist()) == sorted(
            set(export.FILES) - {export.ZIP_NAME}
        )
        assert archive.read("wilayah.csv") == (directory / "wilayah.csv").read_bytes()
    for name in ("README.txt", "LISENSI.txt"):
        text = (directory / name).read_text(encoding="utf-8")
        assert "CC BY 4.0" in text
        assert "BAHASA INDONESIA" in text and "ENGLISH" in text
        assert text.index("BAHASA INDONESIA") < text.index("ENGLISH")
    readme = (directory / "README.txt").read_text(encoding="utf-8")
    assert "sintetis" in readme and "synthetic" in readme


def test_without_zip_there_is_no_zip(db, tmp_path):
    result = export.export(tmp_path / "out")
    assert not (result.directory / export.ZIP_NAME).exists()
    assert (result.directory / "datapackage.json").exists()


def test_row_counts_equal_the_database(exported):
    directory = exported.directory
    # the originals: an English translation is not a case study of its own
    published = InnovationPage.objects.live().public().originals()
    expected = {
        "inovasi": published.count(),
        "wilayah": Region.objects.count(),
        "spbe_nasional": NationalSpbeAverage.objects.count(),
        "spbe_kerangka": SpbeIndicator.objects.count(),
        "matriks_adopsi": Adoption.objects.filter(innovation__in=published).count(),
    }
    assert expected["inovasi"] >= 16 and expected["wilayah"] == 514
    assert expected["matriks_adopsi"] > 100
    for name, count in expected.items():
        _header, rows = read_csv(directory / f"{name}.csv")
        assert len(rows) == count, name
        if (directory / f"{name}.json").exists():
            doc = read_json(directory / f"{name}.json")
            assert doc["count"] == len(doc["data"]) == count, name
    assert exported.counts == expected


def test_innovation_rows(exported, sumedang_innovation):
    _header, rows = read_csv(exported.directory / "inovasi.csv")
    row = next(r for r in rows if r["slug"] == sumedang_innovation.slug)
    assert row["host_region_code"] == "32.11"
    assert row["host_region_name"] == "Kabupaten Sumedang"
    assert row["province_name"] == "Jawa Barat"
    assert row["replication_count"] == str(replication_count(sumedang_innovation))
    assert row["training_count"] == str(sumedang_innovation.training_materials.count())
    assert row["evidence_count"] == str(sumedang_innovation.evidence.count())
    numbers = sorted(i.number for i in sumedang_innovation.spbe_indicators.all())
    assert row["spbe_indicators"] == "|".join(str(n) for n in numbers)
    links = sumedang_innovation.source_code_links.all()
    assert row["source_code_licenses"] == "|".join(sorted({s.license for s in links}))
    assert row["url"].startswith("http") and row["url"].endswith(
        f"/{sumedang_innovation.slug}/"
    )
    assert row["last_published"].endswith("Z")
    record = next(
        r
        for r in read_json(exported.directory / "inovasi.json")["data"]
        if r["slug"] == sumedang_innovation.slug
    )
    assert record["spbe_indicators"] == numbers
    assert {s["license"] for s in record["source_code"]} == {s.license for s in links}


def test_region_rows_carry_participation_and_spbe_per_year(exported):
    header, rows = read_csv(exported.directory / "wilayah.csv")
    years = sorted(set(SpbeScore.objects.values_list("year", flat=True)))
    assert years and [f"spbe_{y}" for y in years] == header[-len(years) :]
    row = next(r for r in rows if r["code"] == "32.11")
    assert row["pilot"] == "false" and row["is_host"] == "true"
    assert row["cohort"] == "host" and row["kind"] == "kabupaten"
    score = SpbeScore.objects.get(region__code="32.11", year=years[-1])
    assert row[f"spbe_{years[-1]}"] == str(score.index)
    assert sum(r["pilot"] == "true" for r in rows) == 62
    outsider = next(r for r in rows if r["pilot"] == "false")
    assert outsider["cohort"] == "" and outsider["joined_on"] == ""
    record = next(
        r
        for r in read_json(exported.directory / "wilayah.json")["data"]
        if r["code"] == "32.11"
    )
    latest = record["spbe"][-1]
    assert latest["year"] == years[-1] and latest["index"] == float(score.index)
    assert latest["predicate"]


def test_adoption_rows(exported):
    _header, rows = read_csv(exported.directory / "matriks_adopsi.csv")
    adoption = Adoption.objects.select_related("region", "innovation").first()
    row = next(
        r
        for r in rows
        if r["region_code"] == adoption.region.code
        and r["innovation_slug"] == adoption.innovation.slug
    )
    assert row["stage"] == adoption.stage
    assert row["started_on"] == adoption.started_on.isoformat()
    assert row["last_event_on"] == adoption.last_event_on.isoformat()
    assert set(rows[0]) == {
        "region_code",
        "region_name",
        "province_code",
        "province_name",
        "innovation_slug",
        "innovation_title",
        "host_region_code",
        "host_region_name",
        "stage",
        "started_on",
        "last_event_on",
    }


def test_datapackage_describes_every_csv(exported):
    directory = exported.directory
    package = read_json(directory / "datapackage.json")
    assert package["profile"] == "tabular-data-package"
    assert package["name"] == "livinglab-open-data"
    assert package["title"] and package["description"]
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0",
        }
    ]
    created = datetime.datetime.fromisoformat(package["created"])
    assert created.tzinfo is not None
    assert package["sources"] and all(s["title"] for s in package["sources"])
    resources = {r["name"]: r for r in package["resources"]}
    assert sorted(r["path"] for r in resources.values()) == sorted(CSVS)
    headers = {}
    for resource in resources.values():
        path = directory / resource["path"]
        data = path.read_bytes()
        assert resource["format"] == "csv"
        assert resource["mediatype"] == "text/csv"
        assert resource["encoding"] == "utf-8"
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        schema = resource["schema"]
        header, _rows = read_csv(path)
        headers[resource["name"]] = header
        assert [f["name"] for f in schema["fields"]] == header
        for described in schema["fields"]:
            assert described["type"] in {
                "string",
                "integer",
                "number",
                "boolean",
                "date",
                "datetime",
            }
            assert described["title"] and described["description"]
        assert set(schema.get("primaryKey", [])) <= set(header)
    assert resources["inovasi"]["schema"]["primaryKey"] == ["slug"]
    assert resources["wilayah"]["schema"]["primaryKey"] == ["code"]
    for resource in resources.values():
        for key in resource["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"]
            assert key["fields"] in headers[resource["name"]]
            assert key["reference"]["fields"] in headers[target]
    fks = {
        (name, k["fields"], k["reference"]["resource"])
        for name, r in resources.items()
        for k in r["schema"].get("foreignKeys", [])
    }
    assert {
        ("inovasi", "host_region_code", "wilayah"),
        ("matriks_adopsi", "region_code", "wilayah"),
        ("matriks_adopsi", "host_region_code", "wilayah"),
        ("matriks_adopsi", "innovation_slug", "inovasi"),
    } <= fks


def test_keys_hold_in_the_data(exported):
    directory = exported.directory
    codes = {r["code"] for r in read_csv(directory / "wilayah.csv")[1]}
    innovations = read_csv(directory / "inovasi.csv")[1]
    slugs = [r["slug"] for r in innovations]
    assert len(codes) == 514 and len(set(slugs)) == len(slugs)
    assert {r["host_region_code"] for r in innovations} <= codes
    adoptions = read_csv(directory / "matriks_adopsi.csv")[1]
    pairs = [(r["region_code"], r["innovation_slug"]) for r in adoptions]
    assert len(set(pairs)) == len(pairs)
    assert {r["region_code"] for r in adoptions} <= codes
    assert {r["innovation_slug"] for r in adoptions} <= set(slugs)


def test_no_personal_data(db, tmp_path, adoption, sumedang_innovation, analyst):
    adoption.contact_name = "Ratna Kusumawardani"
    adoption.contact_email = "ratna.k@garutkab.go.id"
    adoption.adaptation_notes = "Catatan internal yang tidak boleh terbit"
    adoption.save()
    get_user_model().objects.create_user(
        email="pengguna.rahasia@kemendagri.go.id",
        password="x",
        first_name="Bambang",
        last_name="Sulistyo",
    )
    result = export.export(tmp_path / "out", zip_archive=True)
    texts = {
        p.name: p.read_text(encoding="utf-8")
        for p in result.directory.iterdir()
        if p.suffix != ".zip"
    }
    secrets = set()
    for user in get_user_model().objects.all():
        secrets |= {user.email, user.get_full_name()}
    for page in InnovationPage.objects.all():
        secrets |= {page.contact_name, page.contact_email}
    for mentor in Mentor.objects.all():
        secrets |= {mentor.name, mentor.email}
    for item in Adoption.objects.all():
        secrets |= {item.contact_name, item.contact_email, item.adaptation_notes}
    secrets |= set(StageEvent.objects.values_list("note", flat=True))
    secrets = {s.strip() for s in secrets if s and len(s.strip()) > 3}
    assert "Ratna Kusumawardani" in secrets and "Bambang Sulistyo" in secrets
    assert any("@" in s for s in secrets)
    for name, text in texts.items():
        if name not in ("README.txt", "LISENSI.txt"):  # README names the "@" rule
            assert "@" not in text, name
        leaked = [s for s in secrets if s in text]
        assert not leaked, (name, leaked[:3])
    for name in JSONS:
        doc = json.loads(texts[name])
        keys = set().union(*(record.keys() for record in doc["data"]))
        assert not keys & {"contact", "contact_name", "contact_email", "mentors"}


def test_export_reads_a_bounded_number_of_queries(
    db, tmp_path, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        export.export(tmp_path / "out")


def test_reexport_replaces_the_directory(exported, tmp_path):
    directory = exported.directory
    (directory / "README.txt").write_text("EKSPOR-LAMA", encoding="utf-8")
    result = export.export(directory)  # without the zip this time
    assert result.directory == directory
    assert "EKSPOR-LAMA" not in (directory / "README.txt").read_text(encoding="utf-8")
    assert not (directory / export.ZIP_NAME).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["open-data"]


def test_failed_export_leaves_the_previous_one(exported, tmp_path, monkeypatch):
    directory = exported.directory
    before = {p.name: p.read_bytes() for p in directory.iterdir()}

    def broken(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_write_json", broken)
    with pytest.raises(OSError):
        export.export(directory)
    assert {p.name: p.read_bytes() for p in directory.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["open-data"]


def test_failed_first_export_leaves_nothing(db, tmp_path, monkeypatch):
    monkeypatch.setattr(
        export, "_write_json", lambda path, data: (_ for _ in ()).throw(OSError())
    )
    with pytest.raises(OSError):
        export.export(tmp_path / "new")
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_replace_a_directory_with_other_files(db, tmp_path):
    target = tmp_path / "documents"
    target.mkdir()
    (target / "skripsi.docx").write_bytes(b"penting")
    with pytest.raises(export.ExportError):
        export.export(target)
    assert [p.name for p in target.iterdir()] == ["skripsi.docx"]
    with pytest.raises(CommandError, match="skripsi.docx"):
        call_command("export_open_data", str(target))


def test_command_reports_progress_and_a_summary(db, tmp_path, capsys):
    call_command("export_open_data", str(tmp_path / "out"), "--zip")
    out = capsys.readouterr().out
    for name in export.FILES:
        assert name in out
    assert "514" in out
    assert str(tmp_path / "out") in out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(export.FILES)


def test_command_quiet_at_verbosity_zero(db, tmp_path, capsys):
    call_command("export_open_data", str(tmp_path / "out"), verbosity=0)
    assert capsys.readouterr().out == ""


def test_command_publish_writes_to_the_published_dir(db, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path / "terbit"
    call_command("export_open_data", "--publish", verbosity=0)
    assert (tmp_path / "terbit" / export.ZIP_NAME).exists()
    assert export.published_dir() == tmp_path / "terbit"


def test_published_dir_defaults_to_media_root(settings):
    assert export.published_dir() == settings.MEDIA_ROOT / "open-data"


def test_command_errors(db, tmp_path):
    blocker = tmp_path / "berkas.txt"
    blocker.write_text("bukan direktori", encoding="utf-8")
    with pytest.raises(CommandError, match="Tidak dapat menulis"):
        call_command("export_open_data", str(blocker / "out"), verbosity=0)
    with pytest.raises(CommandError, match="bukan direktori"):
        call_command("export_open_data", str(blocker), verbosity=0)
    with pytest.raises(CommandError):
        call_command("export_open_data", verbosity=0)
    with pytest.raises(CommandError):
        call_command("export_open_data", str(tmp_path / "x"), "--publish")


def test_every_published_file_is_described_on_the_download_page():
    """spbe_kerangka.csv was listed with an empty "Contents" cell (a
    newcomer's finding): every file the export may hold has a description."""
    from livinglab.opendata.views import DESCRIPTIONS

    assert [name for name in export.FILES if not DESCRIPTIONS.get(name)] == []
