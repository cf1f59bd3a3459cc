"""The public tile map of ``/peta/`` (docs/MAP.md): a grid cartogram of the
pilot's regions, one square tile per region, grouped by province.

Where a province's block of tiles starts is data, ``fixtures/map_layout.csv``
(``province_code, province_name, col, row, width``; col from the west, row
from the north, both in tiles). ``place_tiles`` packs a province's regions
into its block row by row, by region code, and moves a block down until it
covers no tile already placed, so no two tiles ever overlap whatever the
number of regions. ``build_map`` colours the tiles by one of two measures:

* ``stage``: each region's adoption stage of one published case study (the
  stage palette of ``components/stage_badge.html``, ``.stage-<stage>`` in
  site.css), the case study's host apart, and "no adoption";
* ``spbe``: the predicate of each region's latest official SPBE index
  (``SpbeScore``), from the ``SpbePredicate`` bands (``SpbePredicate.for_index``),
  and "no SPBE index".

The template ``adoptions/includes/tile_map.html`` draws the SVG; no HTML is
built here.
"""

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from innovations.models import InnovationPage
from livinglab.regions.models import Participation, Region, SpbePredicate, SpbeScore

from .models import PIPELINE, Adoption, Stage

LAYOUT_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "map_layout.csv"

# SVG units: a grid cell and the tile drawn in it (the rest is the gap).
CELL = 40
TILE = 36
MARGIN = 4
# A province's shaded area reaches this far past its outer tiles: less than
# half the gap, so two neighbouring provinces keep a seam between them.
# Every coordinate is an int: a float would be localised ("2,5") in the SVG.
AREA_PAD = 1

MODE_SPBE = "spbe"
MODE_STAGE = "stage"

# The short text in a tile and its legend entry, so colour is never the
# only signal: the stage's number in the pipeline (1-8, the order of
# ``PIPELINE``), × for stopped, ★ for the case study's host, – for nothing
# recorded.
STAGE_SHORT = {stage.value: str(number) for number, stage in enumerate(PIPELINE, 1)}
STAGE_SHORT[Stage.STOPPED.value] = "×"
HOST_SHORT = "★"
NONE_SHORT = "–"


@dataclass(frozen=True)
class ProvinceBlock:
    """Where a province's tiles start (``col``, ``row``, in tiles) and how
    many tiles wide its block is (``width`` ≥ 1)."""

    code: str
    name: str
    col: int
    row: int
    width: int


def read_layout(path=LAYOUT_FILE):
    """The blocks of ``path`` (default ``fixtures/map_layout.csv``) as
    ``{province_code: ProvinceBlock}`` in file order; lines starting with
    ``#`` are comments. Raises ``ValueError`` naming the line for a row
    without a code, with a number that is not an integer, a negative
    position, a width below 1 or a province listed twice."""
    blocks = {}
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for number, row in enumerate(csv.DictReader(lines), 2):
            code = (row.get("province_code") or "").strip()
            try:
                col, top, width = (int(row[key]) for key in ("col", "row", "width"))
            except (KeyError, TypeError, ValueError):
                raise ValueError(f"{path}: row {number}: col, row, width") from None
            if not code or col < 0 or top < 0 or width < 1 or code in blocks:
                raise ValueError(f"{path}: row {number}: {code or 'no code'}")
            name = (row.get("province_name") or "").strip()
            blocks[code] = ProvinceBlock(code, name, col, top, width)
    return blocks


@lru_cache(maxsize=4)
def _cached_layout(path, mtime):
    return read_layout(path)


def layout(path=LAYOUT_FILE):
    """``read_layout(path)``, read again when the file changes."""
    return _cached_layout(path, Path(path).stat().st_mtime)


