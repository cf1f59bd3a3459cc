"""``Authorization: Bearer ll_…``: personal API tokens (see models.ApiToken).

DRF authenticates inside the view, after the middleware, so the two-factor
rule for privileged accounts (``accounts.middleware.lacks_required_totp``)
is applied here too: every API view uses this class (the settings' default;
none overrides it), so a token of a privileged owner without an authenticator
is refused with 403 on every endpoint, reads included.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rest_framework import authentication, exceptions

from livinglab.api.models import ApiToken

from .middleware import API_ENROLMENT_MESSAGE, lacks_required_totp


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as “Authorization: Bearer <token>”.")
            )
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(
                _("The token is not valid.")
            ) from None
        token = ApiToken.find(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _(
                    "The token is not valid: it is wrong, expired or revoked. "
                    "Create a new one on the API tokens page."
                )
            )
        if lacks_required_totp(token.user):
            raise exceptions.PermissionDenied(API_ENROLMENT_MESSAGE)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > timedelta(
            minutes=1
        ):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
