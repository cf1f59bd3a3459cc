"""Shared pieces of the OpenAPI description (drf-spectacular)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    inline_serializer,
)
from rest_framework import serializers

from .language import CONTENT_LANGUAGES

ErrorSerializer = inline_serializer(
    "Error",
    {
        "error": inline_serializer(
            "ErrorBody",
            {
                "status": serializers.IntegerField(),
                "message": serializers.CharField(),
                "detail": serializers.JSONField(allow_null=True),
            },
        )
    },
)

_example = OpenApiExample(
    "Error",
    value={
        "error": {
            "status": 400,
            "message": "date: Tanggal tidak boleh di masa depan.",
            "detail": {"date": ["Tanggal tidak boleh di masa depan."]},
        }
    },
    response_only=True,
)

ERROR_RESPONSES = {
    code: OpenApiResponse(ErrorSerializer, description=text, examples=[_example])
    for code, text in (
        (400, "Invalid input: the message says what to change."),
        (401, "Not logged in and no valid token."),
        (403, "Not allowed for this region or role."),
        (404, "No such record."),
        (409, "Changed by someone else meanwhile."),
        (429, "Too many requests: wait and try again."),
    )
}


def only_public_api(endpoints, **kwargs):
    """Describe our versioned API only (not the Wagtail admin's internal one)."""
    return [e for e in endpoints if e[0].startswith("/api/v1/")]


# Reads that are not public: the view's own check (``_authorize``) refuses
# anonymous callers even on GET. Everything else the API reads is open data.
PRIVATE_READ_OPERATIONS = frozenset(
    {"adoptions_events_list", "regions_spbe_simulate_retrieve"}
)


#: ``?lang=``: read by ``livinglab.api.middleware.ApiLanguageMiddleware``
#: for every address under /api/, so every operation lists it.
LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=["id", "en"],
    description=(
        "Language of the response: case studies' text (title, summary, "
        "problem, solution, ...) in English where a published English "
        "translation exists, each case study saying its text's language in "
        "`language` (or `innovation_language`); messages in that language. "
        "Without it, the Accept-Language header decides; without both, "
        "Indonesian (id). Any other value: 400."
    ),
)


class AutoSchema(SpectacularAutoSchema):
    """Our OpenAPI operations: public reads carry no security requirement.

    Every view allows anonymous callers at the DRF level (``AllowAny``) and
    decides inside, so drf-spectacular listed the token on every operation and
    Swagger UI drew a padlock on open-data reads. A safe-method operation is
    public (``security: []``) unless its operation id is in
    ``PRIVATE_READ_OPERATIONS``; writes keep the token requirement. An
    explicit ``@extend_schema(auth=...)`` still wins (it overrides
    ``get_auth``).
    """

    def get_override_parameters(self):
        """Every operation takes ``lang`` (``ApiLanguageMiddleware``)."""
        return [*super().get_override_parameters(), LANG_PARAMETER]

    def _get_response_bodies(self, direction="response"):
        """Every operation may answer 400 (an unknown ``lang``): it is listed
        where the view's own responses do not list it."""
        responses = super()._get_response_bodies(direction)
        if "400" not in responses:
            responses["400"] = self._get_response_for_code(
                ERROR_RESPONSES[400], "400", direction=direction
            )
        return responses

    def get_auth(self):
        if self.method in ("GET", "HEAD", "OPTIONS") and (
            self.get_operation_id() not in PRIVATE_READ_OPERATIONS
        ):
            return []
        return super().get_auth()


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "livinglab.accounts.api_authentication.BearerTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token (ll_...) from the “API tokens” page: scoped "
                "to one region, revocable, shown once."
            ),
        }


SearchResultItem = inline_serializer(
    "SearchResultItem",
    {
        "slug": serializers.CharField(),
        "title": serializers.CharField(),
        "title_highlight": serializers.CharField(),
        "summary": serializers.CharField(),
        "highlight": serializers.CharField(
            help_text="HTML-escaped excerpt with <mark> around matched words."
        ),
        "url": serializers.CharField(),
        "host_region": serializers.CharField(),
        "host_region_name": serializers.CharField(),
        "province": serializers.CharField(),
        "year_launched": serializers.IntegerField(allow_null=True),
        "replication_count": serializers.IntegerField(),
        "stopped_on": serializers.DateField(
            allow_null=True,
            help_text="When the host stopped running it (Dihentikan), or null.",
        ),
        "score": serializers.FloatField(allow_null=True),
        "language": serializers.ChoiceField(
            choices=CONTENT_LANGUAGES,
            help_text="The language of this result's title and summary: "
            "en where the case study has a live English translation and "
            "the request is in English, else id.",
        ),
    },
)

FacetValue = inline_serializer(
    "FacetValue",
    {
        "value": serializers.CharField(),
        "count": serializers.IntegerField(),
        "selected": serializers.BooleanField(),
    },
)