def place_tiles(codes_by_province, blocks):
    """``{region_code: (col, row)}`` for ``codes_by_province`` (``{province
    code: [region codes]}``), packed into ``blocks`` (from ``read_layout``).

    A province's regions fill its block from ``(col, row)``, ``width`` tiles
    a row, in code order. Provinces are placed in the order of ``blocks``;
    one whose tiles would cover a placed tile moves down a row until none
    does. Provinces missing from ``blocks`` go below everything, left to
    right, four tiles wide. No two regions ever get the same cell.
    """
    placed, taken = {}, set()
    known = [code for code in blocks if code in codes_by_province]
    unknown = sorted(code for code in codes_by_province if code not in blocks)
    bottom = max((block.row for block in blocks.values()), default=0) + 1
    extra_col = 0
    for code in known + unknown:
        regions = sorted(codes_by_province[code])
        if code in blocks:
            block = blocks[code]
            col, top, width = block.col, block.row, block.width
        else:
            col, top, width = extra_col, bottom, 4
            extra_col += width + 1
        while True:
            cells = [
                (col + index % width, top + index // width)
                for index in range(len(regions))
            ]
            if not taken.intersection(cells):
                break
            top += 1
        taken.update(cells)
        placed.update(zip(regions, cells, strict=True))
    return placed


@dataclass
class Category:
    """One colour of the map: ``key`` (the CSS class suffix and the value the
    tests read), ``css`` (the class), ``short`` (the tile's text), ``label``,
    ``low``/``high`` (a predicate's index range: from ``low`` up to, not
    including, ``high``; None elsewhere) and how many regions fall in it."""

    key: str
    css: str
    short: str
    label: str
    low: object = None
    high: object = None
    is_stage: bool = False
    count: int = 0
    regions: list = field(default_factory=list)


def map_regions():
    """The regions on the map: every region with a pilot participation (the
    host and the 62), with an adoption of a published case study, or hosting
    a published case study; with province and SPBE scores (three queries)."""
    published = InnovationPage.objects.published()
    ids = set(Participation.objects.values_list("region_id", flat=True))
    ids.update(
        Adoption.objects.filter(innovation__in=published).values_list(
            "region_id", flat=True
        )
    )
    ids.update(published.values_list("host_region_id", flat=True))
    ids.discard(None)
    return list(
        Region.objects.filter(pk__in=ids)
        .select_related("province")
        .prefetch_related(
            Prefetch("spbe_scores", queryset=SpbeScore.objects.order_by("year"))
        )
        .order_by("province__code", "code")
    )


def stage_categories(innovation, regions):
    """``(categories, {region_id: (key, score)})`` for the stage map of
    ``innovation``: one category per pipeline stage, stopped, the host and
    "no adoption", in that order; ``score`` is None."""
    categories = [
        Category(
            key=stage.value,
            css=f"stage-{stage.value}",
            short=STAGE_SHORT[stage.value],
            label=str(stage.label),
            is_stage=True,
        )
        for stage in [*PIPELINE, Stage.STOPPED]
    ]
    categories.append(
        Category(key="host", css="tile-host", short=HOST_SHORT, label=_("Host"))
    )
    categories.append(
        Category(key="none", css="tile-none", short=NONE_SHORT, label=_("No adoption"))
    )
    by_key = {category.key: category for category in categories}
    stages = dict(
        Adoption.objects.filter(innovation=innovation).values_list("region_id", "stage")
    )
    assigned = {}
    for region in regions:
        if region.pk in stages and stages[region.pk] in by_key:
            key = stages[region.pk]
        elif region.pk == innovation.host_region_id:
            key = "host"
        else:
            key = "none"
        assigned[region.pk] = (key, None)
    return categories, assigned


def spbe_categories(regions):
    """``(categories, {region_id: (key, score)})`` for the SPBE map: one
    category per ``SpbePredicate`` band, lowest first (``predicate-1`` …),
    then "no SPBE index"; ``score`` is the region's latest ``SpbeScore``
    (official index and year) or None."""
    table = SpbePredicate.table()
    categories = []
    for number, band in enumerate(table, 1):
        following = table[number] if number < len(table) else None
        categories.append(
            Category(
                key=f"predicate-{number}",
                css=f"predicate-{min(number, 5)}",
                short=initials(band.label),
                label=band.label,
                low=band.min_index,
                high=following.min_index if following else None,
            )
        )
    categories.append(
        Category(
            key="none", css="tile-none", short=NONE_SHORT, label=_("No SPBE index")
        )
    )
    rank = {band.pk: index for index, band in enumerate(table)}
    assigned = {}
    for region in regions:
        latest = region.latest_spbe
        band = SpbePredicate.for_index(latest.index, table) if latest else None
        if band is None:
            assigned[region.pk] = ("none", None)
            continue
        assigned[region.pk] = (categories[rank[band.pk]].key, latest)
    return categories, assigned


def initials(label):
    """The first letter of each word, upper case (``"Sangat Baik"`` → ``SB``)."""
    return "".join(word[0] for word in label.split() if word).upper()[:3] or "?"


def build_map(mode, innovation=None):
    """Everything the map template draws, as plain data.

    ``mode`` is ``MODE_STAGE`` (needs ``innovation``, a published
    ``InnovationPage``) or ``MODE_SPBE``. Returns a dict: ``tiles`` (each a
    dict with ``region``, ``x``, ``y`` (SVG units), ``cx``, ``cy``, ``key``,
    ``css``, ``short``, ``spoken_short``, ``label``, ``is_stage``, ``score``: the
    ``SpbeScore`` of the SPBE map), ``rows`` (the same, in table
    order: province then code), ``provinces`` (each province's shaded area:
    ``code``, ``name``, ``x``, ``y``, ``width``, ``height``), ``legend`` (``Category`` objects with
    ``count``), ``view_box`` (``"x y w h"``), ``width``, ``height`` and
    ``total`` (the number of regions), ``pilot`` (how many of them are
    the pilot's kabupaten/kota, ``Participation.objects.pilot()``), ``hosts``
    (how many are in the host cohort) and ``others`` (the rest: adopters
    outside the pilot).
    """
    regions = map_regions()
    if mode == MODE_STAGE:
        categories, assigned = stage_categories(innovation, regions)
    else:
        categories, assigned = spbe_categories(regions)
    by_key = {category.key: category for category in categories}
    codes_by_province = {}
    for region in regions:
        codes_by_province.setdefault(region.province.code, []).append(region.code)
    cells = place_tiles(codes_by_province, layout())
    tiles = []
    for region in regions:
        col, row = cells[region.code]
        key, score = assigned[region.pk]
        category = by_key[key]
        category.count += 1
        x, y = col * CELL + MARGIN, row * CELL + MARGIN
        tiles.append(
            {
                "region": region,
                "col": col,
                "row": row,
                "x": x,
                "y": y,
                "cx": x + TILE // 2,
                "cy": y + TILE // 2,
                "key": key,
                "css": category.css,
                "short": category.short,
                # first in the accessible name, which must hold the
                # tile's visible text (WCAG 2.5.3); symbols are left out
                "spoken_short": category.short if category.short.isalnum() else "",
                "label": category.label,
                "is_stage": category.is_stage,
                "score": score,
            }
        )
    provinces = {}
    for tile in tiles:
        area = provinces.setdefault(
            tile["region"].province.code,
            {"name": tile["region"].province.name, "cols": [], "rows": []},
        )
        area["cols"].append(tile["col"])
        area["rows"].append(tile["row"])
    areas = [
        {
            "code": code,
            "name": area["name"],
            "x": min(area["cols"]) * CELL + MARGIN - AREA_PAD,
            "y": min(area["rows"]) * CELL + MARGIN - AREA_PAD,
            "width": (max(area["cols"]) - min(area["cols"])) * CELL
            + TILE
            + 2 * AREA_PAD,
            "height": (max(area["rows"]) - min(area["rows"])) * CELL
            + TILE
            + 2 * AREA_PAD,
        }
        for code, area in provinces.items()
    ]
    cols = [tile["col"] for tile in tiles] or [0]
    rows = [tile["row"] for tile in tiles] or [0]
    left, top = min(cols) * CELL, min(rows) * CELL
    width = (max(cols) - min(cols) + 1) * CELL + 2 * MARGIN
    height = (max(rows) - min(rows) + 1) * CELL + 2 * MARGIN
    return {
        "mode": mode,
        "innovation": innovation,
        "tiles": tiles,
        "rows": tiles,
        "provinces": areas,
        "legend": categories,
        "view_box": f"{left} {top} {width} {height}",
        "width": width,
        "height": height,
        "tile_size": TILE,
        "total": len(tiles),
        **_cohort_counts(regions),
    }


def _cohort_counts(regions):
    """``{"pilot": n, "hosts": n, "others": n}`` among ``regions`` (one
    query): the map's total said as the footer says it (62 + the host)."""
    cohorts = dict(
        Participation.objects.filter(region__in=regions).values_list(
            "region_id", "cohort"
        )
    )
    pilot = sum(c in Participation.PILOT_COHORTS for c in cohorts.values())
    hosts = sum(c == Participation.Cohort.HOST for c in cohorts.values())
    return {"pilot": pilot, "hosts": hosts, "others": len(regions) - pilot - hosts}
