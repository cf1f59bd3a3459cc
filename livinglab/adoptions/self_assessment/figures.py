"""What a self-assessment adds up to: the index and predicate (with
``livinglab.regions.spbe.compute_index`` and the framework's weights), the
figure per aspect and per domain, last year's figures and the national
average, and the geometry of the SVG chart that shows them.

A part's figure is its weighted mean level, Σ wᵢ·levelᵢ / Σ wᵢ over its
indicators (two decimals, half up), on the same 1-5 scale as the index; it is
None until every indicator of the part has a level. The index is None until
every indicator of the framework has one.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from livinglab.regions import spbe
from livinglab.regions.models import NationalSpbeAverage, SpbeIndicatorScore

from .models import SelfAssessment

WIDTH = 640
LEFT, RIGHT, TOP, ROW, BAR = 96, 48, 24, 30, 11


def _mean(pairs):
    """Σ w·level / Σ w to two decimals, or None if a level is missing."""
    pairs = list(pairs)
    if not pairs or any(level is None for _w, level in pairs):
        return None
    total = sum(Decimal(str(w)) for w, _l in pairs)
    value = sum(Decimal(str(w)) * level for w, level in pairs) / total
    return value.quantize(spbe.TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass
class Part:
    """An aspect or domain (or the whole index): ``kind`` "index", "domain"
    or "aspect"; ``figure`` this year, ``previous`` last year (or None)."""

    kind: str
    number: int | None
    name: str
    weight: Decimal
    figure: Decimal | None
    previous: Decimal | None = None
    national: Decimal | None = None

    @property
    def change(self):
        if self.figure is None or self.previous is None:
            return None
        return self.figure - self.previous

    @property
    def short(self):
        return self.name if self.kind == "index" else f"{self.kind_label} {self.number}"

    kind_label: str = ""


@dataclass
class Summary:
    index: Decimal | None
    predicate: dict | None
    answered: int
    total: int
    parts: list = field(default_factory=list)  # index, domains, aspects
    previous_year: int | None = None
    previous_source: str = ""
    previous_index: Decimal | None = None
    national: object = None  # a NationalSpbeAverage or None


def weighted_value(weight, level):
    """An indicator's share of the index: weight × level / 100 (Decimal, not
    rounded), or None without a level."""
    if level is None or weight is None:
        return None
    return Decimal(str(weight)) * level / 100


def _parts(indicators, levels, labels):
    domains, aspects = {}, {}
    for ind in indicators:
        aspects.setdefault(ind.aspect, []).append(ind)
        if ind.aspect.domain_id:
            domains.setdefault(ind.aspect.domain, []).append(ind)

    def pairs(items):
        return [(i.weight, levels.get(i.pk)) for i in items]

    all_pairs = pairs(indicators)
    complete = all(level is not None for _w, level in all_pairs)
    index = spbe.compute_index(all_pairs) if complete and all_pairs else None
    rows = [Part("index", None, labels["index"], Decimal(100), index)]
    for domain, items in sorted(domains.items(), key=lambda kv: kv[0].number):
        rows.append(
            Part(
                "domain",
                domain.number,
                domain.label,
                sum(Decimal(str(i.weight)) for i in items),
                _mean(pairs(items)),
                kind_label=labels["domain"],
            )
        )
    for aspect, items in sorted(aspects.items(), key=lambda kv: kv[0].number):
        rows.append(
            Part(
                "aspect",
                aspect.number,
                aspect.label,
                sum(Decimal(str(i.weight)) for i in items),
                _mean(pairs(items)),
                kind_label=labels["aspect"],
            )
        )
    return index, rows


def previous_levels(region, year, framework, indicators):
    """Last year's levels by indicator id, and where they come from: the
    region's own self-assessment of ``year - 1`` (if it follows the same
    framework and has levels), else its evaluated levels
    (``SpbeIndicatorScore``) of that year. ``({}, "")`` when neither."""
    ids = {i.pk for i in indicators}
    earlier = SelfAssessment.objects.filter(
        region=region, year=year - 1, framework=framework
    ).first()
    if earlier is not None:
        levels = {
            a: lv
            for a, lv in earlier.answers.values_list("indicator_id", "level")
            if a in ids and lv
        }
        if levels:
            return levels, "self_assessment"
    levels = dict(
        SpbeIndicatorScore.objects.filter(
            region=region, year=year - 1, indicator_id__in=ids
        ).values_list("indicator_id", "level")
    )
    return levels, ("evaluation" if levels else "")


def national_for(year):
    """The national average of ``year``, else the latest before it, or None."""
    return NationalSpbeAverage.objects.filter(year__lte=year).order_by("-year").first()


def summarise(assessment, indicators, levels, labels):
    """The Summary of ``assessment`` with ``levels`` ({indicator id: level})."""
    index, parts = _parts(indicators, levels, labels)
    previous, source = previous_levels(
        assessment.region, assessment.year, assessment.framework, indicators
    )
    prev_index, prev_parts = _parts(indicators, previous, labels)
    for part, before in zip(parts, prev_parts, strict=True):
        part.previous = before.figure
    national = national_for(assessment.year)
    if national is not None:
        parts[0].national = national.index
    return Summary(
        index=index,
        predicate=assessment.framework.predicate_for(index),
        answered=sum(1 for i in indicators if levels.get(i.pk)),
        total=len(indicators),
        parts=parts,
        previous_year=assessment.year - 1 if source else None,
        previous_source=source,
        previous_index=prev_index,
        national=national,
    )


def _c(value):
    return f"{value:.1f}"


def bar_chart(parts):
    """Geometry of horizontal bars on a 0-5 scale: per part, this year's bar
    and last year's, and the national average as a mark on the index row.
    Coordinates are plain strings (never localized)."""
    inner = WIDTH - LEFT - RIGHT

    def x(value):
        return LEFT + inner * float(Decimal(value) / 5)

    rows = []
    y = TOP
    for part in parts:
        row = {"label": part.short, "y": _c(y), "text_y": _c(y + BAR + 3)}
        if part.figure is not None:
            row["now"] = {
                "y": _c(y + 2),
                "width": _c(x(part.figure) - LEFT),
                "value": part.figure,
                "value_x": _c(x(part.figure) + 4),
                "value_y": _c(y + BAR),
            }
        if part.previous is not None:
            row["before"] = {
                "y": _c(y + 3 + BAR),
                "width": _c(x(part.previous) - LEFT),
                "value": part.previous,
                "value_x": _c(x(part.previous) + 4),
                "value_y": _c(y + 2 * BAR + 2),
            }
        if part.national is not None:
            row["national"] = {
                "x": _c(x(part.national)),
                "y1": _c(y),
                "y2": _c(y + ROW - 2),
                "value": part.national,
            }
        rows.append(row)
        y += ROW
    height = y + 24
    return {
        "width": str(WIDTH),
        "height": _c(height),
        "left": str(LEFT),
        "label_x": str(LEFT - 6),
        "axis_y": _c(height - 8),
        "ticks": [{"x": _c(x(v)), "value": v} for v in range(6)],
        "top": str(TOP - 4),
        "bottom": _c(y),
        "rows": rows,
    }
