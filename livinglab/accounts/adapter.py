"""allauth adapters: signup is closed unless the browser carries an invitation.

``invitations.remember`` puts a valid invitation's token in the session when
its link is followed; only then do the signup forms (local and SSO) open, and
only for the invited address.
"""

from django.core.exceptions import PermissionDenied

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from livinglab.base import client_address

from . import invitations


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return invitations.from_session(request) is not None

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
