"""Server-drawn SVG charts: no script, no CDN, readable on a slow line and on paper.

The geometry is computed here and the template only places it, so a chart is
a few hundred bytes of markup that prints as crisply as the text around it.
"""

from decimal import Decimal

WIDTH = 640
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40
Y_MAX = Decimal(5)


def _c(value):
    """A coordinate as a plain string: templates must not localize it (4,5)."""
    return f"{value:.1f}"


def _x(i, n):
    inner = WIDTH - LEFT - RIGHT
    return LEFT + (inner / 2 if n == 1 else inner * i / (n - 1))


def _y(value):
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * float((Y_MAX - Decimal(value)) / Y_MAX)


def spbe_line_chart(history, national, predicates):
    """Geometry for a region's SPBE index per year against the national average.

    ``history`` is ``[{"year", "index", ...}]``; ``national`` maps year to the
    national average; ``predicates`` are the predicate bands drawn as
    horizontal guides.
    """
    years = sorted({row["year"] for row in history} | set(national))
    if not years:
        return None
    n = len(years)
    xs = {year: _c(_x(i, n)) for i, year in enumerate(years)}
    region_points = [
        {
            "x": xs[row["year"]],
            "y": _c(_y(row["index"])),
            "year": row["year"],
            "value": row["index"],
        }
        for row in history
    ]
    national_points = [
        {"x": xs[year], "y": _c(_y(value)), "year": year, "value": value}
        for year, value in sorted(national.items())
    ]
    bands = [
        {"y": _c(_y(p.min_index)), "value": p.min_index, "label": p.label}
        for p in predicates
        if p.min_index > 0
    ]
    return {
        "width": str(WIDTH),
        "height": str(HEIGHT),
        "left": str(LEFT),
        "label_x": str(LEFT - 8),
        "right": str(WIDTH - RIGHT),
        "year_label_y": str(HEIGHT - BOTTOM + 22),
        "axis": [{"y": _c(_y(v)), "value": v} for v in range(6)],
        "years": [{"x": xs[y], "year": str(y)} for y in years],
        "region": region_points,
        "region_path": " ".join(f"{p['x']},{p['y']}" for p in region_points),
        "national": national_points,
        "national_path": " ".join(f"{p['x']},{p['y']}" for p in national_points),
        "bands": bands,
    }