SearchResponse = inline_serializer(
    "SearchResponse",
    {
        "count": serializers.IntegerField(),
        "page": serializers.IntegerField(),
        "pages": serializers.IntegerField(),
        "results": SearchResultItem.__class__(many=True),
        "facets": serializers.DictField(child=FacetValue.__class__(many=True)),
        "backend": serializers.ChoiceField(choices=["elasticsearch", "database"]),
        "suggestion": serializers.CharField(allow_null=True),
        "corrected": serializers.CharField(
            allow_null=True,
            help_text="The query with its typos corrected, when results include corrections.",
        ),
        "partial": serializers.BooleanField(
            help_text="True when no result matched enough of the words and these match some.",
        ),
        "approximate": serializers.BooleanField(
            help_text="True when count is an estimate (the database fallback ranks a bounded set of candidates).",
        ),
        "approximate_facets": serializers.BooleanField(
            help_text="True when the facet counts are estimates for the same reason.",
        ),
        "notices": serializers.ListField(child=serializers.CharField()),
        "error": serializers.CharField(allow_null=True),
    },
)

SuggestResponse = inline_serializer(
    "SuggestResponse",
    {
        "suggestions": serializers.ListField(
            child=serializers.DictField(),
            help_text="Each has at least slug, title and url.",
        )
    },
)

_term = inline_serializer(
    "Term", {"name": serializers.CharField(), "name_en": serializers.CharField()}
)
_indicator = inline_serializer(
    "SpbeIndicatorTerm",
    {
        "number": serializers.IntegerField(),
        "name": serializers.CharField(),
        "name_en": serializers.CharField(),
    },
)
TaxonomyResponse = inline_serializer(
    "Taxonomies",
    {
        "dimensions": _term.__class__(many=True),
        "spm_sectors": _term.__class__(many=True),
        "themes": _term.__class__(many=True),
        "technologies": serializers.ListField(child=serializers.CharField()),
        "spbe": inline_serializer(
            "SpbeDomainTerm",
            {
                "number": serializers.IntegerField(),
                "name": serializers.CharField(),
                "name_en": serializers.CharField(),
                "weight": serializers.FloatField(allow_null=True),
                "aspects": inline_serializer(
                    "SpbeAspectTerm",
                    {
                        "number": serializers.IntegerField(),
                        "name": serializers.CharField(),
                        "name_en": serializers.CharField(),
                        "indicators": _indicator.__class__(many=True),
                    },
                    many=True,
                ),
            },
            many=True,
        ),
    },
)


def example(name, value, status=200):
    """A response example for the human docs at /api/docs/."""
    return OpenApiExample(name, value=value, response_only=True, status_codes=[status])


SEARCH_EXAMPLE = example(
    "Tanda tangan elektronik",
    {
        "count": 1,
        "page": 1,
        "pages": 1,
        "results": [
            {
                "slug": "tte-sumedang",
                "title": "Tanda Tangan Elektronik Terintegrasi",
                "title_highlight": "<mark>Tanda Tangan Elektronik</mark> Terintegrasi",
                "summary": "Penerapan tanda tangan elektronik (TTE) tersertifikasi…",
                "highlight": "Penerapan <mark>tanda tangan elektronik</mark> (TTE)…",
                "url": "https://livinglab.example.go.id/inovasi/tte-sumedang/",
                "host_region": "32.11",
                "host_region_name": "Kabupaten Sumedang",
                "province": "Jawa Barat",
                "year_launched": 2019,
                "replication_count": 3,
                "score": 12.4,
            }
        ],
        "facets": {
            "dimension": [{"value": "Smart Governance", "count": 1, "selected": False}]
        },
        "backend": "elasticsearch",
        "suggestion": None,
        "corrected": None,
        "partial": False,
        "approximate": False,
        "approximate_facets": False,
        "notices": [],
        "error": None,
    },
)
REGION_EXAMPLE = example(
    "Kabupaten Sumedang",
    {
        "code": "32.11",
        "name": "Kabupaten Sumedang",
        "kind": "kabupaten",
        "province": {"code": "32", "name": "Jawa Barat"},
        "participation": {
            "cohort": "top_spbe",
            "cohort_label": "SPBE terbaik",
            "is_host": True,
            "joined_on": "2024-02-20",
            "demonstration": True,
        },
        "spbe": [{"year": 2024, "index": 4.21, "predicate": "Memuaskan"}],
        "url": "https://livinglab.example.go.id/wilayah/32.11/",
    },
)
ADOPTIONS_EXAMPLE = example(
    "Adoptions of Kabupaten Garut",
    {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": 123,
                "region": "32.05",
                "innovation": "tte-sumedang",
                "innovation_title": "Tanda Tangan Elektronik Terintegrasi",
                "innovation_language": "id",
                "host_region": "32.11",
                "stage": "pelatihan",
                "stage_label": "Pelatihan",
                "version": 4,
                "started_on": "2025-02-03",
                "last_event_on": "2026-11-20",
                "responsible_opd": "Diskominfo",
                "target_date": None,
                "interest_acknowledged_at": "2025-02-05T09:00:00+07:00",
                "agreement_confirmed_at": None,
                "transfer_confirmed_at": None,
            }
        ],
    },
)
EVENT_EXAMPLE = {
    "id": 991,
    "from_stage": "alih_teknologi",
    "to_stage": "pelatihan",
    "date": "2026-11-20",
    "note": "Bimtek operator selesai.",
    "evidence": [
        {
            "title": "Daftar hadir bimtek",
            "year": 2026,
            "link": "https://dokumen.garutkab.go.id/bimtek.pdf",
            "indicators": [15, 25],
            "verification_status": "unverified",
        }
    ],
}
