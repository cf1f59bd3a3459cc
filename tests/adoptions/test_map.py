"""The public tile map at /peta/ (issue 19 part 4, docs/MAP.md).

Each test reads the page as a visitor's browser would: the SVG's tiles and
the table are parsed from the response, so "the tile's colour equals the
table's stage" is checked on what is served, not on the view's data.
"""

import re
from collections import Counter
from pathlib import Path

from django.conf import settings

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from innovations.factories import InnovationPageFactory
from innovations.models import InnovationIndexPage, InnovationPage
from livinglab.adoptions import map as tile_map
from livinglab.adoptions import pipeline
from livinglab.adoptions.models import Adoption, Stage
from livinglab.regions.models import Province, Region, SpbePredicate, SpbeScore

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "livinglab" / "static" / "livinglab"


def _read(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    svg = soup.find("svg", class_="tile-map")
    tiles = svg.find_all("a", class_="tile")
    table = soup.find("table", id="map-table")
    rows = table.find("tbody").find_all("tr")
    legend = soup.select(".map-legend-list li")
    return soup, svg, tiles, rows, legend


def _colour_class(tile):
    classes = [c for c in tile["class"] if c != "tile"]
    assert len(classes) == 1, tile["class"]
    return classes[0]


def _expected_spbe(codes):
    """Each region's SPBE category computed from the database alone, not
    from the map's code (review finding 12): the band
    (``SpbePredicate.for_index``) of its latest ``SpbeScore`` by year,
    ``predicate-<n>`` numbered from the lowest band; "none" without a score."""
    table = list(SpbePredicate.objects.order_by("min_index"))
    keys = {band.pk: f"predicate-{n}" for n, band in enumerate(table, 1)}
    expected = {}
    for code in codes:
        latest = SpbeScore.objects.filter(region__code=code).order_by("-year").first()
        band = SpbePredicate.for_index(latest.index, table) if latest else None
        expected[code] = keys[band.pk] if band else "none"
    return expected


def _expected_stage(codes, slug):
    """Each region's category on the stage map of case study ``slug`` from
    the database alone: its ``Adoption``'s stage, "host" for the host
    region, else "none"."""
    page = InnovationPage.objects.originals().get(slug=slug)
    stages = dict(
        Adoption.objects.filter(innovation=page).values_list("region__code", "stage")
    )
    host = page.host_region.code
    return {
        code: stages.get(code) or ("host" if code == host else "none") for code in codes
    }


def _check_consistency(response, stage_of=None):
    """Every region once in the map and once in the table; each tile's and
    each row's category is the one computed from the database (SPBE bands;
    the stages of case study ``stage_of`` when given); tiles never overlap;
    legend counts sum to the regions."""
    soup, svg, tiles, rows, legend = _read(response)
    tile_regions = [t["data-region"] for t in tiles]
    row_regions = [r["data-region"] for r in rows]
    assert len(tile_regions) == len(set(tile_regions))
    assert sorted(tile_regions) == sorted(row_regions)
    expected = (
        _expected_stage(tile_regions, stage_of)
        if stage_of
        else _expected_spbe(tile_regions)
    )
    by_row = {r["data-region"]: r for r in rows}
    for tile in tiles:
        row = by_row[tile["data-region"]]
        assert tile["data-category"] == expected[tile["data-region"]], tile[
            "data-region"
        ]
        assert row["data-category"] == expected[tile["data-region"]]
        # the colour class of the tile is the one of the table's marker
        marker = row.select_one("[data-stage], .map-swatch")
        colour = _colour_class(tile)
        assert colour in marker["class"], (tile["data-region"], colour, marker)
        # an accessible name and a tooltip, the region's page as target
        name = tile["aria-label"]
        assert tile.find("title").get_text() == name
        assert row.find("a").get_text() in name
        assert tile["href"] == row.find("a")["href"]
        assert tile.find("text").get_text().strip()
    cells = [(int(t["data-col"]), int(t["data-row"])) for t in tiles]
    assert len(cells) == len(set(cells))
    boxes = [
        (float(t.rect["x"]), float(t.rect["y"]), float(t.rect["width"])) for t in tiles
    ]
    for i, (x1, y1, s1) in enumerate(boxes):
        for x2, y2, s2 in boxes[i + 1 :]:
            assert x1 + s1 <= x2 or x2 + s2 <= x1 or y1 + s1 <= y2 or y2 + s2 <= y1
    counts = {li["data-category"]: int(li["data-count"]) for li in legend}
    assert sum(counts.values()) == len(tiles)
    assert Counter(t["data-category"] for t in tiles) == +Counter(counts)
    return soup, tiles, rows


def test_default_map_colours_regions_by_spbe_predicate(client):
    response = client.get("/peta/")
    assert response.status_code == 200
    soup, tiles, rows = _check_consistency(response)
    expected = {r.code for r in tile_map.map_regions()}
    assert {t["data-region"] for t in tiles} == expected
    # the host and the pilot's regions are there
    assert "32.11" in expected and len(expected) >= 63
    # each region's category is its latest official index's predicate
    table = SpbePredicate.table()
    keys = {band.pk: f"predicate-{n}" for n, band in enumerate(table, 1)}
    by_code = {t["data-region"]: t["data-category"] for t in tiles}
    checked = 0
    for region in Region.objects.filter(code__in=expected):
        latest = region.latest_spbe
        band = SpbePredicate.for_index(latest.index, table) if latest else None
        assert by_code[region.code] == (keys[band.pk] if band else "none")
        checked += band is not None
    assert checked > 10


def test_map_for_a_case_study_shows_each_regions_stage(client, adopt):
    adopt("32.05", "tte-sumedang", [("minat", 30, ""), ("pelatihan", 10, "")])
    adopt("35.07", "tte-sumedang", [("minat", 30, ""), ("dihentikan", 5, "x")])
    adopt("51.03", "tte-sumedang", [("minat", 3, "")])
    response = client.get("/peta/", {"mode": "stage", "innovation": "tte-sumedang"})
    assert response.status_code == 200
    soup, tiles, rows = _check_consistency(response, stage_of="tte-sumedang")
    by_code = {t["data-region"]: t for t in tiles}
    assert by_code["32.05"]["data-category"] == Stage.TRAINING
    assert "stage-pelatihan" in by_code["32.05"]["class"]
    assert by_code["35.07"]["data-category"] == Stage.STOPPED
    assert by_code["51.03"]["data-category"] == Stage.INTEREST
    assert by_code["32.11"]["data-category"] == "host"
    assert by_code["32.73"]["data-category"] == "none"
    # the table shows the stage badge (the stage_badge component)
    row = soup.find("tr", attrs={"data-region": "32.05"})
    badge = row.select_one(".stage-badge")
    assert badge["data-stage"] == "pelatihan"
    assert "Pelatihan" in badge.get_text()
    # the tile's text is the stage's number in the pipeline
    assert by_code["32.05"].find("text").get_text() == "5"
    legend = {li["data-category"]: li for li in soup.select(".map-legend-list li")}
    assert legend["pelatihan"]["data-count"] == "1"
    assert legend["host"]["data-count"] == "1"


def test_a_chosen_case_study_alone_means_the_stage_map(client, adopt):
    adopt("32.05", "tte-sumedang", [("minat", 3, "")])
    response = client.get("/peta/", {"innovation": "tte-sumedang"})
    assert response.status_code == 200
    soup, tiles, rows = _check_consistency(response, stage_of="tte-sumedang")
    assert {t["data-region"]: t["data-category"] for t in tiles}["32.05"] == "minat"


def _error(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    summary = soup.select_one(".error-summary")
    assert summary is not None
    return summary.get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"innovation": "tidak-ada-inovasi-ini"}, "Tidak ada studi kasus"),
        ({"mode": "warna"}, "Pilih apa yang mewarnai peta"),
        ({"mode": "stage"}, "Pilih studi kasus"),
        ({"mode": "stage", "innovation": "<script>x</script>"}, "Tidak ada"),
    ],
)
def test_bad_input_is_a_message_and_the_default_map(client, query, message):
    response = client.get("/peta/", query)
    assert response.status_code == 400
    assert message in _error(response)
    soup, tiles, rows = _check_consistency(response)
    assert all(t["data-category"].startswith(("predicate-", "none")) for t in tiles)
    assert "<script>x" not in response.content.decode()


