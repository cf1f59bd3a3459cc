"""Who gets which kit: the checks the API and the page share, the rate limit
and the audited download.

Order of the checks: the case study must be published (``Http404``, the
API's message, for a draft, unpublished or view-restricted page, whoever
asks); then the person must be signed in; then the requesting region is
chosen and the policy asked (``replication.download_kit`` on the region, a
personal API token only for its own region).
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from rest_framework.throttling import UserRateThrottle

from innovations.api import published_with_parts
from livinglab.accounts import audit
from livinglab.accounts.models import AuditEvent
from livinglab.accounts.policy import team_region_ids, token_allows
from livinglab.base import client_address
from livinglab.regions.models import Region
from livinglab.regions.queries import region_or_404

from . import kit

DEFAULT_RATE = "30/hour"


class Refused(Exception):
    """The kit is not given; ``status`` is 400 (choose or change the region)
    or 403 (not allowed), ``message`` says why (translated)."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class KitThrottle(UserRateThrottle):
    """Kits per person (or per address): ``REPLICATION_KIT_RATE`` (default
    30/hour), counted in the shared cache for the API and the page alike."""

    scope = "replication-kit"

    def get_rate(self):
        return getattr(settings, "REPLICATION_KIT_RATE", DEFAULT_RATE)

    def get_ident(self, request):
        return client_address.client_ip(request) or ""


def case_study(slug):
    """The published case study with its parts, or ``Http404``."""
    return published_with_parts(slug)


def offered_regions(user, page) -> list:
    """The regions ``user`` may download ``page``'s kit for without naming
    one: their team regions other than the host, by name."""
    return [
        region
        for region in Region.objects.filter(pk__in=team_region_ids(user))
        .exclude(pk=page.host_region_id)
        .select_related("province")
        .order_by("name")
        if user.has_perm("replication.download_kit", region)
    ]


def requesting_region(request, page, code=None):
    """The region the kit is for: ``code`` when given (any spelling of a
    code; ``Http404`` when no region has it), else the region of the
    request's personal API token, else the person's only team region.
    Raises ``Refused`` (403 without the permission, 400 when a region must
    be named or cannot replicate this case study)."""
    user = request.user
    token = getattr(request, "auth", None)
    if code:
        region = region_or_404(code, Region.objects.select_related("province"))
    elif getattr(token, "region_id", None):
        region = Region.objects.select_related("province").get(pk=token.region_id)
    else:
        offered = offered_regions(user, page)
        if len(offered) == 1:
            region = offered[0]
        elif offered or user.has_perm("replication.download_kit", None):
            raise Refused(
                400,
                _("Name the region the kit is for: ?region=<code>, one of: %(codes)s.")
                % {"codes": ", ".join(r.code for r in offered) or "…"},
            )
        else:
            raise Refused(
                403,
                _(
                    "The replication kit is for regional teams: ask your region's "
                    "coordinator to add you to its team."
                ),
            )
    if not (
        user.has_perm("replication.download_kit", region)
        and token_allows(token, region)
    ):
        raise Refused(
            403,
            _("You may not download a replication kit for %(region)s.")
            % {"region": region.name},
        )
    if region.pk == page.host_region_id:
        raise Refused(
            400,
            _("%(region)s hosts this innovation: its kit is for other regions.")
            % {"region": region.name},
        )
    if region.is_administrative:
        raise Refused(
            400,
            _(
                "%(region)s is an administrative unit of DKI Jakarta: it signs no "
                "cooperation agreement and issues no regulation of its own."
            )
            % {"region": region.name},
        )
    return region


def download(request, page, region, via) -> HttpResponse:
    """Build the kit, write the audit event (action ``export``, what
    ``replication_kit``; ``template_errors`` when an administrator's template
    was set aside for the default) and answer with the ZIP as an
    attachment."""
    built = kit.build(page, region, request)
    extra = {"template_errors": built.errors} if built.errors else {}
    audit.record(
        AuditEvent.Action.EXPORT,
        actor=request.user,
        subject=f"kit-replikasi:{page.slug}",
        request=request,
        what="replication_kit",
        innovation=page.slug,
        region=region.code,
        via=via,
        templates=built.templates,
        **extra,
    )
    response = HttpResponse(built.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{built.file_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
