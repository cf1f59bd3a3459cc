"""The audit log: one helper to write it, and the signal receivers that do.

``record()`` is the only writer of ``AuditEvent``. Security events reach it
from Django's and allauth's signals (logins, failed logins, logouts, password
and two-factor changes), from model signals (region roles, group membership)
and from the invitation views; the adoption and export code calls it too.

The request being served is remembered by ``AuditContextMiddleware`` so that
changes made deep in a form (a group added to a user in the Wagtail admin)
still name who made them and from where.
"""

import contextvars
import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals

from livinglab.base import client_address
from livinglab.regions.models import Region

from .models import AuditEvent, RegionRole

logger = logging.getLogger(__name__)

Action = AuditEvent.Action

_current_request = contextvars.ContextVar("audit_request", default=None)


def set_current_request(request):
    """Remember the request being served; returns a token for ``reset``."""
    return _current_request.set(request)


def reset_current_request(token):
    _current_request.reset(token)


def client_ip(request):
    """The client address of ``request`` (str or None), as the rate limits see
    it: ``livinglab.base.client_address.client_ip`` decides for both."""
    return client_address.client_ip(request)


def _user_or_none(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def record(action, actor=None, subject="", request=None, **detail):
    """Write one audit event and return it.

    ``actor`` defaults to the signed-in user of ``request`` (or of the request
    being served); ``subject`` is what the event is about (an email address,
    an object); ``detail`` is stored as JSON, so pass plain values.
    """
    request = request or _current_request.get()
    if actor is None and request is not None:
        actor = _user_or_none(getattr(request, "user", None))
    return AuditEvent.objects.create(
        action=action,
        actor=_user_or_none(actor),
        subject=str(subject)[:254],
        ip_address=client_ip(request),
        detail=detail,
    )


# Sign-in and sign-out.


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    record(Action.LOGIN, actor=user, subject=user.email, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in ``credentials``.
    typed = credentials.get("email") or credentials.get("username") or ""
    record(Action.LOGIN_FAILED, actor=None, subject=typed, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, actor=user, subject=user.email, request=request)


# Passwords and two-factor authentication.


@receiver(account_signals.password_changed, dispatch_uid="audit_password_changed")
@receiver(account_signals.password_set, dispatch_uid="audit_password_set")
@receiver(account_signals.password_reset, dispatch_uid="audit_password_reset")
def _password_changed(sender, request, user, signal, **kwargs):
    how = {
        account_signals.password_changed: "changed",
        account_signals.password_set: "set",
        account_signals.password_reset: "reset",
    }[signal]
    record(
        Action.PASSWORD_CHANGED,
        actor=user,
        subject=user.email,
        request=request,
        how=how,
    )


@receiver(mfa_signals.authenticator_added, dispatch_uid="audit_mfa_added")
@receiver(mfa_signals.authenticator_removed, dispatch_uid="audit_mfa_removed")
@receiver(mfa_signals.authenticator_reset, dispatch_uid="audit_mfa_reset")
def _mfa_changed(sender, request, user, authenticator, signal, **kwargs):
    change = {
        mfa_signals.authenticator_added: "activated",
        mfa_signals.authenticator_removed: "deactivated",
        mfa_signals.authenticator_reset: "reset",
    }[signal]
    record(
        Action.MFA_CHANGED,
        actor=user,
        subject=user.email,
        request=request,
        change=change,
        type=authenticator.type,
    )


# Roles: region roles and global groups.


@receiver(post_save, sender=RegionRole, dispatch_uid="audit_role_granted")
def _role_granted(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    record(
        Action.ROLE_GRANTED,
        actor=instance.granted_by,
        subject=instance.user.email,
        region=instance.region.code,
        role=instance.role,
    )


@receiver(post_delete, sender=RegionRole, dispatch_uid="audit_role_revoked")
def _role_revoked(sender, instance, **kwargs):
    # ``roles.revoke_role`` sets ``_revoked_by``; otherwise the request's user.
    # The user or region may be deleted in the same cascade: look them up.
    email = (
        get_user_model()
        .objects.filter(pk=instance.user_id)
        .values_list("email", flat=True)
        .first()
    )
    code = Region.objects.filter(pk=instance.region_id).values_list("code", flat=True)
    record(
        Action.ROLE_REVOKED,
        actor=getattr(instance, "_revoked_by", None),
        subject=email or f"user #{instance.user_id}",
        region=code.first() or instance.region_id,
        role=instance.role,
    )


def _group_names(pk_set):
    from django.contrib.auth.models import Group

    return sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))


@receiver(
    m2m_changed,
    sender=get_user_model().groups.through,
    dispatch_uid="audit_groups_changed",
)
def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Group membership changed from either side (user.groups or group.user_set)."""
    if action == "pre_clear":
        # The members are gone by post_clear: note them now.
        if reverse:
            instance._audit_cleared = list(
                instance.user_set.values_list("pk", flat=True)
            )
        else:
            instance._audit_cleared = list(instance.groups.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        pk_set = set(getattr(instance, "_audit_cleared", ()))
    if not pk_set:
        return
    change = "added" if action == "post_add" else "removed"
    User = get_user_model()
    if reverse:  # instance is a Group, pk_set are users
        for email in User.objects.filter(pk__in=pk_set).values_list("email", flat=True):
            record(
                Action.GROUP_CHANGED,
                subject=email,
                change=change,
                groups=[instance.name],
            )
    else:  # instance is a User, pk_set are groups
        record(
            Action.GROUP_CHANGED,
            subject=instance.email,
            change=change,
            groups=_group_names(pk_set),
        )
