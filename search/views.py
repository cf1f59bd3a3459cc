from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from innovations.search import FACETS
from livinglab.api.schema import (
    ERROR_RESPONSES,
    SEARCH_EXAMPLE,
    SearchResponse,
    SuggestResponse,
    example,
)
from livinglab.base.translation import reader_language

from . import service, vocabulary
from .facets import with_labels
from .query import SearchQuery

# searches offered on a page that found nothing (Indonesian, as the case
# studies are written)
EXAMPLES = [
    "tanda tangan elektronik",
    "antrean puskesmas",
    "pengaduan masyarakat",
    "DTSEN",
    "perizinan",
    "stunting",
]
TOPIC_FACETS = ("theme", "dimension")


def popular_topics(size=8):
    """The most common themes and dimensions of the live case studies, as
    ``[{"name", "value", "count"}]``: ways on from a page that found nothing.
    Read from the database (search/db_backend.py), whichever engine answers."""
    from django.core.cache import cache

    from . import db_backend

    def compute():
        _ids, counts = db_backend.filter_pages({})
        topics = [
            {"name": name, "value": item["value"], "count": item["count"]}
            for name in TOPIC_FACETS
            for item in counts.get(name, [])
        ]
        topics.sort(key=lambda t: (-t["count"], t["value"]))
        return topics

    # Every facet over every case study: computed once per ten minutes in
    # the shared cache, not on each search that finds nothing.
    return cache.get_or_set("search:popular-topics", compute, 600)[:size]


@require_GET
def search_page(request):
    """The public search: a plain GET form, so it works without JavaScript.

    On ``/en/cari/`` the query is English (``SearchQuery.language``): the
    English text of translated case studies and, through the glossary, the
    Indonesian text of the others; each result card carries ``text_lang``
    ("id") when its title and summary are not in the page's language."""
    language = reader_language(request)
    query = SearchQuery.from_params(request.GET, language=language)
    result = (
        service.search(query)
        if (query.q or query.filters or "page" in request.GET)
        else None
    )
    if result is not None:
        query = result.query  # as answered: dropped filters and notices included
        for item in result.results:
            item["text_lang"] = "" if item["language"] == language else item["language"]
    if result is not None and query.q and query.page == 1:
        vocabulary.record_query(query.q, result.count)
    # result links count their click (result_click): "" links straight
    click = vocabulary.click_token(query.q) if result and result.results else ""
    params = request.GET.copy()
    params.pop("page", None)
    facets = []
    if result:
        for name, label in FACETS.items():
            if result.facets.get(name):
                facets.append(
                    {
                        "name": name,
                        "label": label,
                        "values": with_labels(result.facets[name], name),
                    }
                )
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "result": result,
            "facets": facets,
            "topics": with_labels(popular_topics())
            if result is not None and not result.count
            else [],
            "examples": EXAMPLES,
            "english": (get_language() or "").startswith("en"),
            "querystring": params.urlencode(),
            "click": click,
            "sorts": [
                ("relevance", _("Relevance")),
                ("newest", _("Newest")),
                ("replicated", _("Most replicated")),
            ],
            "page_title": _("Search"),
        },
    )


@require_GET
def result_click(request, slug):
    """A result link of the search page: count the click on the search the
    signed ``s`` names (vocabulary.record_click: one UPDATE, no personal
    data, nothing if ``s`` is missing, forged or expired), then 302 to the
    case study. The address comes from our own SearchDocument (live, public
    case studies only) and must be a path on this site: no open redirect.
    An unknown slug is a 404. Works without JavaScript."""
    from django.conf import settings
    from django.http import Http404, HttpResponseRedirect
    from django.urls import translate_url
    from django.utils import translation
    from django.utils.cache import add_never_cache_headers
    from django.utils.http import url_has_allowed_host_and_scheme

    from .models import SearchDocument

    url = (
        SearchDocument.objects.filter(slug=slug)
        .order_by("page_id")
        .values_list("url", flat=True)
        .first()
    )
    if not url or not (
        url.startswith("/")
        and url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    ):
        raise Http404
    vocabulary.record_click(request.GET.get("s", ""))
    # the case study in the language of the search (/en/cari/ -> /en/inovasi/);
    # stored URLs are the default language's, so read them in it
    language = get_language()
    with translation.override(settings.LANGUAGE_CODE):
        url = translate_url(url, language)
    response = HttpResponseRedirect(url)
    add_never_cache_headers(response)  # each click must reach us
    return response


@extend_schema(
    parameters=[
        OpenApiParameter("q", str, description="Words, as people type them."),
        OpenApiParameter(
            "sort",
            str,
            required=False,
            description="relevance (default), newest or replicated; anything else "
            "sorts by relevance with a notice",
        ),
        OpenApiParameter("page", int, required=False),
        *[
            OpenApiParameter(
                name, str, many=True, required=False, description=str(label)
            )
            for name, label in FACETS.items()
        ],
    ],
    responses={200: SearchResponse, **ERROR_RESPONSES},
    examples=[SEARCH_EXAMPLE],
)
@api_view(["GET"])
def search_api(request):
    """``GET /api/v1/search/?q=&<facet>=&sort=relevance|newest|replicated&page=``

    In the caller's language (``?lang=`` or ``Accept-Language``,
    livinglab/api/middleware.py): an English query is matched as on
    ``/en/cari/`` and each result says its ``language``."""
    query = SearchQuery.from_params(
        request.query_params, language=reader_language(request)
    )
    result = service.search(query)
    return Response(result.as_json())


@extend_schema(
    parameters=[OpenApiParameter("q", str)],
    responses={200: SuggestResponse, 400: ERROR_RESPONSES[400]},
    examples=[
        example(
            "Autocomplete",
            {
                "suggestions": [
                    {
                        "slug": "tte-sumedang",
                        "title": "Tanda Tangan Elektronik Terintegrasi",
                        "url": "/inovasi/tte-sumedang/",
                    }
                ]
            },
        )
    ],
)
@api_view(["GET"])
def suggest_api(request):
    """Autocomplete for the search box (progressive enhancement)."""
    items = service.autocomplete(request.query_params.get("q", ""))
    return Response({"suggestions": items})
