"""Context for the library and case-study pages (Wagtail serves the pages)."""

from django.core.paginator import Paginator
from django.db.models import Count, Q

from .forms import InnovationFilterForm
from .models import InnovationPage

PAGE_SIZE = 12


def live_innovations():
    return (
        InnovationPage.objects.live()
        .public()
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


def related_innovations(page, limit=3):
    """Live case studies sharing the most tags with ``page``.

    A database stand-in for the search engine's more_like_this: it needs no
    index and is good enough for a library of hundreds.
    """
    dimension_ids = list(page.dimensions.values_list("pk", flat=True))
    indicator_ids = list(page.spbe_indicators.values_list("pk", flat=True))
    theme_ids = list(page.themes.values_list("pk", flat=True))
    return (
        live_innovations()
        .exclude(pk=page.pk)
        .annotate(
            shared=Count(
                "dimensions", filter=Q(dimensions__in=dimension_ids), distinct=True
            )
            + Count(
                "spbe_indicators",
                filter=Q(spbe_indicators__in=indicator_ids),
                distinct=True,
            )
            + Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
        )
        .filter(shared__gt=0)
        .order_by("-shared", "title")[:limit]
    )


def innovation_context(page, request):
    return {
        "related": related_innovations(page),
        "readiness": page.readiness,
        "show_contacts": request.user.is_authenticated,
    }
