"""The Kemendagri adoption dashboard and its exports (analysts, admins).

Access goes through ``livinglab.accounts.policy.require``: anonymous
visitors are sent to log in, others without the permission get 403. The
filters are a GET form, so the page and every link on it work without
JavaScript; the export links carry the same filters.
"""

from decimal import Decimal

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from livinglab.accounts import audit
from livinglab.accounts.policy import require

from .. import exports
from ..models import IMPLEMENTED, Stage
from . import charts, figures
from .filters import AdoptionFilterForm, DashboardForm


def _querystring(params, drop=()):
    query = params.copy()
    for key in drop:
        query.pop(key, None)
    return query.urlencode()


def spbe_texts(change):
    """Write each SPBE point's figures as text, the index figures in the
    active language's decimal notation (``implemented_text``,
    ``index_from_text``, ``index_to_text``, ``change_text``,
    ``expected_text``; two decimals, a sign on gains, "–" for none),
    for the scatter's tooltips and the table (514 rows at the national scale:
    one replace per value is cheaper than the template's ``localize``). Text,
    not HTML: the dashboard template draws the points and rows."""
    if not change:
        return
    separator = get_format("DECIMAL_SEPARATOR")
    for point in change["points"]:
        point["implemented_text"] = str(point["implemented"])
        for key in ("index_from", "index_to", "change", "expected"):
            value = point.get(key)
            text = "–" if value is None else f"{Decimal(value):.2f}"
            if key in ("change", "expected") and value is not None and value > 0:
                text = f"+{text}"
            point[f"{key}_text"] = text.replace(".", separator)


@require("adoptions.view_dashboard")
def dashboard_page(request):
    years = figures.spbe_years()
    form = DashboardForm(request.GET, years=years)
    context = {
        "form": form,
        "page_title": _("Adoption dashboard"),
        "legend": list(figures.stage_cells().values()),
    }
    if not form.is_valid():
        return render(request, "adoptions/dashboard.html", context, status=400)
    filters = form.filters()
    stalled_days = form.stalled_days_value()
    today = timezone.localdate()

    by_region = figures.adoption_counts(filters)
    counts = figures.stage_counts(by_region)
    funnel = figures.funnel(counts)
    matrix = figures.matrix(
        filters, request.GET.get("rows"), request.GET.get("cols"), by_region
    )
    for innovation in matrix["columns"]:
        innovation.link = innovation.get_url(request)
    series = figures.monthly(filters, today=today)
    provinces = figures.provinces(filters, by_region)
    stalled_page = Paginator(
        figures.stalled(filters, stalled_days, today), figures.STALLED_PER_PAGE
    ).get_page(request.GET.get("stalled_page"))
    stalled_page.object_list = figures.stalled_rows(stalled_page.object_list)
    for row in stalled_page.object_list:
        row["days"] = (today - row["last_event_on"]).days
        row["stage_label"] = Stage(row["stage"]).label
    year_from, year_to = form.cleaned_data["spbe_years"]
    change = figures.spbe_change(filters, year_from, year_to, by_region)
    spbe_texts(change)
    scatter = charts.scatter_chart(change)
    context.update(
        {
            "filters": filters,
            "export_query": _querystring(
                request.GET,
                drop=("rows", "cols", "stalled_page", "spbe_from", "spbe_to"),
            ),
            "rows_query": _querystring(request.GET, drop=("rows",)),
            "cols_query": _querystring(request.GET, drop=("cols",)),
            "stalled_query": _querystring(request.GET, drop=("stalled_page",)),
            "totals": {
                "regions": matrix["rows_page"].paginator.count,
                "innovations": matrix["columns_page"].paginator.count,
                "adoptions": funnel["total"],
                "regions_adopting": len(by_region),
                "implemented": sum(counts[s] for s in IMPLEMENTED),
                "stalled": stalled_page.paginator.count,
                "stopped": filters.innovations()
                .filter(stopped_on__isnull=False)
                .count(),
            },
            "matrix": matrix,
            "funnel": funnel,
            "funnel_chart": charts.funnel_chart(funnel),
            "series": series,
            "monthly_chart": charts.monthly_chart(series),
            "provinces": provinces,
            "stalled_days": stalled_days,
            "stalled_page": stalled_page,
            "change": change,
            "scatter_chart": scatter,
        }
    )
    return render(request, "adoptions/dashboard.html", context)


def _export(request, table, fmt):
    form = AdoptionFilterForm(request.GET)
    if not form.is_valid():
        messages = "; ".join(
            f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
        )
        return HttpResponseBadRequest(
            _("The filters are not valid: %(messages)s") % {"messages": messages},
            content_type="text/plain; charset=utf-8",
        )
    filters = form.filters()
    if table == "matrix":
        response, rows = exports.matrix_export(filters, fmt)
    else:
        response, rows = exports.events_export(filters, fmt)
    audit.record(
        "export",
        actor=request.user,
        subject=f"adoptions:{table}.{fmt}",
        request=request,
        table=table,
        format=fmt,
        filters=filters.as_params(),
        rows=rows,
    )
    return response


@require("adoptions.export")
def export_matrix(request, fmt):
    return _export(request, "matrix", fmt)


@require("adoptions.export")
def export_events(request, fmt):
    return _export(request, "events", fmt)
