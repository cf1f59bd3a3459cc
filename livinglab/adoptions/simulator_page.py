"""The what-if simulator as a page for a region's team
(``/adopsi/wilayah/<code>/spbe/simulasi/``): a plain GET form, so it works
without JavaScript. The arithmetic is ``simulator.simulate``; who may use it
is ``regions.view_spbe_levels`` (livinglab/accounts/policy.py), as for the
API. The recommended case studies are offered first, then every other
published case study tagged with an SPBE indicator. ``?sort=gain`` (default)
or ``?sort=per_rupiah`` orders the case studies (``simulator.rank``)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innovations.models import InnovationPage
from livinglab.base.translation import show_in
from livinglab.regions.models import SpbeIndicatorScore

from .recommendations import recommend
from .simulator import (
    MAX_INNOVATIONS,
    SORT_BY_COST,
    SORT_BY_GAIN,
    SimulationError,
    _predicate,
    simulate,
)
from .spbe_api import region_for_spbe


def _years(region):
    """Years with indicator levels for the region, newest first."""
    return sorted(
        set(
            SpbeIndicatorScore.objects.filter(region=region).values_list(
                "year", flat=True
            )
        ),
        reverse=True,
    )


def simulator_page(request, code):
    """Choose up to MAX_INNOVATIONS case studies and a year; see the current
    and projected SPBE index with their predicates and each case study's
    gain. Bad input gets a message on the page, never a 500."""
    region = region_for_spbe(code)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("regions.view_spbe_levels", region):
        raise PermissionDenied(
            _("You may not see the SPBE levels of %(region)s.") % {"region": region}
        )
    years = _years(region)
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isdecimal() and raw_year.isascii() else None
    if year not in years:
        year = years[0] if years else None
    sort = request.GET.get("sort")
    sort = sort if sort in (SORT_BY_GAIN, SORT_BY_COST) else SORT_BY_GAIN
    chosen = list(dict.fromkeys(request.GET.getlist("innovations")))
    recommended = [r.innovation for r in recommend(region, limit=MAX_INNOVATIONS)]
    others = list(
        InnovationPage.objects.published()
        .running()
        .filter(spbe_indicators__isnull=False)
        .exclude(pk__in=[p.pk for p in recommended])
        .exclude(host_region=region)
        .distinct()
        .order_by("title")
    )
    # the case studies offered, in the reader's language (two queries more)
    show_in([*recommended, *others])
    errors, result = [], None
    if "innovations" in request.GET or "year" in request.GET:
        pages = {
            p.slug: p
            for p in InnovationPage.objects.published()
            .filter(slug__in=chosen)
            .prefetch_related("spbe_indicators")
        }
        show_in(pages.values())
        chosen = [slug for slug in chosen if slug in pages]
        stopped = [slug for slug in chosen if pages[slug].is_stopped]
        if stopped:
            errors.append(
                _(
                    "These case studies were stopped by their host and are not "
                    "simulated: %(titles)s."
                )
                % {"titles": ", ".join(pages[s].title for s in stopped)}
            )
            chosen = [slug for slug in chosen if slug not in stopped]
        if not chosen and not stopped:
            errors.append(_("Choose at least one case study."))
        elif len(chosen) > MAX_INNOVATIONS:
            errors.append(
                ngettext(
                    "Choose at most %(n)s case study.",
                    "Choose at most %(n)s case studies.",
                    MAX_INNOVATIONS,
                )
                % {"n": MAX_INNOVATIONS}
            )
        if year is None:
            errors.append(_("%(region)s has no SPBE levels yet.") % {"region": region})
        if not errors:
            try:
                result = simulate(region, year, [pages[s] for s in chosen], sort)
            except SimulationError as error:
                errors.append(str(error))
    return render(
        request,
        "adoptions/simulator.html",
        {
            "region": region,
            "years": years,
            "year": year,
            "chosen": chosen,
            "recommended": recommended,
            "others": others,
            "errors": errors,
            "result": result,
            "current_predicate": result
            and _predicate(result.framework, result.current_index),
            "projected_predicate": result
            and _predicate(result.framework, result.projected_index),
            "max_innovations": MAX_INNOVATIONS,
            "sort": sort,
            "sorts": [
                (SORT_BY_GAIN, _("by weighted index gain")),
                (SORT_BY_COST, _("by gain per rupiah (unknown cost last)")),
            ],
            "page_title": f"{_('SPBE simulator')} · {region.name}",
        },
    )
