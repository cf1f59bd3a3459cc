"""The national adoption dashboard's figures (Kemendagri analysts).

Every figure reads one filtered set, ``dashboard.filters.Filters``: the
pilot's participating regions (``Participation`` rows, narrowed by province
and cohort) and the live case studies (narrowed by Smart City dimension and
theme), and the adoptions joining the two. The matrix, the funnel, the monthly series, the
province summary, the stalled list, the SPBE correlation, the exports and
the public summary API all start from it, so their numbers agree.

Each function here costs a fixed number of aggregate or ``values()``
queries, however many regions, innovations or events match: nothing is
queried per cell, per region or per month (tests/adoptions/
test_dashboard_queries.py holds the page to one bound).
"""

import statistics
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone

from innovations.models import InnovationPage
from livinglab.base.translation import show_in
from livinglab.regions.models import SpbeScore

from ..models import IMPLEMENTED, PIPELINE, REPLICATING, STAGE_RANK, Adoption, Stage
from ..simulator import expected_gains

# Live in operation or institutionalised: what "implemented" counts.
# A stalled adoption still has a step to take: neither stopped nor at the end.
NOT_STALLABLE = [Stage.STOPPED, Stage.INSTITUTIONALISED]
REGIONS_PER_PAGE = 70  # the 62 pilot regions fit on one page
INNOVATIONS_PER_PAGE = 20
STALLED_PER_PAGE = 50
MONTHS_SHOWN = 36


def stage_number(stage):
    """1-8 along the pipeline; None for a stopped adoption."""
    rank = STAGE_RANK.get(stage)
    return None if rank is None else rank + 1


def stage_cells():
    """What a matrix cell shows per stage: its code (the colour), a mark
    (the number along the pipeline, × when stopped) and its name (read by
    screen readers, printed on paper). One dict per stage, shared by cells.
    The mark and name are plain strings in the active language, resolved once
    here rather than once per cell when the matrix template draws them."""
    return {
        stage.value: {
            "stage": stage.value,
            "mark": str(stage_number(stage) or "×"),
            "label": str(stage.label),
        }
        for stage in Stage
    }


# Figures -------------------------------------------------------------------


def adoption_counts(filters):
    """``{region_id: {stage: n}}`` over the filtered adoptions (one query, at
    most regions x 9 rows). The stage totals, the province summary and the
    matrix rows' totals are sums over it, so one scan of the adoptions feeds
    all three."""
    by_region = defaultdict(dict)
    for region_id, stage, n in (
        filters.adoptions()
        .order_by()
        .values_list("region_id", "stage")
        .annotate(n=Count("pk"))
    ):
        by_region[region_id][stage] = n
    return by_region


def stage_counts(by_region):
    """``{stage: count}`` for every stage, zeros included."""
    counts = dict.fromkeys(Stage.values, 0)
    for stages in by_region.values():
        for stage, n in stages.items():
            counts[stage] += n
    return counts


def funnel(counts):
    """Pipeline rows: now at each stage, and at it or further (now).

    A step back moves an adoption down again, so "at this stage or further"
    describes today's state, not every stage ever reached. Stopped adoptions
    are counted apart.
    """
    rows, further = [], 0
    for stage in reversed(PIPELINE):
        further += counts.get(stage, 0)
        rows.append(
            {
                "stage": stage.value,
                "label": stage.label,
                "number": stage_number(stage),
                "count": counts.get(stage, 0),
                "at_or_beyond": further,
            }
        )
    rows.reverse()
    return {
        "rows": rows,
        "stopped": counts.get(Stage.STOPPED, 0),
        "total": sum(counts.values()),
    }


def monthly(filters, today=None, months=MONTHS_SHOWN):
    """Events and new adoptions per month over the last ``months`` months,
    from the first month with an event, gaps filled with zeros (one query).

    The database groups by day (at most ~1,100 rows for three years) and the
    months are summed here: cheaper than truncating 100,000 dates in SQL.
    """
    today = today or timezone.localdate()
    last = (today.year, today.month)
    window = _add_months(last, -(months - 1))
    rows = (
        filters.events()
        .filter(date__gte=date(window[0], window[1], 1))
        .order_by()
        .values("date")
        .annotate(events=Count("pk"), started=Count("pk", filter=Q(from_stage="")))
    )
    by_month = {}
    for row in rows:
        key = (row["date"].year, row["date"].month)
        bucket = by_month.setdefault(key, {"events": 0, "started": 0})
        bucket["events"] += row["events"]
        bucket["started"] += row["started"]
    if not by_month:
        return []
    series, current = [], min(by_month)
    while current <= last:
        bucket = by_month.get(current, {})
        series.append(
            {
                "month": date(current[0], current[1], 1),
                "events": bucket.get("events", 0),
                "started": bucket.get("started", 0),
            }
        )
        current = _add_months(current, 1)
    return series


