"""Adoption records in the API.

Reads are public without personal data; the region's team, its hosts and
analysts also see contact details and event notes. Writes (register interest,
record a step with evidence) are for the region's team, by session or by a
personal API token scoped to the region; they run the same forms and
``pipeline`` rules as the workspace, and are rate limited.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import APIException, NotAuthenticated, PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from innovations.models import InnovationPage
from livinglab.accounts import policy
from livinglab.accounts.policy import token_allows
from livinglab.api.language import (
    LANGUAGE_HELP,
    LANGUAGE_SCHEMA,
    CaseStudyLanguageMixin,
    CaseStudyListSerializer,
    content_language,
)
from livinglab.api.schema import (
    ADOPTIONS_EXAMPLE,
    ERROR_RESPONSES,
    EVENT_EXAMPLE,
    example,
)
from livinglab.api.throttling import WriteThrottle
from livinglab.base.errors import field_messages
from livinglab.regions.queries import region_or_404

from . import pipeline
from .forms import ApiStepForm, InterestForm
from .models import Adoption, AdoptionEvidence, StageEvent


class AdoptionSerializer(CaseStudyLanguageMixin, serializers.ModelSerializer):
    """An adoption; ``innovation_title`` is in the caller's language where the
    case study has a live translation, ``innovation_language`` says which
    (``livinglab/api/language.py``)."""

    case_study_source = "innovation"

    region = serializers.CharField(source="region.code")
    innovation = serializers.CharField(source="innovation.slug")
    innovation_title = serializers.CharField(source="innovation.title")
    innovation_language = serializers.SerializerMethodField(help_text=LANGUAGE_HELP)
    host_region = serializers.CharField(
        source="innovation.host_region.code", allow_null=True
    )
    stage_label = serializers.CharField(source="get_stage_display")

    class Meta:
        model = Adoption
        list_serializer_class = CaseStudyListSerializer
        fields = [
            "id",
            "region",
            "innovation",
            "innovation_title",
            "innovation_language",
            "host_region",
            "stage",
            "stage_label",
            "version",
            "started_on",
            "last_event_on",
            "responsible_opd",
            "target_date",
            "interest_acknowledged_at",
            "agreement_confirmed_at",
            "transfer_confirmed_at",
        ]

    @extend_schema_field(LANGUAGE_SCHEMA)
    def get_innovation_language(self, adoption):
        return content_language(adoption.innovation)


class AdoptionWithContactSerializer(AdoptionSerializer):
    class Meta(AdoptionSerializer.Meta):
        fields = [*AdoptionSerializer.Meta.fields, "contact_name", "contact_email"]


class EvidenceSerializer(serializers.ModelSerializer):
    link = serializers.SerializerMethodField(
        help_text="The https:// address, or the protected download of the file "
        "(only those who may see the adoption get it)."
    )
    indicators = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="number"
    )

    class Meta:
        model = AdoptionEvidence
        fields = ["title", "year", "link", "indicators", "verification_status"]

    def get_link(self, evidence) -> str:
        request = self.context.get("request")
        if evidence.file_id and request is not None:
            return request.build_absolute_uri(evidence.file.url)
        return evidence.link


class StageEventSerializer(serializers.ModelSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = StageEvent
        fields = ["id", "from_stage", "to_stage", "date", "note", "evidence"]


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _region_or_404(code):
    return region_or_404(code)


def _authorize(request, perm, obj):
    """The policy module decides; a token also has to be for this region."""
    if not request.user.is_authenticated:
        raise NotAuthenticated(
            _("Log in, or send a personal API token: Authorization: Bearer <token>.")
        )
    if not (request.user.has_perm(perm, obj) and token_allows(request.auth, obj)):
        raise PermissionDenied(
            _("You may not change the records of %(region)s.")
            % {"region": getattr(obj, "region", obj)}
        )


def _object_data(request):
    """The request body as a mapping; a JSON list, string or number is refused."""
    from collections.abc import Mapping

    if not isinstance(request.data, Mapping):
        raise ApiValidationError(
            {"non_field_errors": [_("Send a JSON object (or a form) with the fields.")]}
        )
    return request.data


def _form_errors(form):
    return {
        name if name != "__all__" else "non_field_errors": [str(e) for e in errors]
        for name, errors in form.errors.items()
    }


def _validation(exc):
    return ApiValidationError(
        {
            (name or "non_field_errors"): messages
            for name, messages in field_messages(exc).items()
        }
    )


INTEREST_EXAMPLE = {
    "innovation": "tte-sumedang",
    "date": "2026-11-20",
    "responsible_opd": "Diskominfo",
    "note": "Surat minat replikasi dikirim.",
}
STEP_EXAMPLE = {
    "to_stage": "pelatihan",
    "date": "2026-11-20",
    "note": "Bimtek operator selesai.",
    "version": 3,
    "evidence_title": "Daftar hadir bimtek",
    "evidence_url": "https://dokumen.garutkab.go.id/bimtek.pdf",
    "evidence_indicators": [15, 25],
}


class RegionAdoptionList(generics.ListCreateAPIView):
    """A region's adoptions with their stages (GET, public), or register the
    region's interest in an innovation (POST, the region's team)."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    throttle_classes = [WriteThrottle]

    def get_queryset(self):
        self.region = _region_or_404(self.kwargs["code"])
        adoptions = Adoption.objects.filter(region=self.region)
        if not policy.allows(self.request, "adoptions.view_records", self.region):
            # the public sees adoptions of published case studies only
            adoptions = adoptions.filter(
                innovation__in=InnovationPage.objects.published().values("pk")
            )
        return adoptions.select_related(
            "region", "innovation", "innovation__host_region"
        ).order_by("innovation__title", "pk")

    def get_serializer_class(self):
        region = getattr(self, "region", None)
        if region is not None and policy.allows(
            self.request, "adoptions.view_records", region
        ):
            return AdoptionWithContactSerializer
        return AdoptionSerializer

    @extend_schema(
        parameters=[OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH)],
        responses={200: AdoptionSerializer(many=True), **ERROR_RESPONSES},
        examples=[ADOPTIONS_EXAMPLE],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=inline_serializer(
            "RegisterInterest",
            {
                "innovation": serializers.SlugField(),
                "date": serializers.DateField(),
                "responsible_opd": serializers.CharField(required=False),
                "contact_name": serializers.CharField(required=False),
                "contact_email": serializers.EmailField(required=False),
                "target_date": serializers.DateField(required=False),
                "letter_of_intent": serializers.FileField(required=False),
                "note": serializers.CharField(required=False),
                "acknowledge_overlap": serializers.BooleanField(
                    required=False,
                    help_text=(
                        "Required (true) when the innovation overlaps a national "
                        "application (Perpres 82/2023): the warning was read."
                    ),
                ),
            },
        ),
        responses={201: AdoptionSerializer, **ERROR_RESPONSES},
        examples=[OpenApiExample("Register interest", value=INTEREST_EXAMPLE)],
    )
    def post(self, request, code):
        region = _region_or_404(code)
        _authorize(request, "adoptions.record_step", region)
        form = InterestForm(_object_data(request), request.FILES, region=region)
        if not form.is_valid():
            raise ApiValidationError(_form_errors(form))
        try:
            with transaction.atomic():
                adoption = form.start(request.user)
                body = AdoptionWithContactSerializer(adoption).data  # before the commit
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(body, status=status.HTTP_201_CREATED)