@pytest.fixture
def library():
    return InnovationIndexPage.objects.get(slug="inovasi", locale__language_code="id")


def test_a_draft_case_study_is_refused_and_its_data_never_shown(client, library):
    draft = InnovationPageFactory(
        parent=library, title="Draf Rahasia Kencana", slug="draf-kencana", live=False
    )
    pipeline.start_adoption(
        region=Region.objects.get(code="32.73"),
        innovation=draft,
        date=draft.last_confirmed,
        actor=None,
    )
    response = client.get("/peta/", {"innovation": "draf-kencana"})
    assert response.status_code == 400
    assert "Tidak ada studi kasus" in _error(response)
    html = response.content.decode()
    assert "Draf Rahasia Kencana" not in html
    soup, tiles, rows = _check_consistency(response)
    assert not any(t["data-category"] == "minat" for t in tiles)


@pytest.mark.parametrize("kind", ["password", "login"])
def test_a_restricted_case_study_is_refused(client, library, kind):
    page = InnovationPageFactory(
        parent=library, title="Terbatas Zamrud", slug="terbatas-zamrud"
    )
    page.save_revision().publish()
    pipeline.start_adoption(
        region=Region.objects.get(code="32.73"),
        innovation=page,
        date=page.last_confirmed,
        actor=None,
    )
    ok = client.get("/peta/", {"innovation": "terbatas-zamrud"})
    assert ok.status_code == 200
    assert "Terbatas Zamrud" in ok.content.decode()
    PageViewRestriction.objects.create(
        page=page,
        restriction_type=(
            PageViewRestriction.PASSWORD
            if kind == "password"
            else PageViewRestriction.LOGIN
        ),
        password="x",
    )
    response = client.get("/peta/", {"innovation": "terbatas-zamrud"})
    assert response.status_code == 400
    assert "Terbatas Zamrud" not in response.content.decode()
    # and the form no longer offers it
    assert 'value="terbatas-zamrud"' not in response.content.decode()


