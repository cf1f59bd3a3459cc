"""People's pages for personal API tokens, and JSON for unknown API paths."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from livinglab.accounts.policy import require, team_region_ids
from livinglab.base.forms import CleanTextMixin
from livinglab.regions.models import Region

from .models import ApiToken


def _audit(action, request, subject, **detail):
    from livinglab.accounts import audit

    audit.record(action, actor=request.user, subject=subject, request=request, **detail)


class TokenForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region"),
        queryset=Region.objects.none(),
        to_field_name="code",
        empty_label=None,
    )
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), min_value=1, max_value=365, initial=180
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(
            pk__in=team_region_ids(user)
        ).order_by("code")


@never_cache
@require("adoptions.use_workspace")
def tokens(request):
    """List, create (shown once) and revoke one's personal API tokens."""
    form = TokenForm(request.POST or None, user=request.user)
    raw = None
    if request.method == "POST" and form.is_valid():
        region = form.cleaned_data["region"]
        if request.user.has_perm("adoptions.record_step", region):
            with transaction.atomic():
                token, raw = ApiToken.issue(
                    user=request.user,
                    region=region,
                    name=form.cleaned_data["name"],
                    days=form.cleaned_data["days"],
                )
                _audit("token_created", request, token.prefix, region=region.code)
            form = TokenForm(user=request.user)
    listed = ApiToken.objects.filter(user=request.user).select_related("region")
    return render(
        request,
        "api/tokens.html",
        {"form": form, "raw": raw, "tokens": listed, "now": timezone.now()},
    )


@require_POST
@require("adoptions.use_workspace")
def revoke_token(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    with transaction.atomic():
        token.revoke()
        _audit("token_revoked", request, token.prefix, region=token.region.code)
    messages.success(
        request, _("The token was revoked. Systems using it stop working now.")
    )
    return redirect("api-tokens")


def not_found(request, exception=None):
    """404 for the whole site: JSON in our error shape under /api/."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "error": {
                    "status": 404,
                    "message": _(
                        "There is no such API address. The endpoints are listed at /api/docs/."
                    ),
                    "detail": None,
                }
            },
            status=404,
        )
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "error": {
                    "status": 500,
                    "message": _(
                        "Something went wrong on our side; it has been logged."
                    ),
                    "detail": None,
                }
            },
            status=500,
        )
    from django.views.defaults import server_error as html_server_error

    return html_server_error(request)


@csrf_exempt
def unknown_endpoint(request, rest=""):
    """Any method on an unknown /api/ address: JSON 404, never a page."""
    return not_found(request)


def csrf_failure(request, reason=""):
    """CSRF refusals: JSON in our error shape under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "error": {
                    "status": 403,
                    "message": _(
                        "The request was refused (CSRF). Programs should send a "
                        "personal API token: Authorization: Bearer <token>."
                    ),
                    "detail": None,
                }
            },
            status=403,
        )
    from django.views.csrf import csrf_failure as default_failure

    return default_failure(request, reason=reason)
