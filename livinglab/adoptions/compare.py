"""Compare 2-4 case studies side by side (issue 19.2).

``GET /inovasi/banding/?slug=<a>&slug=<b>`` (``compare_page``) shows, per
case study: cost, peers' time to implement and APBD cost (``peers.py``),
maturity, readiness (``innovations/readiness.py``), licences, technology,
the SPBE indicators it is tagged with and, for a signed-in member of a
region's team, the weighted gain for that region (``simulator.simulate``,
i.e. ``gains.Targets``: the one formula) and the peers' medians of regions
like it (same kind, same SPBE band), adopters and their host-confirmed
results. Without ``?slug=`` it compares the visitor's comparison basket.

**The basket** is a list of up to ``MAX_COMPARED`` slugs in the session
(``SESSION_KEY``), changed only by ``POST /inovasi/banding/keranjang/``
(``basket``) with the CSRF token: ``action=add`` or ``remove`` and ``slug``.
The "Add to comparison" buttons (library cards, the case-study page) are
plain forms, so everything works without JavaScript; a basket lives across
pages without building links by hand, and ``?slug=`` keeps a comparison
shareable and printable (the page links to its own ``?slug=`` address).

Bad input never gives a 500 and never tells drafts from unknown slugs:
fewer than ``MIN_COMPARED`` (but at least one) or more than ``MAX_COMPARED``
slugs, or a slug that is not a published case study
(``InnovationPage.objects.published()``: live, no view restriction), is a
400 page saying what to fix and naming the unknown slugs. Nothing chosen at
all (an empty basket, no slug) is a 200 page explaining how to add some.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from innovations.models import InnovationPage
from livinglab.accounts.policy import team_region_ids
from livinglab.base.translation import show_in
from livinglab.regions.models import (
    Region,
    SpbeIndicatorScore,
    SpbePredicate,
    SpbeScore,
)

from .models import IMPLEMENTED, Adoption, AdoptionFigure
from .peers import MIN_REGIONS, NO_BAND, peer_figures
from .simulator import SimulationError, simulate

SESSION_KEY = "compare_basket"
MIN_COMPARED = 2
MAX_COMPARED = 4
MAX_SLUG_LENGTH = 255  # Wagtail's Page.slug
SLUG_RE = re.compile(r"[-\w]+")


def basket_slugs(request):
    """The slugs in the visitor's comparison basket (a list, oldest first;
    anything malformed in the session reads as empty)."""
    value = request.session.get(SESSION_KEY, []) if hasattr(request, "session") else []
    if not isinstance(value, list):
        return []
    return [s for s in value if isinstance(s, str)][:MAX_COMPARED]


def compare_state(request, page):
    """For the case-study page's "Add to comparison" form: whether ``page``
    is in the basket, how many are, and whether it is full (a dict)."""
    slugs = basket_slugs(request)
    return {
        "in_basket": page.slug in slugs,
        "count": len(slugs),
        "full": len(slugs) >= MAX_COMPARED,
        "max": MAX_COMPARED,
    }


@dataclass
class Column:
    """One compared case study and what the table shows of it."""

    page: InnovationPage
    in_basket: bool
    readiness: object
    peers: object  # peers.PeerFigures
    licences: list
    technologies: list
    indicators: list  # SpbeIndicator, by number
    adopters: list = field(default_factory=list)  # Adoption, host left out
    implemented: int = 0
    results: list = field(default_factory=list)  # confirmed AdoptionFigure
    lift: object = None  # simulator.Lift for the visitor's region, or None
    similar: list = field(default_factory=list)  # peers.PeerRow like the visitor's


class ComparisonError(ValueError):
    """The slugs cannot be compared; ``str()`` says why (in the language)."""


def is_slug(value):
    """True when ``value`` can be a Wagtail page slug (letters, digits,
    ``_`` and ``-``, at most MAX_SLUG_LENGTH): anything else (a NUL, which
    PostgreSQL refuses in a query, markup, spaces) is never looked up."""
    return len(value) <= MAX_SLUG_LENGTH and SLUG_RE.fullmatch(value) is not None


def _published(slugs):
    """``{slug: page}`` of the published case studies among ``slugs``."""
    return {
        page.slug: page
        for page in InnovationPage.objects.published()
        .filter(slug__in=[s for s in slugs if is_slug(s)])
        .with_parts()
    }


class NothingChosen(ComparisonError):
    """No slug at all (an empty basket, no ``?slug=``): the page explains how
    to add case studies rather than reporting a problem."""


SHOWN_SLUG_LENGTH = 40


def shown_slug(value):
    """``value`` as the error message may name it: control characters (a
    NUL) dropped, at most SHOWN_SLUG_LENGTH characters ("…" after a cut).
    The template escapes it."""
    value = "".join(ch for ch in value if ch.isprintable())
    if len(value) > SHOWN_SLUG_LENGTH:
        return value[:SHOWN_SLUG_LENGTH] + "…"
    return value or "…"


def pages_to_compare(slugs):
    """The published case studies named by ``slugs`` (a list, in the given
    order, repeats dropped). Raises NothingChosen when there is no slug, and
    ComparisonError when a slug is not a published case study (unknown,
    draft and restricted read the same; each is named, escaped and cut to
    SHOWN_SLUG_LENGTH) or there are fewer than MIN_COMPARED or more than
    MAX_COMPARED."""
    given = [s for s in slugs if s.strip()]
    slugs = list(dict.fromkeys(s.strip() for s in given))
    if not slugs:
        raise NothingChosen(_("No case study chosen yet."))
    pages = _published(slugs)
    problems = []
    missing = [s for s in slugs if s not in pages]
    if missing:
        problems.append(
            ngettext(
                "No published case study has the address %(slugs)s.",
                "No published case study has the addresses %(slugs)s.",
                len(missing),
            )
            % {"slugs": ", ".join(shown_slug(s) for s in missing)}
        )
    if len(slugs) < MIN_COMPARED or len(slugs) > MAX_COMPARED:
        problems.append(
            _(
                "Choose from %(min)s to %(max)s case studies to compare (you chose %(n)s)."
            )
            % {"min": MIN_COMPARED, "max": MAX_COMPARED, "n": len(slugs)}
        )
    if problems:
        raise ComparisonError(" ".join(problems))
    return [pages[s] for s in slugs]


def visitor_region(request):
    """The region whose weighted gain the page shows: one of the signed-in
    visitor's team regions (``?region=<code>`` picks among several, else
    the first by code) whose SPBE levels they may see
    (``regions.view_spbe_levels``); None for anyone else."""
    user = request.user
    if not user.is_authenticated:
        return None
    regions = [
        region
        for region in Region.objects.filter(pk__in=team_region_ids(user)).order_by(
            "code"
        )
        if user.has_perm("regions.view_spbe_levels", region)
    ]
    wanted = request.GET.get("region", "")
    for region in regions:
        if region.code == wanted:
            return region
    return regions[0] if regions else None


def region_gains(region, pages):
    """``(year, {page id: simulator.Lift}, error)``: each case study's own
    weighted gain for ``region`` on its latest year with levels, by the
    simulator's rule (``simulator.simulate``); ``error`` (a str) says why
    there is none."""
    years = SpbeIndicatorScore.objects.filter(region=region).values_list(
        "year", flat=True
    )
    year = max(years, default=None)
    if year is None:
        return None, {}, _("%(region)s has no SPBE levels yet.") % {"region": region}
    try:
        simulation = simulate(region, year, pages)
    except SimulationError as error:
        return year, {}, str(error)
    return year, {lift.innovation.pk: lift for lift in simulation.lifts}, None


def similar_keys(region):
    """The ``peers.PeerRow`` keys of regions like ``region`` ("regions like
    theirs", issue 19): its kind and the SPBE band of its latest official
    index (``band-none`` without one); two queries."""
    score = SpbeScore.objects.filter(region=region).order_by("-year").first()
    band = SpbePredicate.for_index(score.index) if score else None
    return [region.kind, f"band-{band.min_index}" if band else f"band-{NO_BAND}"]


def columns_for(pages, basket=()):
    """A ``Column`` per page (published ``InnovationPage`` objects loaded with
    ``with_parts()``): peers' figures, adopters and confirmed results, in
    four queries for all the pages together."""
    ids = [p.pk for p in pages]
    peers = peer_figures(pages)
    adopters = defaultdict(list)
    for adoption in (
        Adoption.objects.filter(innovation_id__in=ids)
        .select_related("region")
        .order_by("region__name")
    ):
        adopters[adoption.innovation_id].append(adoption)
    results = defaultdict(list)
    for figure in (
        AdoptionFigure.objects.filter(
            adoption__innovation_id__in=ids,
            confirmed_at__isnull=False,
            before__isnull=False,
            after__isnull=False,
        )
        .select_related("adoption__region")
        .order_by("adoption__region__name", "measure")
    ):
        results[figure.adoption.innovation_id].append(figure)
    columns = []
    for page in pages:
        links = list(page.source_code_links.all())
        technologies = {t.name for t in page.technologies.all()}
        for link in links:
            technologies.update(t.name for t in link.technologies.all())
        own = [a for a in adopters[page.pk] if a.region_id != page.host_region_id]
        columns.append(
            Column(
                page=page,
                in_basket=page.slug in basket,
                readiness=page.readiness,
                peers=peers.get(page.pk),
                licences=sorted({link.license for link in links if link.license}),
                technologies=sorted(technologies, key=str.casefold),
                indicators=sorted(page.spbe_indicators.all(), key=lambda i: i.number),
                adopters=own,
                implemented=sum(a.stage in IMPLEMENTED for a in own),
                results=[
                    f
                    for f in results[page.pk]
                    if f.adoption.region_id != page.host_region_id
                ],
            )
        )
    return columns


def _render(request, context, status=200):
    context.setdefault("basket", basket_slugs(request))
    context.setdefault("min_compared", MIN_COMPARED)
    context.setdefault("max_compared", MAX_COMPARED)
    context.setdefault("page_title", _("Compare case studies"))
    return render(request, "adoptions/compare.html", context, status=status)


@require_GET
def compare_page(request):
    """The comparison table for ``?slug=`` (repeated), else for the basket;
    a 400 page with the reason when the slugs cannot be compared."""
    basket = basket_slugs(request)
    slugs = request.GET.getlist("slug") if "slug" in request.GET else basket
    try:
        pages = pages_to_compare(slugs)
    except NothingChosen:
        return _render(request, {"empty": True})
    except ComparisonError as error:
        return _render(request, {"error": str(error)}, status=400)
    # in the reader's language (two queries more, whatever the number)
    pages = show_in(pages)
    columns = columns_for(pages, basket)
    region = visitor_region(request)
    year, lifts, gain_error = (None, {}, None)
    if region is not None:
        year, lifts, gain_error = region_gains(region, pages)
        keys = similar_keys(region)
        for column in columns:
            column.lift = lifts.get(column.page.pk)
            rows = {row.key: row for row in column.peers.rows}
            column.similar = [rows[key] for key in keys if key in rows]
    return _render(
        request,
        {
            "columns": columns,
            "region": region,
            "gain_year": year,
            "gain_error": gain_error,
            "min_regions": MIN_REGIONS,
            "share_query": urlencode([("slug", p.slug) for p in pages]),
        },
    )


def _back(request):
    """Where to go after a basket change: the posted ``next`` when it is an
    address of this site, else the comparison page."""
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("compare")


@require_POST
def basket(request):
    """Add a published case study to the comparison basket or remove one
    (``action`` = ``add`` / ``remove``, ``slug``), then go back. At most
    MAX_COMPARED: adding to a full basket changes nothing and says so. An
    unknown action, or adding a slug that is not a published case study, is
    a 400 page and changes nothing."""
    action = request.POST.get("action", "")
    slug = request.POST.get("slug", "").strip()[:MAX_SLUG_LENGTH]
    slugs = basket_slugs(request)
    if action == "remove":
        if slug in slugs:
            slugs.remove(slug)
            request.session[SESSION_KEY] = slugs
            messages.success(request, _("Removed from the comparison."))
        return redirect(_back(request))
    if action != "add":
        return _render(
            request, {"error": _("Choose to add or to remove a case study.")}, 400
        )
    page = _published([slug]).get(slug) if slug else None
    if page is None:
        return _render(
            request,
            {"error": _("No published case study has this address.")},
            status=400,
        )
    if slug in slugs:
        messages.info(request, _("This case study is already in the comparison."))
    elif len(slugs) >= MAX_COMPARED:
        messages.error(
            request,
            _(
                "The comparison holds at most %(max)s case studies: remove one "
                "before adding another."
            )
            % {"max": MAX_COMPARED},
        )
    else:
        slugs.append(slug)
        request.session[SESSION_KEY] = slugs
        messages.success(
            request,
            _("Added %(title)s to the comparison (%(n)s of %(max)s).")
            % {"title": page.title, "n": len(slugs), "max": MAX_COMPARED},
        )
    return redirect(_back(request))
