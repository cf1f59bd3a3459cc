"""Context for the library and case-study pages (Wagtail serves the pages)."""

from django.core.paginator import Paginator

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


def innovation_context(page, request):
    return {
        "related": _related(page),
        "readiness": page.readiness,
        "show_contacts": request.user.is_authenticated,
    }


def _related(page):
    from search import service as search_service

    return search_service.related(page.pk)
