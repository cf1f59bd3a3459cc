"""SPBE frameworks as data: PermenPANRB 59/2020 as shipped, the draft
Indeks Pemerintah Digital, and the all-or-nothing framework loader."""

import copy
import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command

import pytest

from livinglab.taxonomy.frameworks import (
    FrameworkError,
    load_framework,
    parse_framework,
)
from livinglab.taxonomy.models import (
    SpbeAspect,
    SpbeCrosswalk,
    SpbeDomain,
    SpbeFramework,
    SpbeIndicator,
    SpbeLevelCriterion,
)

pytestmark = pytest.mark.django_db

FILES = Path(settings.BASE_DIR) / "fixtures" / "spbe"
CODE = "permenpanrb-59-2020"


def _framework_59():
    return SpbeFramework.objects.get(code=CODE)


def _source():
    return json.loads((FILES / f"{CODE}.json").read_text("utf-8"))


def test_59_2020_is_shipped_active_for_2019_to_2025():
    framework = _framework_59()
    assert framework.status == "active"
    assert (framework.valid_from, framework.valid_to) == (2019, 2025)
    assert SpbeFramework.for_year(2019) == framework
    assert SpbeFramework.for_year(2025) == framework
    # The draft index is never the framework of a year until activated.
    assert SpbeFramework.for_year(2026) is None
    assert [framework.level_name(n) for n in range(1, 6)] == [
        "Rintisan",
        "Terkelola",
        "Terdefinisi",
        "Terpadu dan Terukur",
        "Optimum",
    ]


def test_59_2020_has_47_indicators_in_8_aspects_and_4_domains():
    framework = _framework_59()
    assert framework.indicators.count() == 47
    assert framework.aspects.count() == 8
    assert framework.domains.count() == 4
    numbers = sorted(framework.indicators.values_list("number", flat=True))
    assert numbers == list(range(1, 48))


@pytest.mark.parametrize(
    ("first", "last", "weight"),
    [
        (1, 10, "1.30"),
        (11, 20, "2.50"),
        (21, 31, "1.50"),
        (32, 41, "2.75"),
        (42, 47, "3.00"),
    ],
)
def test_indicator_weights_follow_the_regulation(first, last, weight):
    weights = set(
        _framework_59()
        .indicators.filter(number__gte=first, number__lte=last)
        .values_list("weight", flat=True)
    )
    assert weights == {Decimal(weight)}


def test_weights_sum_to_100_and_domains_to_13_25_16_5_45_5():
    framework = _framework_59()
    assert sum(i.weight for i in framework.indicators.all()) == Decimal("100")
    domain_sums = {
        d.number: sum(i.weight for i in SpbeIndicator.objects.filter(aspect__domain=d))
        for d in framework.domains.all()
    }
    assert domain_sums == {
        1: Decimal("13"),
        2: Decimal("25"),
        3: Decimal("16.5"),
        4: Decimal("45.5"),
    }
    assert {d.number: d.weight for d in framework.domains.all()} == domain_sums


def test_indicators_43_and_44_are_open_data_and_jdih():
    framework = _framework_59()
    names = dict(
        framework.indicators.filter(number__in=[42, 43, 44]).values_list(
            "number", "name"
        )
    )
    assert names == {
        42: "Layanan Pengaduan Pelayanan Publik",
        43: "Layanan Data Terbuka",
        44: "Layanan Jaringan Dokumentasi dan Informasi Hukum (JDIH)",
    }
    assert not SpbeIndicator.objects.filter(name__icontains="Whistle").exists()


def test_the_jdih_case_study_is_tagged_44_not_43():
    from innovations.models import InnovationPage

    page = InnovationPage.objects.get(slug="jdih-terintegrasi-sumedang")
    numbers = set(page.spbe_indicators.values_list("number", flat=True))
    assert 44 in numbers and 43 not in numbers


def test_every_indicator_has_criteria_and_evidence_for_each_level():
    framework = _framework_59()
    criteria = SpbeLevelCriterion.objects.filter(indicator__framework=framework)
    assert criteria.count() == 47 * 5
    assert not criteria.filter(criteria="").exists()
    assert not criteria.filter(evidence="").exists()


def test_the_digital_government_index_is_a_draft_with_its_unknowns_marked():
    ipd = SpbeFramework.objects.get(code="indeks-pemerintah-digital")
    assert ipd.status == "draft"
    assert ipd.indicators.count() == 35
    weights = {a.name: a.weight for a in ipd.aspects.all()}
    assert weights == {
        "Strategi dan Rencana": Decimal(5),
        "Tata Kelola dan Manajemen": Decimal(5),
        "Teknologi Digital": Decimal(20),
        "Audit Teknologi Digital": Decimal(6),
        "Keamanan Siber": Decimal(9),
        "Kapabilitas dan Budaya Digital": Decimal(10),
        "Pengelolaan dan Pemanfaatan Data": Decimal(10),
        "Keterpaduan Layanan Digital": Decimal(15),
        "Kepuasan Pengguna": Decimal(20),
    }
    assert all("name" in i.to_be_confirmed for i in ipd.indicators.all())
    assert "levels" in ipd.to_be_confirmed


def test_current_indicators_are_the_active_frameworks_so_numbers_stay_unique():
    assert SpbeIndicator.objects.current().count() == 47
    assert SpbeIndicator.objects.current().get(number=44).framework.code == CODE
    # Both frameworks are stored; a number alone is ambiguous.
    assert SpbeIndicator.objects.filter(number=18).count() == 2


