"""Context for the library and case-study pages (their ``get_context``;
Wagtail serves the pages)."""

from django.core.paginator import Paginator

from wagtail import hooks

from livinglab.base.translation import reader_language, show_in

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
    # the cards in the reader's language (issue 20): three queries a page
    page.object_list = show_in(page.object_list, reader_language(request))
    query = request.GET.copy()
    query.pop("page", None)
    return {"form": form, "page_obj": page, "querystring": query.urlencode()}


INNOVATION_PAGE_CONTEXT_HOOK = "innovation_page_context"


def _page_parts(page, request):
    """The page's SPBE indicators, stated levels (with their indicator) and
    bukti dukung (with their indicators) as lists, read once each: the
    template shows the indicators three times and each level's and
    evidence's indicators, which were a query per row. A preview keeps the
    unsaved parts in memory, so it reads them as they are."""
    if getattr(request, "is_preview", False) or page.pk is None:
        return {
            "spbe_indicators": list(page.spbe_indicators.all()),
            "spbe_levels": list(page.spbe_levels.all()),
            "evidence_items": list(page.evidence.all()),
        }
    return {
        "spbe_indicators": list(page.spbe_indicators.all()),
        "spbe_levels": list(page.spbe_levels.select_related("indicator")),
        "evidence_items": list(page.evidence.prefetch_related("indicators")),
    }


def innovation_context(page, request):
    """What the case-study page shows beyond its fields: the readiness
    checklist and whether its hints are shown, whether contacts are shown,
    and what the layers above add through the Wagtail hook
    ``innovation_page_context`` (adoptions: the adopting regions and the
    interest form; search: related case studies). Each hook function takes
    ``(page, request)`` and returns a dict merged into the context."""
    context = {
        **_page_parts(page, request),
        "readiness": page.readiness,
        "readiness_hints": request.user.has_perm(
            "innovations.see_readiness_hints", page
        ),
        "show_contacts": request.user.has_perm("accounts.view_contact_data"),
    }
    for fn in hooks.get_hooks(INNOVATION_PAGE_CONTEXT_HOOK):
        context.update(fn(page, request) or {})
    return context
