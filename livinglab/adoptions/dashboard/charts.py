"""Geometry of the dashboard's SVG charts, computed here, placed by templates.

Like ``livinglab.regions.charts``: no script, no CDN; every coordinate is a
plain string (a template must not localize ``4.5`` into ``4,5``), and every
chart has a table beside it holding the same figures.
"""

import math

from django.utils.formats import number_format

WIDTH = 640


def _c(value):
    return f"{value:.1f}"


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5, 5 x 10^k that is >= value (1 for 0)."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return candidate
    return 10 ** (exponent + 1)  # pragma: no cover


def count_scale(value, most=5):
    """``(top, step)`` for an axis of counts: whole steps of 1, 2 or 5 x 10^k,
    at most ``most`` of them, the top a multiple of the step."""
    value = max(value, 1)
    exponent = 0
    while True:
        for base in (1, 2, 5):
            step = base * 10**exponent
            if math.ceil(value / step) <= most:
                return math.ceil(value / step) * step, step
        exponent += 1


def _tick_label(value):
    """A tick's text in the active language's number format (``0,25``;
    ``1.000`` in Indonesian, ``1,000`` in English)."""
    value = round(value, 4) if value != int(value) else int(value)
    return number_format(value, force_grouping=True)


def funnel_chart(funnel):
    """Horizontal bars per pipeline stage: a light bar for "at this stage or
    further", a dark one for "now at this stage"; stopped apart below."""
    left, right, top, bar, gap = 150, 56, 8, 22, 8
    rows = funnel["rows"]
    scale_max = max([r["at_or_beyond"] for r in rows] + [funnel["stopped"], 1])
    inner = WIDTH - left - right

    def width(n):
        return inner * n / scale_max

    bars = []
    y = top
    for row in rows:
        bars.append(
            {
                "label": row["label"],
                "number": row["number"],
                "y": _c(y),
                "text_y": _c(y + bar / 2 + 4),
                "beyond_width": _c(width(row["at_or_beyond"])),
                "now_width": _c(width(row["count"])),
                "value_x": _c(left + width(row["at_or_beyond"]) + 6),
                "count": row["count"],
                "at_or_beyond": row["at_or_beyond"],
                "stage": row["stage"],
            }
        )
        y += bar + gap
    separator_y = y + gap / 2
    y += 2 * gap
    stopped = {
        "y": _c(y),
        "text_y": _c(y + bar / 2 + 4),
        "width": _c(width(funnel["stopped"])),
        "value_x": _c(left + width(funnel["stopped"]) + 6),
        "count": funnel["stopped"],
    }
    height = y + bar + top
    return {
        "width": str(WIDTH),
        "height": _c(height),
        "left": str(left),
        "label_x": str(left - 8),
        "right": str(WIDTH - right),
        "bar": str(bar),
        "bars": bars,
        "separator_y": _c(separator_y),
        "stopped": stopped,
    }


# Month labels on the time axis ("Sep 2026" at the charts' 12px font is about
# 52 viewBox units wide): two labels are never closer than this, centre to
# centre, and a label never sticks out of the drawing.
MONTH_LABEL_WIDTH = 56
MONTH_LABEL_SPACING = MONTH_LABEL_WIDTH + 8
# Calendar steps between labels: every month, quarters, half-years, Januaries,
# every other January, every fifth.
MONTH_LABEL_STEPS = (1, 3, 6, 12, 24, 60)


def month_label_step(slot):
    """Months between two labels when a month is ``slot`` units wide: the
    smallest of ``MONTH_LABEL_STEPS`` that keeps labels
    ``MONTH_LABEL_SPACING`` apart."""
    for step in MONTH_LABEL_STEPS:
        if step * slot >= MONTH_LABEL_SPACING:
            return step
    return MONTH_LABEL_STEPS[-1]


def _month_labelled(month, step):
    """Labels sit on calendar boundaries: January and every ``step``-th
    month after it (``step`` <= 12), or every ``step // 12``-th January."""
    if step <= 12:
        return (month.month - 1) % step == 0
    return month.month == 1 and month.year % (step // 12) == 0


def monthly_chart(series):
    """Columns for events per month and a line for new adoptions."""
    if not series:
        return None
    left, right, top, bottom = 44, 12, 12, 44
    height = 280
    inner_w = WIDTH - left - right
    inner_h = height - top - bottom
    top_value, step = count_scale(max(max(r["events"], r["started"]) for r in series))
    n = len(series)
    slot = inner_w / n
    column = max(slot * 0.7, 1)
    step = month_label_step(slot)
    half_label = MONTH_LABEL_WIDTH / 2

    def y(v):
        return top + inner_h * (1 - v / top_value)

    columns, points = [], []
    for i, row in enumerate(series):
        x = left + slot * i
        centre = x + slot / 2
        columns.append(
            {
                "x": _c(x + (slot - column) / 2),
                "y": _c(y(row["events"])),
                "height": _c(inner_h * row["events"] / top_value),
                "month": row["month"],
                "events": row["events"],
                "started": row["started"],
                "label_x": _c(centre),
                "show_label": _month_labelled(row["month"], step)
                and half_label <= centre <= WIDTH - half_label,
            }
        )
        points.append({"x": _c(centre), "y": _c(y(row["started"])), **row})
    return {
        "width": str(WIDTH),
        "height": str(height),
        "left": str(left),
        "label_x": str(left - 6),
        "right": str(WIDTH - right),
        "baseline": _c(top + inner_h),
        "month_label_y": _c(top + inner_h + 16),
        "axis": [
            {"y": _c(y(v)), "value": _tick_label(v)}
            for v in range(0, top_value + 1, step)
        ],
        "column_width": _c(column),
        "columns": columns,
        "started_points": points,
        "started_path": " ".join(f"{p['x']},{p['y']}" for p in points),
    }


def scatter_chart(change):
    """Implemented innovations (x) against the change of the SPBE index (y)."""
    if not change or not change["points"]:
        return None
    left, right, top, bottom = 52, 16, 16, 44
    height = 320
    inner_w = WIDTH - left - right
    inner_h = height - top - bottom
    points = change["points"]
    x_top, x_step = count_scale(max(p["implemented"] for p in points), most=10)
    pad = 12  # keeps the points at either end off the frame
    spread = max(abs(float(p["change"])) for p in points)
    y_top = nice_ceiling(spread) if spread > 0 else 0.5

    def px(v):
        return left + pad + (inner_w - 2 * pad) * v / x_top

    def py(v):
        return top + inner_h * (y_top - float(v)) / (2 * y_top)

    x_ticks = [
        {"x": _c(px(value)), "value": _tick_label(value)}
        for value in range(0, x_top + 1, x_step)
    ]
    y_ticks = [
        {"y": _c(py(v)), "value": _tick_label(v)}
        for v in (-y_top, -y_top / 2, 0, y_top / 2, y_top)
    ]
    return {
        "width": str(WIDTH),
        "height": str(height),
        "left": str(left),
        "label_x": str(left - 6),
        "right": str(WIDTH - right),
        "top": str(top),
        "baseline": _c(top + inner_h),
        "zero_y": _c(py(0)),
        "x_label_y": _c(top + inner_h + 16),
        "x_title_x": _c(left + inner_w / 2),
        "x_title_y": _c(height - 6),
        "y_title_x": "14",
        "y_title_y": _c(top + inner_h / 2),
        "x_ticks": x_ticks,
        "y_ticks": y_ticks,
        "points": [
            {"x": _c(px(p["implemented"])), "y": _c(py(p["change"])), **p}
            for p in points
        ],
    }
