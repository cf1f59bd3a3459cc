"""allauth adapters: signup is closed unless the browser carries an invitation.

``invitations.remember`` puts a valid invitation's token in the session when
its link is followed; only then do the signup forms (local and SSO) open, and
only for the invited address.
"""

import time

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from livinglab.base import client_address

from . import invitations, policy
from .middleware import NEXT_SESSION_KEY, lacks_required_totp


def signed_in_recently(request):
    """Whether the person signed in (password, SSO or a second factor) in this
    session less than ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` seconds (allauth's,
    300 by default) ago, by allauth's own record of the session's
    authentications. False without a request or a signed-in user."""
    user = getattr(request, "user", None)
    if request is None or not getattr(user, "is_authenticated", False):
        return False
    records = get_authentication_records(request, user)
    if not records:
        return False
    at = max(record.get("at", 0) for record in records)
    return time.time() - at < account_settings.REAUTHENTICATION_TIMEOUT


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return invitations.from_session(request) is not None

    def is_reauthentication_required(self, *, app, **kwargs):
        """A fresh sign-in counts as a recent authentication (issue 16,
        defect 8): allauth would otherwise ask for the password just typed
        before the two-factor enrolment a privileged role is sent to. Only
        for the two-factor pages (``allauth.mfa``): e-mail and password
        changes ask as allauth always does. A sign-in is the same check of
        the same credentials as a re-authentication, so the window is
        allauth's own after one (``ACCOUNT_REAUTHENTICATION_TIMEOUT``); after
        it, allauth asks again.
        """
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = self.request or context.request
        if required and app == "allauth.mfa" and signed_in_recently(request):
            return False
        return required

    def get_login_redirect_url(self, request):
        """Where a sign-in without an explicit ``next`` lands: a regency team
        member in the workspace (``/adopsi/``, which opens their region),
        everyone else on ``LOGIN_REDIRECT_URL`` (my account)."""
        if policy.team_region_ids(request.user):
            return reverse("adoptions:workspace")
        return super().get_login_redirect_url(request)

    def post_login(self, request, user, **kwargs):
        """After sign-in, a role that needs two-factor and has none goes
        straight to the TOTP set-up, with the page it was going to (``next``
        or the default landing) as ``?next=`` and in the session, where the
        recovery-codes page shown after activation offers it
        (``templates/mfa/recovery_codes/index.html``)."""
        response = super().post_login(request, user, **kwargs)
        if not isinstance(response, HttpResponseRedirect):
            return response
        if not lacks_required_totp(user):
            return response
        activate = reverse("mfa_activate_totp")
        wanted = response.url
        if wanted.split("?")[0] == activate or not url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}
        ):
            return HttpResponseRedirect(activate)
        request.session[NEXT_SESSION_KEY] = wanted
        messages.warning(
            request,
            _(
                "Your role needs two-factor authentication. Activate an "
                "authenticator app to continue."
            ),
        )
        return HttpResponseRedirect(f"{activate}?{urlencode({'next': wanted})}")

    def _get_login_attempts_cache_key(self, request, **credentials):
        """The "key" of the ``login_failed`` rate limit: the account *and* the
        client address (allauth uses the account alone).

        Failed sign-ins then lock an account only for the address they came
        from: an outsider cannot lock a known account, and the owner signs in
        from their own address meanwhile. Password reset clears the key for the
        address the reset came from. The per-address cap stays in the
        ``/ip`` rates of ``ACCOUNT_RATE_LIMITS`` (docs/ACCOUNTS.md).
        tests/accounts/test_lockout.py fails if allauth stops calling this.
        """
        from allauth.core.internal.ratelimit import get_ip

        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{get_ip(request)}"

    def get_client_ip(self, request):
        """The address allauth's rate limits count against: the same one the
        audit log records (``livinglab.base.client_address``)."""
        ip = client_address.client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        invitation = invitations.from_session(request)
        if invitation is None:
            return False
        # The identity provider must vouch for the invited address itself.
        emails = [a.email for a in sociallogin.email_addresses if a.verified]
        if sociallogin.user is not None and sociallogin.user.email:
            emails.append(sociallogin.user.email)
        return any(invitations.email_matches(invitation, e) for e in emails)
