"""``import_adoptions``: the same rules as the workspace, all or nothing."""

import json

from django.core.management import CommandError, call_command

import pytest

from livinglab.adoptions.models import Adoption, StageEvent


def write(tmp_path, data):
    path = tmp_path / "adopsi.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.fixture
def fresh_pair(garut, sumedang_innovation):
    Adoption.objects.filter(region=garut, innovation=sumedang_innovation).delete()
    return garut, sumedang_innovation


def test_import_creates_history(tmp_path, fresh_pair):
    region, page = fresh_pair
    path = write(
        tmp_path,
        {
            "adoptions": [
                {
                    "region": "3205",
                    "innovation": page.slug,
                    "responsible_opd": "Diskominfo",
                    "events": [
                        {"stage": "minat", "date": "2025-03-01", "note": "Surat"},
                        {"stage": "Kesepakatan", "date": "2025-04-01"},
                        {"stage": "alih_teknologi", "date": "2025-05-01"},
                    ],
                }
            ]
        },
    )
    call_command("import_adoptions", path, verbosity=0)
    adoption = Adoption.objects.get(region=region, innovation=page)
    assert adoption.stage == "alih_teknologi"
    assert adoption.responsible_opd == "Diskominfo"
    assert adoption.events.count() == 3
    # Importing the same file again adds nothing.
    call_command("import_adoptions", path, verbosity=0)
    assert adoption.events.count() == 3


def test_bad_file_imports_nothing_and_names_every_problem(tmp_path, fresh_pair, capsys):
    region, page = fresh_pair
    events_before = StageEvent.objects.count()
    path = write(
        tmp_path,
        {
            "adoptions": [
                {
                    "region": "32.05",
                    "innovation": page.slug,
                    "events": [{"stage": "minat", "date": "2025-03-01"}],
                },
                {"region": "99.99", "innovation": page.slug, "events": []},
                {
                    "region": "32.73",
                    "innovation": "tidak-ada",
                    "events": [{"stage": "minat", "date": "2025-03-01"}],
                },
                {
                    "region": "32.06",
                    "innovation": page.slug,
                    "events": [
                        {"stage": "minat", "date": "2025-03-01"},
                        {"stage": "minat", "date": "2025-02-01"},
                    ],
                },
                {
                    "region": "32.07",
                    "innovation": page.slug,
                    "events": [{"stage": "selesai", "date": "2025-03-01"}],
                },
            ]
        },
    )
    with pytest.raises(CommandError, match="^4 "):
        call_command("import_adoptions", path, verbosity=0)
    err = capsys.readouterr().err
    assert "99.99" in err
    assert "tidak-ada" in err
    assert "selesai" in err
    assert "events[2]" in err
    assert StageEvent.objects.count() == events_before
    assert not Adoption.objects.filter(region=region, innovation=page).exists()


@pytest.mark.parametrize(
    "content",
    ["not json", '{"adoptions": {}}', "[]", '{"adoptions": [1]}'],
)
def test_malformed_files(tmp_path, content, db):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_adoptions", str(path), verbosity=0)


def test_missing_file(db):
    with pytest.raises(CommandError, match="Cannot read|Tidak dapat"):
        call_command("import_adoptions", "/nonexistent/adopsi.json", verbosity=0)


def test_demo_data_covers_the_pilot(db):
    """make run's demonstration data: adoptions across the pilot regions."""
    regions = Adoption.objects.values("region").distinct().count()
    assert regions >= 50
    assert Adoption.objects.filter(stage="dihentikan").exists()
    assert Adoption.objects.filter(stage__in=["implementasi", "dilembagakan"]).exists()


@pytest.mark.parametrize(
    "cost, expected",
    [(350000000, 350000000), ("125000000", 125000000), (0, 0)],
)
def test_import_reads_the_apbd_cost(tmp_path, fresh_pair, cost, expected):
    region, page = fresh_pair
    record = {
        "region": "32.05",
        "innovation": page.slug,
        "apbd_cost": cost,
        "events": [{"stage": "minat", "date": "2025-03-01", "note": "Surat"}],
    }
    call_command("import_adoptions", write(tmp_path, {"adoptions": [record]}))
    assert Adoption.objects.get(region=region, innovation=page).apbd_cost == expected


@pytest.mark.parametrize("cost", [-5, 1.5, "Rp 5 juta", True, "١٢", [1]])
def test_a_bad_apbd_cost_imports_nothing(tmp_path, fresh_pair, cost, capsys):
    region, page = fresh_pair
    record = {
        "region": "32.05",
        "innovation": page.slug,
        "apbd_cost": cost,
        "events": [{"stage": "minat", "date": "2025-03-01", "note": "Surat"}],
    }
    with pytest.raises(CommandError):
        call_command(
            "import_adoptions", write(tmp_path, {"adoptions": [record]}), verbosity=0
        )
    assert "apbd_cost: bilangan bulat rupiah" in capsys.readouterr().err
    assert not Adoption.objects.filter(region=region, innovation=page).exists()


def test_demo_data_gives_peers_a_median_cost(db):
    """The demonstration adoptions carry APBD costs, so at least one case study
    shows its peers' median cost (issue 19.3; three regions needed)."""
    from livinglab.adoptions.peers import MIN_REGIONS

    per_case_study = {}
    for innovation_id, region_id in Adoption.objects.filter(
        apbd_cost__gt=0
    ).values_list("innovation_id", "region_id"):
        per_case_study.setdefault(innovation_id, set()).add(region_id)
    assert max(map(len, per_case_study.values()), default=0) >= MIN_REGIONS
