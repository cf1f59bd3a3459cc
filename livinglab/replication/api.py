"""``GET /api/v1/innovations/<slug>/replication-kit/``: the replication kit
as a ZIP (``service`` decides who gets it; docs/REPLICATION.md)."""

from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import (
    NotAuthenticated,
    PermissionDenied,
    ValidationError,
)
from rest_framework.views import APIView

from livinglab.api.schema import ERROR_RESPONSES

from . import service


class ReplicationKit(APIView):
    """The kit of a published case study for the caller's region."""

    throttle_classes = [service.KitThrottle]

    @extend_schema(
        operation_id="innovations_replication_kit_retrieve",
        summary="Replication kit (ZIP)",
        description=(
            "A ZIP for the requesting region: publiccode.yml, README, training "
            "material, the bukti-dukung checklist of the SPBE indicators the case "
            "study lifts (active framework) and DOCX drafts (surat minat "
            "replikasi, PKS, Perbup/Perwal outline, SOP outline) filled with the "
            "region's and the host's names. For a regency team (session, or a "
            "personal token: its region) and administrators; every download is "
            "audited. 404 for a draft, unpublished or restricted case study."
        ),
        parameters=[
            OpenApiParameter(
                "region",
                OpenApiTypes.STR,
                description="Kemendagri code of the requesting region (32.05 or "
                "3205); needed only when the caller acts for several regions.",
                required=False,
            )
        ],
        responses={
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The kit as a ZIP attachment."
            ),
            **{code: ERROR_RESPONSES[code] for code in (400, 401, 403, 404, 429)},
        },
        auth=[{"personalToken": []}, {"cookieAuth": []}],
    )
    def get(self, request, slug):
        page = service.case_study(slug)
        if not request.user.is_authenticated:
            raise NotAuthenticated(
                _(
                    "Log in, or send a personal API token: Authorization: Bearer <token>."
                )
            )
        try:
            region = service.requesting_region(
                request, page, request.query_params.get("region")
            )
        except service.Refused as refused:
            if refused.status == 403:
                raise PermissionDenied(refused.message) from None
            raise ValidationError({"region": [refused.message]}) from None
        return service.download(request, page, region, via="api")
