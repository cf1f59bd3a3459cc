"""Context for the library and case-study pages (Wagtail serves the pages)."""

from django.core.paginator import Paginator

from .forms import InnovationFilterForm
from .models import InnovationPage

PAGE_SIZE = 12


def live_innovations():
    """The published case studies with what a library card shows."""
    return (
        InnovationPage.objects.published()
        .select_related("host_region__province")
        .prefetch_related(
            "dimensions",
            "themes",
            "source_code_links",
            "training_materials",
            "evidence",
        )
    )


def index_context(index_page, request):
    form = InnovationFilterForm(request.GET or None)
    pages = (
        live_innovations()
        .descendant_of(index_page)
        .order_by("-first_published_at", "title")
    )
    if form.is_bound:
        pages = form.filter(pages) if form.is_valid() else pages.none()
    paginator = Paginator(pages, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"form": form, "page_obj": page, "querystring": query.urlencode()}


def innovation_context(page, request):
    from livinglab.accounts.policy import team_region_ids
    from livinglab.adoptions.models import Adoption
    from livinglab.regions.models import Region

    adoptions = list(
        Adoption.objects.filter(innovation=page)
        .select_related("region__province")
        .order_by("region__code")
    )
    taken = {a.region_id for a in adoptions}
    # A regency team may register its region's interest from the case study.
    interest_regions = [
        region
        for region in Region.objects.filter(pk__in=team_region_ids(request.user))
        if region.pk not in taken
        and region.pk != page.host_region_id
        and request.user.has_perm("adoptions.record_step", region)
    ]
    return {
        "related": _related(page),
        "readiness": page.readiness,
        "readiness_hints": request.user.has_perm(
            "innovations.see_readiness_hints", page
        ),
        "show_contacts": request.user.has_perm("accounts.view_contact_data"),
        "adoptions": adoptions,
        "interest_regions": interest_regions,
    }


def _related(page):
    from search import service as search_service

    return search_service.related(page.pk)
