"""Sections this app contributes to pages of lower layers.

The home page (``livinglab.base``), the region page (``livinglab.regions``)
and the case-study page (``innovations``) cannot import adoptions (docs/ARCHITECTURE.md
"Layers"); they ask the Wagtail hooks ``home_page_sections``,
``region_page_sections`` and ``innovation_page_context``, which
``wagtail_hooks.py`` here registers with the functions below. Each returns a
dict with the ``template`` to include and what it reads, or None to add
nothing. Only published case studies (``InnovationPage.objects.published()``)
ever appear, each once and shown in the reader's language
(``livinglab.base.translation.show_in``: at most two more queries a list).
"""

from django.db.models import Count, Q

from innovations.models import InnovationPage
from livinglab.accounts.policy import team_region_ids
from livinglab.base.translation import show_in
from livinglab.regions.models import Region

from .compare import compare_state
from .models import REPLICATING, Adoption, AdoptionFigure
from .peers import MIN_REGIONS, peers_for

HOME_LIST_SIZE = 6


def region_innovations(request, region):
    """The case studies ``region`` hosts and those it has taken up (every
    adoption, with its stage), each a published page shown in the reader's
    language; four queries at most."""
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
    show_in([*hosted, *(adoption.innovation for adoption in replicated)])
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
    """The home page's "latest" and "most replicated" lists, shown in the
    reader's language (two queries more, for both lists together)."""
    latest = latest_case_studies(request)
    most_replicated = most_replicated_case_studies(request)
    show_in([*latest, *most_replicated])
    return {
        "template": "adoptions/includes/home_case_studies.html",
        "latest": latest,
        "most_replicated": most_replicated,
    }


def case_study_adoptions(page, request):
    """For the case-study page: every adoption of ``page`` (region and stage)
    and the regions the user may register interest for (their team's regions
    that have no adoption yet, are not the host, and where they may record
    steps).

    Adoptions come by their latest recorded step, the most recent first (then
    the earliest interest, then region code): a visitor weighing the
    innovation sees first the regions working on it now, and a record that
    has been quiet for years sinks, whenever its interest was registered."""
    adoptions = list(
        Adoption.objects.filter(innovation=page)
        .select_related("region__province")
        .order_by("-last_event_on", "started_on", "region__code")
    )
    taken = {a.region_id for a in adoptions}
    interest_regions = [
        region
        for region in Region.objects.filter(pk__in=team_region_ids(request.user))
        if region.pk not in taken
        and region.pk != page.host_region_id
        and request.user.has_perm("adoptions.record_step", region)
    ]
    return {
        "adoptions": adoptions,
        "replication_results": replication_results(page),
        "replicating_count": sum(a.stage in REPLICATING for a in adoptions),
        "interest_regions": interest_regions,
        **peers_and_comparison(page, request),
    }


def peers_and_comparison(page, request):
    """``peers`` (``peers_section``) and ``comparison`` (the "Add to
    comparison" form's state, ``compare.compare_state``), both None on a page
    the public cannot see (a draft preview, a restricted page): neither its
    figures nor the comparison may show it."""
    peers = peers_section(page)
    if peers is None:
        return {"peers": None, "comparison": None}
    return {"peers": peers, "comparison": compare_state(request, page)}


def peers_section(page):
    """Peers' real cost and time (``peers.py``) for the case-study page: the
    template to include and its figures, or None for an unpublished page."""
    figures = peers_for(page)
    if figures is None:
        return None
    return {
        "template": "adoptions/includes/peers_section.html",
        "figures": figures,
        "min_regions": MIN_REGIONS,
    }


def replication_results(page):
    """The before/after figures of the regions replicating ``page`` that its
    host confirmed (issue 18.6, "results in replicating regions"): a list of
    ``AdoptionFigure`` with ``adoption.region`` loaded, by region name then
    measure, the host region's own adoption left out; one query."""
    return list(
        AdoptionFigure.objects.filter(
            adoption__innovation=page,
            confirmed_at__isnull=False,
            before__isnull=False,
            after__isnull=False,
        )
        .exclude(adoption__region_id=page.host_region_id)
        .select_related("adoption__region")
        .order_by("adoption__region__name", "measure")
    )