def test_loading_again_keeps_an_administrators_edits():
    indicator = _framework_59().indicators.get(number=26)
    indicator.name = "Manajemen Pengetahuan (disunting)"
    indicator.save()
    criterion = indicator.criteria.get(level=3)
    criterion.evidence = "Panduan lokal."
    criterion.save()
    call_command("load_taxonomy", verbosity=0)
    indicator.refresh_from_db()
    criterion.refresh_from_db()
    assert indicator.name == "Manajemen Pengetahuan (disunting)"
    assert criterion.evidence == "Panduan lokal."
    assert _framework_59().indicators.count() == 47


def _bad(tmp_path, data, raw=None):
    path = tmp_path / "framework.json"
    path.write_text(raw if raw is not None else json.dumps(data), encoding="utf-8")
    return path


def _new_framework():
    data = _source()
    data["code"] = "uji-coba"
    return data


def test_a_valid_new_framework_loads_with_its_crosswalk(tmp_path):
    data = _new_framework()
    data["crosswalk"] = [
        {
            "indicator": 44,
            "target_framework": CODE,
            "target_indicator": 44,
            "relation": "same",
        }
    ]
    created = load_framework(_bad(tmp_path, data))
    framework = SpbeFramework.objects.get(code="uji-coba")
    assert created > 47
    assert framework.indicators.count() == 47
    link = SpbeCrosswalk.objects.get(source__framework=framework)
    assert link.target.framework.code == CODE and link.target.number == 44


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (
            lambda d: d["domains"][3]["aspects"][1]["indicators"][2].update(weight="x"),
            "domains[3].aspects[1].indicators[2].weight",
        ),
        (
            lambda d: d["domains"][0]["aspects"][0]["indicators"][0].update(
                weight="1.40"
            ),
            "(framework): ",
        ),
        (
            lambda d: d["domains"][1].update(weight="26"),
            "domains[1].weight",
        ),
        (
            lambda d: d["domains"][2]["aspects"][0]["indicators"][1].update(number=21),
            "domains[2].aspects[0].indicators[1].number",
        ),
        (lambda d: d["levels"].pop(), "levels"),
        (
            lambda d: d["predicates"][0].update(min_index="0.00"),
            "predicates[0].min_index",
        ),
        (lambda d: d.update(status="live"), "status"),
        (lambda d: d.update(format="other"), "format"),
        (
            lambda d: d["domains"][0]["aspects"][0]["criteria"][0].update(level=6),
            "domains[0].aspects[0].criteria[0].level",
        ),
        (lambda d: d["domains"][0].update(name=""), "domains[0].name"),
    ],
)
def test_a_bad_value_is_named_and_nothing_is_loaded(tmp_path, change, place):
    data = _new_framework()
    change(data)
    with pytest.raises(FrameworkError) as error:
        load_framework(_bad(tmp_path, data))
    assert any(place in problem for problem in error.value.problems), error.value
    assert not SpbeFramework.objects.filter(code="uji-coba").exists()


def test_a_json_syntax_error_names_the_line(tmp_path):
    raw = '{\n "format": "livinglab-spbe-framework/1",\n "code": "x",,\n}'
    with pytest.raises(FrameworkError) as error:
        load_framework(_bad(tmp_path, None, raw=raw))
    assert "line 3" in error.value.problems[0] or "baris 3" in error.value.problems[0]


def test_every_problem_is_reported_at_once():
    data = copy.deepcopy(_new_framework())
    data["status"] = "live"
    data["levels"] = []
    with pytest.raises(FrameworkError) as error:
        parse_framework(data)
    assert len(error.value.problems) >= 2


def test_a_crosswalk_to_a_missing_indicator_rolls_everything_back(tmp_path):
    data = _new_framework()
    data["crosswalk"] = [
        {"indicator": 1, "target_framework": CODE, "target_indicator": 99}
    ]
    with pytest.raises(FrameworkError) as error:
        load_framework(_bad(tmp_path, data))
    assert "crosswalk[0]" in error.value.problems[0]
    assert not SpbeFramework.objects.filter(code="uji-coba").exists()
    assert not SpbeDomain.objects.filter(framework__code="uji-coba").exists()
    assert not SpbeAspect.objects.filter(framework__code="uji-coba").exists()


def test_the_command_reports_a_bad_file_by_name(tmp_path):
    (tmp_path / "rusak.json").write_text("{", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_taxonomy", frameworks=str(tmp_path), verbosity=0)
    assert "rusak.json" in str(error.value)


def test_admin_lists_frameworks_with_values_to_be_confirmed(admin_client):
    response = admin_client.get("/admin/snippets/taxonomy/spbeframework/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "indeks-pemerintah-digital" in html
    assert "indicator names" in html


def test_admin_edits_an_indicator_with_its_criteria(admin_client):
    indicator = _framework_59().indicators.get(number=44)
    response = admin_client.get(
        f"/admin/snippets/taxonomy/spbeindicator/edit/{indicator.pk}/"
    )
    assert response.status_code == 200
    assert "criteria-TOTAL_FORMS" in response.content.decode()
    listing = admin_client.get(
        "/admin/snippets/taxonomy/spbeindicator/",
        {"framework": SpbeFramework.objects.get(code="indeks-pemerintah-digital").pk},
    )
    assert listing.status_code == 200
    assert "name, name_en, aspect, weight, criteria" in listing.content.decode()
