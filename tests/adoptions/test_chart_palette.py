"""The dashboard's stage colours and month axis (issue 16, item 11).

Contrast is WCAG 2.x's relative-luminance ratio; distinctness is the CIE76
colour difference in CIELAB (D65), computed here from the CSS that users get.
"""

import datetime
import re
from pathlib import Path

import pytest

from livinglab.adoptions.dashboard import charts
from livinglab.adoptions.models import PIPELINE

CSS = (
    Path(__file__).resolve().parents[2] / "livinglab/static/livinglab/dashboard.css"
).read_text()
WHITE = "#ffffff"
MIN_GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11 non-text contrast
MIN_TEXT_CONTRAST = 4.5  # WCAG 1.4.3 for the mark inside a matrix cell
MIN_NEIGHBOUR_DELTA_E = 20.0
# "Sep 2026" at the charts' 12px font is about 52 viewBox units wide.
LABEL_WIDTH = 56
MIN_LABEL_DISTANCE = 60


def _hex(colour):
    colour = colour.lower()
    if len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _linear(channel):
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour):
    r, g, b = (_linear(c) for c in _hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(colour):
    r, g, b = (_linear(c) for c in _hex(colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a, b):
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5


def _cells():
    found = re.findall(
        r"^\.cell-(\w+) \{ background: (#[0-9a-fA-F]{3,6}); color: (#[0-9a-fA-F]{3,6}); \}",
        CSS,
        re.M,
    )
    return {stage: (background, text) for stage, background, text in found}


def _bars():
    return dict(
        re.findall(r"\.chart rect\.cell-(\w+) \{ fill: (#[0-9a-fA-F]{3,6}); \}", CSS)
    )


def test_the_contrast_helpers_match_known_values():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)
    assert delta_e("#000000", WHITE) == pytest.approx(100.0, abs=0.1)


@pytest.mark.parametrize("colours", [_cells, _bars], ids=["matrix", "funnel"])
def test_every_stage_colour_has_3_to_1_contrast_with_white(colours):
    palette = colours()
    for stage in PIPELINE:
        colour = palette[stage][0] if colours is _cells else palette[stage]
        ratio = contrast(colour, WHITE)
        assert ratio >= MIN_GRAPHIC_CONTRAST, (stage, colour, round(ratio, 2))


@pytest.mark.parametrize("colours", [_cells, _bars], ids=["matrix", "funnel"])
def test_neighbouring_stages_are_distinct(colours):
    palette = colours()
    sequence = [
        palette[stage][0] if colours is _cells else palette[stage] for stage in PIPELINE
    ]
    for stage, a, b in zip(PIPELINE[1:], sequence, sequence[1:], strict=False):
        assert delta_e(a, b) >= MIN_NEIGHBOUR_DELTA_E, (stage, a, b)


def test_matrix_marks_are_readable_on_their_cell():
    for stage, (background, text) in _cells().items():
        assert contrast(background, text) >= MIN_TEXT_CONTRAST, stage


def test_bars_use_the_matrix_colours():
    cells, bars = _cells(), _bars()
    assert {stage: cells[stage][0] for stage in PIPELINE} == {
        stage: bars[stage] for stage in PIPELINE
    }


def test_matrix_headers_are_not_cut_off():
    rule = re.search(r"table\.matrix th\.innovation span \{([^}]*)\}", CSS).group(1)
    assert "ellipsis" not in rule and "nowrap" not in rule
    assert "overflow: hidden" not in rule


def _months(start, n):
    year, month = start
    out = []
    for _i in range(n):
        out.append(datetime.date(year, month, 1))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


@pytest.mark.parametrize("n", [*range(1, 40), 48, 60, 96, 120])
@pytest.mark.parametrize("start", [(2024, 1), (2024, 11), (2023, 6)])
def test_month_labels_never_collide(n, start):
    series = [
        {"month": month, "events": i % 5, "started": i % 2}
        for i, month in enumerate(_months(start, n))
    ]
    chart = charts.monthly_chart(series)
    shown = [c for c in chart["columns"] if c["show_label"]]
    assert shown or n < 3, "no month labelled at all"
    xs = [float(c["label_x"]) for c in shown]
    for left, right in zip(xs, xs[1:], strict=False):
        assert right - left >= MIN_LABEL_DISTANCE, (n, left, right)
    half = LABEL_WIDTH / 2
    assert all(half <= x <= charts.WIDTH - half for x in xs)
    # Labels sit on calendar boundaries once they are thinned (Jan, Apr, Jul...).
    if len(shown) < n:
        assert all((c["month"].month - 1) % 3 == 0 for c in shown)
