"""The account pages of our own (allauth serves login, signup, passwords, 2FA):
"my account", inviting people, accepting an invitation, and security.txt."""

import re
from datetime import UTC, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from allauth.account.models import EmailAddress
from allauth.account.views import LogoutView

from livinglab.regions.models import Region

from . import invitations, policy
from .forms import InvitationForm
from .invitations import InvitationState
from .middleware import has_totp
from .models import Invitation, RegionRole


def _group_label(name):
    """A Wagtail group's name in the page's language. Per-region groups are
    named "<role> <region code>" ("Host publishers 32.11"): the role part is
    translated and the code kept; other names are translated whole."""
    match = re.fullmatch(r"(.+) (\d{2}\.\d{2})", name)
    if match:
        return f"{_(match.group(1))} {match.group(2)}"
    return _(name)


@login_required
def home(request):
    """My account: address, roles, and links to the security settings."""
    user = request.user
    return TemplateResponse(
        request,
        "accounts/home.html",
        {
            "page_title": _("My account"),
            "email_verified": EmailAddress.objects.filter(
                user=user, email__iexact=user.email, verified=True
            ).exists(),
            "region_roles": user.region_roles.select_related("region").order_by(
                "region__code", "role"
            ),
            "groups": [
                _group_label(name)
                for name in user.groups.order_by("name").values_list("name", flat=True)
            ],
            "has_totp": has_totp(user),
            "totp_required": policy.is_privileged(user),
            "may_invite": may_invite(user),
            "sso_enabled": bool(settings.SOCIALACCOUNT_PROVIDERS),
        },
    )


def _invite_candidates(user):
    if not user.is_authenticated:
        return Region.objects.none()
    # DKI Jakarta's administrative units have no PKS of their own (issue 17).
    if user.has_perm("accounts.act_for_every_region"):
        return Region.objects.autonomous().order_by("code")
    return (
        Region.objects.autonomous()
        .filter(pk__in=policy.region_ids(user, RegionRole.Role.COORDINATOR))
        .order_by("code")
    )


def invitable_regions(user):
    """Regions ``user`` may invite people to (``accounts.invite``)."""
    return [r for r in _invite_candidates(user) if user.has_perm("accounts.invite", r)]


def may_invite(user):
    return any(user.has_perm("accounts.invite", r) for r in _invite_candidates(user))


