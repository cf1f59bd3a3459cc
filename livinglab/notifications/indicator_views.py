"""The public page of one SPBE indicator (issue 18.3): what it is, its
aspect and domain, its weight in the active framework (with the framework's
regulation and sources, as docs/SPBE.md cites them), the published case
studies tagged with it (cards), its Atom feed and the follow button.

Only indicators of the framework case studies are tagged with today
(``SpbeIndicator.objects.current()``, docs/SPBE.md "The model"); a number
of another framework answers 404, like the feed and the follow address.
It lives here, not in ``livinglab.taxonomy``, because it lists case studies
(``innovations``), which the taxonomy layer may not import.
"""

from django.shortcuts import get_object_or_404, render

from innovations.models import InnovationPage
from livinglab.base.translation import show_in
from livinglab.taxonomy.models import SpbeIndicator

# A page of cards; the Atom feed and search list more.
CASE_STUDIES_SHOWN = 50


def indicator_page(request, number):
    """``/spbe/indikator/<number>/``: public, GET only (the follow button
    posts to the follow address). 404 for a number not in the active
    framework."""
    indicator = get_object_or_404(
        SpbeIndicator.objects.current().select_related(
            "framework", "aspect", "aspect__domain"
        ),
        number=number,
    )
    pages = (
        InnovationPage.objects.published()
        .filter(spbe_indicators=indicator)
        .select_related("host_region")
        .order_by("title", "pk")
    )
    total = pages.count()
    framework = indicator.framework
    return render(
        request,
        "notifications/indicator_page.html",
        {
            "indicator": indicator,
            "aspect": indicator.aspect,
            "domain": indicator.aspect.domain,
            "framework": framework,
            "weight_unconfirmed": "weight" in (indicator.to_be_confirmed or []),
            # in the reader's language (two queries more at most)
            "case_studies": show_in(pages[:CASE_STUDIES_SHOWN]),
            "total": total,
            "more": total > CASE_STUDIES_SHOWN,
        },
    )
