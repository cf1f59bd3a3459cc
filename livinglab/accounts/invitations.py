"""Invitations: the only way in for a new account.

An administrator, or a region coordinator for members of their own region,
invites a person by email to a region with a role (``policy.py`` and
``roles.py`` decide who may). The email carries a link with the invitation's
secret token. Following it:

* with no account for that address, the token is kept in the session and the
  person is sent to allauth's signup form, which the adapter opens only for a
  valid invitation and which fixes the email address to the invited one; on
  signup the address counts as verified (the link proved it) and the role is
  granted (``accept`` from the ``user_signed_up`` receiver);
* with an account, the person signs in and confirms; the role is attached.

An expired, revoked or used link changes nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.account.signals import user_signed_up

from . import audit, roles
from .models import AuditEvent, Invitation

SESSION_KEY = "livinglab_invitation_token"


class InvitationState:
    USABLE = "usable"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    REVOKED = "revoked"
    USED = "used"


def state(invitation):
    if invitation is None:
        return InvitationState.UNKNOWN
    if invitation.accepted_at is not None:
        return InvitationState.USED
    if invitation.revoked_at is not None:
        return InvitationState.REVOKED
    if invitation.expires_at <= timezone.now():
        return InvitationState.EXPIRED
    return InvitationState.USABLE


def find(token):
    """The invitation with this token, or None (also for a malformed token)."""
    if not token or len(token) > 64:
        return None
    return Invitation.objects.select_related("region").filter(token=token).first()


def find_usable(token):
    invitation = find(token)
    return invitation if state(invitation) == InvitationState.USABLE else None


def from_session(request):
    """The usable invitation this browser is accepting, if any."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    return find_usable(session.get(SESSION_KEY))


def remember(request, invitation):
    """Keep the token for the signup that follows; the address is pre-verified."""
    request.session[SESSION_KEY] = invitation.token
    get_adapter(request).stash_verified_email(request, invitation.email)


def forget(request):
    request.session.pop(SESSION_KEY, None)


def accept_urls(invitation, request=None):
    """Absolute links to accept, in Indonesian and English."""
    urls = {}
    for code in ("id", "en"):
        with translation.override(code):
            path = reverse("accounts:invitation", kwargs={"token": invitation.token})
        if request is not None:
            urls[code] = request.build_absolute_uri(path)
        else:
            urls[code] = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    return urls


@transaction.atomic
def create(email, region, role, invited_by, request=None):
    """Save the invitation, email the link and log it; returns the invitation.

    A pending invitation for the same address, region and role is revoked
    first, so only the newest link works.
    """
    email = email.strip().lower()
    for older in Invitation.objects.filter(
        email__iexact=email,
        region=region,
        role=role,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ):
        revoke(older, revoked_by=invited_by, request=request, superseded=True)
    invitation = Invitation.objects.create(
        email=email,
        region=region,
        role=role,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    send(invitation, request=request)
    audit.record(
        AuditEvent.Action.INVITATION_SENT,
        actor=invited_by,
        subject=email,
        request=request,
        region=region.code,
        role=role,
        invitation=invitation.pk,
    )
    return invitation


def send(invitation, request=None):
    urls = accept_urls(invitation, request)
    context = {
        "invitation": invitation,
        "accept_url": urls["id"],
        "accept_url_en": urls["en"],
        "inviter": invitation.invited_by,
        "days": settings.INVITATION_DAYS,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    # render_mail, not send_mail: this also runs without a request (manage.py).
    get_adapter(request).render_mail(
        "accounts/email/invitation", invitation.email, context
    ).send()


def revoke(invitation, revoked_by=None, request=None, superseded=False):
    if invitation.revoked_at or invitation.accepted_at:
        return False
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(
        AuditEvent.Action.INVITATION_REVOKED,
        actor=revoked_by,
        subject=invitation.email,
        request=request,
        region=invitation.region.code,
        role=invitation.role,
        invitation=invitation.pk,
        superseded=superseded,
    )
    return True


def email_matches(invitation, email):
    return bool(email) and invitation.email.lower() == email.strip().lower()


@transaction.atomic
def accept(invitation, user, request=None):
    """Attach the invitation's role to ``user``; False if it cannot be used.

    The row is locked, so the same link cannot be accepted twice at once.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if state(invitation) != InvitationState.USABLE or not email_matches(
        invitation, user.email
    ):
        return False
    roles.grant_role(
        user, invitation.region, invitation.role, granted_by=invitation.invited_by
    )
    # Following the emailed link proved the address.
    address, _created = EmailAddress.objects.get_or_create(
        user=user,
        email__iexact=invitation.email,
        defaults={"email": invitation.email},
    )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    if not EmailAddress.objects.filter(user=user, primary=True).exists():
        address.set_as_primary()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(
        AuditEvent.Action.INVITATION_ACCEPTED,
        actor=user,
        subject=invitation.email,
        request=request,
        region=invitation.region.code,
        role=invitation.role,
        invitation=invitation.pk,
    )
    return True


@receiver(user_signed_up, dispatch_uid="accept_invitation_on_signup")
def _accept_on_signup(sender, request, user, **kwargs):
    """A signup is only possible with an invitation in the session: accept it."""
    invitation = from_session(request)
    if invitation is not None:
        accept(invitation, user, request=request)
    forget(request)
