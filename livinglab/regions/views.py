from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wagtail import hooks

from . import charts
from .forms import RegionFilterForm
from .models import SpbePredicate
from .queries import (
    canonical_code,
    current_register_act,
    national_averages,
    regions_with_details,
    spbe_history,
)

PAGE_SIZE = 50

# Higher layers (innovations, adoptions) add sections to a region's page
# through this Wagtail hook, so this register app never imports them
# (docs/ARCHITECTURE.md "Layers"). A hook is ``fn(request, region)`` returning None or a
# dict with ``template`` (rendered with the dict as ``section``) and whatever
# that template reads. Registered in ``livinglab/adoptions/wagtail_hooks.py``.
REGION_PAGE_SECTIONS_HOOK = "region_page_sections"


def region_page_sections(request, region):
    """The sections other apps contribute to ``region``'s page, in hook order."""
    sections = (
        fn(request, region) for fn in hooks.get_hooks(REGION_PAGE_SECTIONS_HOOK)
    )
    return [section for section in sections if section]


def region_list(request):
    form = RegionFilterForm(request.GET or None)
    regions = regions_with_details()
    if form.is_bound and form.is_valid():
        regions = form.filter(regions)
    elif form.is_bound:
        regions = regions.none()
    paginator = Paginator(regions, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "regions/region_list.html",
        {
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
            "page_title": _("Regions"),
            "register_act": current_register_act(),
        },
        # A filter the form refuses is bad input: the page with its error
        # summary, answered 400 like the dashboard's and the map's filters.
        status=400 if form.is_bound and form.errors else 200,
    )


def region_detail(request, code):
    # A name in the address (``kabupaten-garut``, ``Kab. Garut``) leads to
    # the region's own address when it names exactly one region.
    canonical = canonical_code(code, by_name=True)
    if canonical != code:
        return redirect("regions:detail", code=canonical, permanent=True)
    region = get_object_or_404(regions_with_details(), code=canonical)
    predicates = SpbePredicate.table()
    history = spbe_history(region, predicates)
    national = national_averages()
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "participation": getattr(region, "participation", None),
            "history": history,
            "national": national,
            "chart": charts.spbe_line_chart(history, national, predicates),
            "sections": region_page_sections(request, region),
            "page_title": region.name,
        },
    )
