"""People's pages for their personal API tokens (``/token-api/``).

The token model and its Bearer authentication live in ``livinglab.api``
(model) and ``accounts.api_authentication``; these pages list, create (the
secret shown once) and revoke a person's own tokens."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from livinglab.api.models import ApiToken
from livinglab.base.forms import CleanTextMixin
from livinglab.regions.models import Region

from . import audit
from .policy import require, team_region_ids


def _audit(action, request, subject, **detail):
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