def test_works_without_javascript(client):
    response = client.get("/peta/")
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    form = soup.find("form", class_="map-form")
    assert form["method"] == "get"
    assert form.find("button", attrs={"type": "submit"})
    assert form.find("select", attrs={"name": "innovation"})
    assert form.find_all("input", attrs={"name": "mode", "type": "radio"})
    svg = soup.find("svg", class_="tile-map")
    assert svg.find("script") is None
    assert not any(
        attr.startswith("on") for tag in svg.find_all(True) for attr in tag.attrs
    )
    # scales with its viewBox: no fixed width
    assert svg["width"] == "100%" and len(svg["viewbox"].split()) == 4


def test_english_map(client):
    response = client.get("/en/peta/")
    assert response.status_code == 200
    assert "Map of the regions" in response.content.decode()
    _check_consistency(response)


def test_the_map_reuses_the_stage_badge_palette():
    """One copy of the stage colours: site.css gives each stage its
    --stage-fill, map.css only reads it."""
    site = (STATIC / "site.css").read_text()
    own = (STATIC / "map.css").read_text()
    for stage in Stage:
        assert re.search(rf"\.stage-{stage.value} {{ --stage-fill: #", site), stage
        assert f".stage-{stage.value}" not in own
    assert "var(--stage-fill" in own


def test_layout_covers_every_province():
    blocks = tile_map.read_layout()
    assert set(Province.objects.values_list("code", flat=True)) <= set(blocks)


def test_packing_never_overlaps_even_with_the_whole_register():
    blocks = tile_map.read_layout()
    by_province = {}
    for code, province in Region.objects.values_list("code", "province__code"):
        by_province.setdefault(province, []).append(code)
    assert sum(map(len, by_province.values())) > 500
    cells = tile_map.place_tiles(by_province, blocks)
    assert len(cells) == sum(map(len, by_province.values()))
    assert len(set(cells.values())) == len(cells)
    # an unknown province goes below, still apart
    cells = tile_map.place_tiles({"99": ["99.01", "99.02"], "32": ["32.11"]}, blocks)
    assert len(set(cells.values())) == 3


def test_the_shipped_pilot_keeps_its_provinces_blocks():
    """With the pilot's regions no block is pushed off its origin: the map
    looks like the layout file says."""
    blocks = tile_map.read_layout()
    regions = tile_map.map_regions()
    by_province = {}
    for region in regions:
        by_province.setdefault(region.province.code, []).append(region.code)
    cells = tile_map.place_tiles(by_province, blocks)
    for code, members in by_province.items():
        first = min(members)
        assert cells[first] == (blocks[code].col, blocks[code].row), code


def test_a_broken_layout_file_names_its_row(tmp_path):
    path = tmp_path / "layout.csv"
    path.write_text("province_code,province_name,col,row,width\n32,Jawa Barat,x,1,2\n")
    with pytest.raises(ValueError, match="row 2"):
        tile_map.read_layout(path)
    path.write_text("province_code,province_name,col,row,width\n32,A,1,1,0\n")
    with pytest.raises(ValueError, match="row 2"):
        tile_map.read_layout(path)


def test_province_areas_never_overlap_and_coordinates_are_plain_numbers(client):
    response = client.get("/peta/")
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    areas = soup.select("svg.tile-map rect.province-area")
    assert len(areas) == len({r.province.code for r in tile_map.map_regions()})
    boxes = []
    for area in areas:
        box = [area[key] for key in ("x", "y", "width", "height")]
        assert all(re.fullmatch(r"-?\d+", value) for value in box), box
        boxes.append([int(value) for value in box])
    for i, (x1, y1, w1, h1) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1


def test_first_load_checks_the_default_radio_and_counts_agree(client):
    """Newcomer, session 6: no radio was checked although the map showed the
    SPBE predicate; "63 regions on the map" against the footer's 62."""
    from livinglab.regions.models import Participation

    soup = BeautifulSoup(client.get("/peta/").content.decode(), "html.parser")
    checked = soup.select('input[name="mode"][checked]')
    assert [c["value"] for c in checked] == ["spbe"]
    total = soup.select_one(".map-legend-total").get_text(" ", strip=True)
    pilot = Participation.objects.pilot().count()
    assert f"{pilot} kabupaten/kota peserta" in total and "tuan rumah" in total
    assert "provinsi" in soup.select_one(".map-legend").get_text()
