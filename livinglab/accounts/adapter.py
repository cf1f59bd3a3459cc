"""allauth adapters: signup is closed unless the browser carries an invitation.

``invitations.remember`` puts a valid invitation's token in the session when
its link is followed; only then do the signup forms (local and SSO) open, and
only for the invited address.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from . import invitations


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return invitations.from_session(request) is not None


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