def _add_months(year_month, n):
    year, month = year_month
    index = year * 12 + (month - 1) + n
    return (index // 12, index % 12 + 1)


def provinces(filters, by_region):
    """Per province: pilot regions, adoptions, regions adopting, implemented,
    stopped and the average stage number (1-8) of the adoptions still going
    (one query for the regions; the counts come from ``adoption_counts``)."""
    table = {}
    for region_id, code, name in (
        filters.regions()
        .order_by("province__code")
        .values_list("pk", "province__code", "province__name")
    ):
        row = table.setdefault(
            code,
            {
                "code": code,
                "name": name,
                "regions": 0,
                "adoptions": 0,
                "regions_adopting": 0,
                "implemented": 0,
                "stopped": 0,
                "average_stage": None,
                "_going": 0,
                "_stage_sum": 0,
            },
        )
        row["regions"] += 1
        stages = by_region.get(region_id, {})
        if stages:
            row["regions_adopting"] += 1
        for stage, n in stages.items():
            row["adoptions"] += n
            if stage in IMPLEMENTED:
                row["implemented"] += n
            if stage == Stage.STOPPED:
                row["stopped"] += n
            else:
                row["_going"] += n
                row["_stage_sum"] += n * stage_number(stage)
    for row in table.values():
        going, stage_sum = row.pop("_going"), row.pop("_stage_sum")
        if going:
            row["average_stage"] = stage_sum / going
    return list(table.values())


def stalled(filters, days, today=None):
    """Adoptions with a step still to take and no event for ``days`` days,
    longest-waiting first. A plain queryset (cheap to count); take a page's
    rows with ``stalled_rows``."""
    today = today or timezone.localdate()
    return (
        filters.adoptions()
        .exclude(stage__in=NOT_STALLABLE)
        .filter(last_event_on__lte=today - timedelta(days=days))
        .order_by("last_event_on", "region__code", "innovation__title")
    )


def stalled_rows(queryset):
    return list(
        queryset.values(
            "pk",
            "stage",
            "last_event_on",
            "region__code",
            "region__name",
            "innovation__title",
        )
    )


def summary(filters, stalled_days, today=None):
    """The figures of the public summary API (five queries)."""
    by_region = adoption_counts(filters)
    counts = stage_counts(by_region)
    return {
        "by_stage": counts,
        "adoptions": sum(counts.values()),
        "implemented": sum(counts[s] for s in IMPLEMENTED),
        "replicating": sum(counts[s] for s in REPLICATING),
        "regions": filters.regions().count(),
        "regions_adopting": sum(1 for stages in by_region.values() if stages),
        "innovations": filters.innovations().count(),
        "innovations_stopped": filters.innovations()
        .filter(stopped_on__isnull=False)
        .count(),
        "stalled": {
            "days": stalled_days,
            "count": stalled(filters, stalled_days, today).count(),
        },
    }


# The matrix ----------------------------------------------------------------


def matrix_regions(filters):
    """The matrix rows: pilot regions by code."""
    return (
        filters.regions().select_related("province", "participation").order_by("code")
    )


def matrix_columns(filters):
    """The matrix columns: ``[(innovation id, title, adoptions)]`` of every
    live innovation within the filters, the most adopted first (two queries:
    one count per innovation, one list of ids and titles, sorted here rather
    than by a correlated count per page in SQL)."""
    counts = dict(
        filters.adoptions()
        .order_by()
        .values("innovation_id")
        .annotate(n=Count("pk"))
        .values_list("innovation_id", "n")
    )
    columns = [
        (pk, title, counts.get(pk, 0))
        for pk, title in filters.innovations().order_by().values_list("pk", "title")
    ]
    columns.sort(key=lambda c: (-c[2], c[1], c[0]))
    return columns


def matrix(filters, region_page=1, innovation_page=1, by_region=None):
    """One page of regions (rows) by one page of innovations (columns).

    Six queries whatever the size: regions (count, page), innovations
    (counts, ids and titles, the page's pages) and the cells; the rows'
    totals come from ``adoption_counts``. The columns' case studies are
    shown in the reader's language (``base.translation.show_in``: two
    queries more on an English page, none on an Indonesian one).
    """
    if by_region is None:
        by_region = adoption_counts(filters)
    rows_page = Paginator(matrix_regions(filters), REGIONS_PER_PAGE).get_page(
        region_page
    )
    columns_page = Paginator(matrix_columns(filters), INNOVATIONS_PER_PAGE).get_page(
        innovation_page
    )
    region_list = list(rows_page.object_list)
    column_ids = [pk for pk, _title, _n in columns_page.object_list]
    pages = InnovationPage.objects.in_bulk(column_ids) if column_ids else {}
    innovation_list = []
    for pk, _title, n in columns_page.object_list:
        page = pages[pk]
        page.adoption_count = n
        innovation_list.append(page)
    show_in(innovation_list)
    cells = {}
    if region_list and column_ids:
        cells = {
            (region_id, innovation_id): stage
            for region_id, innovation_id, stage in Adoption.objects.filter(
                region_id__in=[r.pk for r in region_list],
                innovation_id__in=column_ids,
            ).values_list("region_id", "innovation_id", "stage")
        }
    kinds = stage_cells()
    rows = []
    for region in region_list:
        stages = by_region.get(region.pk, {})
        region.adoption_count = sum(stages.values())
        region.implemented_count = sum(stages.get(s, 0) for s in IMPLEMENTED)
        rows.append(
            {
                "region": region,
                "cells": [kinds.get(cells.get((region.pk, pk))) for pk in column_ids],
            }
        )
    return {
        "rows": rows,
        "columns": innovation_list,
        "rows_page": rows_page,
        "columns_page": columns_page,
    }


# SPBE ----------------------------------------------------------------------


def spbe_years():
    return list(
        SpbeScore.objects.order_by("year").values_list("year", flat=True).distinct()
    )


def correlation(xs, ys):
    """Pearson's r, or None when it is undefined (fewer than three points or
    no variation on an axis)."""
    if len(xs) < 3:
        return None
    try:
        return statistics.correlation([float(x) for x in xs], [float(y) for y in ys])
    except statistics.StatisticsError:
        return None


def spbe_change(filters, year_from, year_to, by_region=None):
    """Per region with an index in both years: the change of its SPBE index
    against the number of innovations it has implemented (within the
    filters), and Pearson's r over them. The index of a region-year is the
    one computed from its indicator levels with the framework's weights
    where it has every level (``SpbeScore.objects.with_computed_index``),
    else the published one. Beside the observed change, ``expected``: the
    weighted gain the simulator expects on the ``year_from`` levels from the
    case studies the region implemented (``simulator.expected_gains``; None
    where the region lacks a level). One query for the indices, one for the
    implemented case studies, four for the expected gains; the implemented
    counts come from ``adoption_counts``."""
    if year_from is None or year_to is None:
        return None
    if by_region is None:
        by_region = adoption_counts(filters)
    scores = {}
    for region_id, code, name, year, index, computed in (
        SpbeScore.objects.filter(
            region__in=filters.regions(), year__in=[year_from, year_to]
        )
        .with_computed_index()
        .order_by()
        .values_list(
            "region_id",
            "region__code",
            "region__name",
            "year",
            "index",
            "computed_index",
        )
    ):
        entry = scores.setdefault(region_id, {"code": code, "name": name})
        entry[year] = computed if computed is not None else index
    implemented = {
        region_id: sum(stages.get(s, 0) for s in IMPLEMENTED)
        for region_id, stages in by_region.items()
    }
    both = [r for r, entry in scores.items() if year_from in entry and year_to in entry]
    pages_by_region = defaultdict(list)
    for adoption in (
        filters.adoptions()
        .filter(region_id__in=both, stage__in=IMPLEMENTED)
        .select_related("innovation")
        .prefetch_related("innovation__spbe_indicators")
    ):
        pages_by_region[adoption.region_id].append(adoption.innovation)
    expected = expected_gains(year_from, pages_by_region)
    points = []
    for region_id in both:
        entry = scores[region_id]
        points.append(
            {
                "code": entry["code"],
                "name": entry["name"],
                "implemented": implemented.get(region_id, 0),
                "index_from": entry[year_from],
                "index_to": entry[year_to],
                "change": entry[year_to] - entry[year_from],
                "expected": expected.get(region_id)
                if region_id in pages_by_region
                else Decimal("0.00"),
            }
        )
    points.sort(key=lambda p: (-p["implemented"], -p["change"], p["code"]))
    r = correlation([p["implemented"] for p in points], [p["change"] for p in points])
    return {
        "year_from": year_from,
        "year_to": year_to,
        "points": points,
        "n": len(points),
        "r": r,
    }