@login_required
@never_cache
def invitation_list(request):
    """Invite someone, and see (and revoke) the invitations one may manage."""
    user = request.user
    regions = invitable_regions(user)
    if not regions:
        raise PermissionDenied
    form = InvitationForm(request.POST or None, user=user, regions=regions)
    if request.method == "POST" and form.is_valid():
        region = form.cleaned_data["region"]
        role = form.cleaned_data["role"]
        if not (
            user.has_perm("accounts.invite", region)
            and user.has_perm(
                "accounts.invite_with_role", RegionRole(region=region, role=role)
            )
        ):
            raise PermissionDenied
        invitation = invitations.create(
            form.cleaned_data["email"], region, role, invited_by=user, request=request
        )
        messages.success(
            request,
            _("Invitation sent to %(email)s. The link is valid for %(days)s days.")
            % {"email": invitation.email, "days": settings.INVITATION_DAYS},
        )
        return redirect("accounts:invitations")
    pending = (
        Invitation.objects.filter(
            region__in=regions,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("region", "invited_by")
        .order_by("-created_at")
    )
    recent = (
        Invitation.objects.filter(region__in=regions)
        .exclude(pk__in=pending.values("pk"))
        .filter(created_at__gte=timezone.now() - timedelta(days=90))
        .select_related("region", "accepted_by")
        .order_by("-created_at")[:50]
    )
    return TemplateResponse(
        request,
        "accounts/invitations.html",
        {
            "page_title": _("Invitations"),
            "form": form,
            "pending": [
                (i, user.has_perm("accounts.invite_with_role", i)) for i in pending
            ],
            "recent": recent,
            "days": settings.INVITATION_DAYS,
        },
    )


@login_required
@require_POST
def invitation_revoke(request, pk):
    invitation = get_object_or_404(Invitation.objects.select_related("region"), pk=pk)
    user = request.user
    if not (
        user.has_perm("accounts.invite", invitation.region)
        and user.has_perm("accounts.invite_with_role", invitation)
    ):
        raise PermissionDenied
    if invitations.revoke(invitation, revoked_by=user, request=request):
        messages.success(
            request,
            _("The invitation for %(email)s is revoked.") % {"email": invitation.email},
        )
    return redirect("accounts:invitations")


UNUSABLE_MESSAGES = {
    InvitationState.UNKNOWN: (
        404,
        gettext_lazy(
            "This invitation link is not valid. Check that you copied the whole link."
        ),
    ),
    InvitationState.EXPIRED: (
        410,
        gettext_lazy(
            "This invitation has expired. Ask the person who invited you for a new one."
        ),
    ),
    InvitationState.REVOKED: (
        410,
        gettext_lazy(
            "This invitation has been withdrawn. Ask the person who invited you "
            "for a new one."
        ),
    ),
    InvitationState.USED: (
        410,
        gettext_lazy(
            "This invitation has already been used. Sign in with your account instead."
        ),
    ),
}


@never_cache
def invitation_accept(request, token):
    """The emailed link. Nothing changes unless the invitation is usable."""
    invitation = invitations.find(token)
    state = invitations.state(invitation)
    if state != InvitationState.USABLE:
        status, message = UNUSABLE_MESSAGES[state]
        return TemplateResponse(
            request,
            "accounts/invitation_invalid.html",
            {"page_title": _("Invitation"), "message": message, "state": state},
            status=status,
        )
    has_account = (
        get_user_model().objects.filter(email__iexact=invitation.email).exists()
    )
    context = {"page_title": _("Invitation"), "invitation": invitation}

    if not has_account:
        if request.user.is_authenticated:
            # Signed in as somebody else: the invitation is not theirs.
            context["wrong_user"] = True
            return TemplateResponse(
                request, "accounts/invitation_accept.html", context, status=403
            )
        invitations.remember(request, invitation)
        return redirect("account_signup")

    if not request.user.is_authenticated:
        invitations.forget(request)
        messages.info(
            request,
            _("You already have an account. Sign in to accept the invitation."),
        )
        return redirect_to_login(request.get_full_path(), reverse("account_login"))

    if not invitations.email_matches(invitation, request.user.email):
        context["wrong_user"] = True
        return TemplateResponse(
            request, "accounts/invitation_accept.html", context, status=403
        )

    if request.method == "POST":
        if invitations.accept(invitation, request.user, request=request):
            messages.success(
                request,
                _("Welcome: you are now %(role)s for %(region)s.")
                % {
                    "role": invitation.get_role_display(),
                    "region": invitation.region.name,
                },
            )
        return redirect("accounts:home")
    return TemplateResponse(request, "accounts/invitation_accept.html", context)


def admin_login(request):
    """The Wagtail admin's own login form would skip two-factor: use allauth's."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("wagtailadmin_home")
    return redirect_to_login(next_url, reverse("account_login"))


class AdminLogoutView(LogoutView):
    """``/admin/logout/``: allauth's sign-out instead of Wagtail's.

    Wagtail's view deletes the session cookie on any request, GET included, so
    a link or an image anywhere could sign a person out. allauth's shows a
    confirmation form on GET (``ACCOUNT_LOGOUT_ON_GET = False``) and signs out
    only on a POST that passes the CSRF check, flushing the server-side session
    (``django.contrib.auth.logout``). Wagtail's menu posts its CSRF-protected
    form to the same address, so it keeps working.
    """


admin_logout = AdminLogoutView.as_view()


@require_GET
def security_txt(request):
    """RFC 9116: who to tell about a vulnerability. Expires a year ahead."""
    expires = (timezone.now() + timedelta(days=365)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: id, en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
