"""Sections this app contributes to pages of lower layers.

The home page (``livinglab.base``) and the region page (``livinglab.regions``)
cannot import case studies or adoptions (STYLE.md "Layers"); they ask the
Wagtail hooks ``home_page_sections`` and ``region_page_sections``, which
``wagtail_hooks.py`` here registers with the functions below. Each returns a
dict with the ``template`` to include and what it reads, or None to add
nothing. Only published case studies (``InnovationPage.objects.published()``)
ever appear.
"""

from django.db.models import Count, Q

from innovations.models import InnovationPage

from .models import REPLICATING, Adoption

HOME_LIST_SIZE = 6


def region_innovations(request, region):
    """The case studies ``region`` hosts and those it has taken up (every
    adoption, with its stage), each a published page; two queries."""
    hosted = list(
        InnovationPage.objects.published().filter(host_region=region).order_by("title")
    )
    replicated = list(
        Adoption.objects.filter(
            region=region, innovation__in=InnovationPage.objects.published()
        )
        .select_related("innovation__host_region")
        .order_by("innovation__title")
    )
    return {
        "template": "adoptions/includes/region_innovations.html",
        "hosted": hosted,
        "replicated": replicated,
    }


def latest_case_studies(request, limit=HOME_LIST_SIZE):
    """The most recently first-published case studies (one query)."""
    return list(
        InnovationPage.objects.published()
        .select_related("host_region")
        .order_by("-first_published_at", "title")[:limit]
    )


def most_replicated_case_studies(request, limit=HOME_LIST_SIZE):
    """Published case studies with the most regions at a replicating stage
    (technology transfer or later, ``models.REPLICATING``), each annotated
    with ``replications``; those with none are left out (one query)."""
    return list(
        InnovationPage.objects.published()
        .select_related("host_region")
        .annotate(
            replications=Count("adoptions", filter=Q(adoptions__stage__in=REPLICATING))
        )
        .filter(replications__gt=0)
        .order_by("-replications", "title")[:limit]
    )


def home_case_studies(request):
    """The home page's "latest" and "most replicated" lists."""
    return {
        "template": "adoptions/includes/home_case_studies.html",
        "latest": latest_case_studies(request),
        "most_replicated": most_replicated_case_studies(request),
    }
