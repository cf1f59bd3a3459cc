"""Shared pieces of the OpenAPI description (drf-spectacular)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, inline_serializer
from rest_framework import serializers

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


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "livinglab.api.authentication.BearerTokenAuthentication"
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
        "score": serializers.FloatField(allow_null=True),
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