class AdoptionEventList(generics.ListCreateAPIView):
    """An adoption's history (GET: its team, hosts, analysts), or record a
    step with optional evidence (POST: the region's team; multipart for a
    file). Send the ``version`` you read to be refused, instead of applied
    blind, if someone else recorded a step meanwhile."""

    serializer_class = StageEventSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    throttle_classes = [WriteThrottle]

    def get_adoption(self):
        return get_object_or_404(
            Adoption.objects.select_related("region", "innovation"),
            pk=self.kwargs["pk"],
        )

    def get_queryset(self):
        adoption = self.get_adoption()
        _authorize(self.request, "adoptions.view_records", adoption)
        return adoption.events.prefetch_related(
            "evidence__indicators", "evidence__file"
        ).order_by("date", "created_at", "pk")

    @extend_schema(
        responses={200: StageEventSerializer(many=True), **ERROR_RESPONSES},
        examples=[
            example(
                "History",
                {
                    "count": 1,
                    "next": None,
                    "previous": None,
                    "results": [EVENT_EXAMPLE],
                },
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=inline_serializer(
            "RecordStep",
            {
                "to_stage": serializers.ChoiceField(
                    choices=[s.value for s in pipeline.Stage]
                ),
                "date": serializers.DateField(),
                "note": serializers.CharField(required=False),
                "version": serializers.IntegerField(required=False),
                "evidence_title": serializers.CharField(required=False),
                "evidence_file": serializers.FileField(required=False),
                "evidence_url": serializers.URLField(required=False),
                "evidence_indicators": serializers.ListField(
                    child=serializers.IntegerField(min_value=1),
                    required=False,
                ),
            },
        ),
        responses={201: StageEventSerializer, **ERROR_RESPONSES},
        examples=[
            OpenApiExample(
                "Record training with evidence", value=STEP_EXAMPLE, request_only=True
            ),
            example("Recorded", EVENT_EXAMPLE, status=201),
        ],
    )
    def post(self, request, pk):
        adoption = self.get_adoption()
        _authorize(request, "adoptions.record_step", adoption)
        form = ApiStepForm(_object_data(request), request.FILES, adoption=adoption)
        if not form.is_valid():
            raise ApiValidationError(_form_errors(form))
        try:
            with transaction.atomic():
                event = form.record(adoption, request.user)
                # Serialised before the commit: if the database went away
                # after it, the client would get a 503 for a saved step.
                body = StageEventSerializer(event).data
        except pipeline.StaleAdoption as exc:
            raise Conflict(exc.messages[0]) from None
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(body, status=status.HTTP_201_CREATED)
