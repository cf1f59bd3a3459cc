"""People sign in with their email address; there is no username.

The custom user model exists from the first migration because swapping it
later is painful; roles and region bindings build on it (accounts issue).
"""

import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


class RegionRole(models.Model):
    """A person's role in one region: what binds them to that region's records.

    Global roles (moderator, Kemendagri analyst, administrator) are Django
    groups; the rules that combine both live in ``livinglab.accounts.policy``.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("Regency team member")
        COORDINATOR = "coordinator", _("Region coordinator")
        HOST_PUBLISHER = "host_publisher", _("Host publisher")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="region_roles"
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("region"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("region role")
        verbose_name_plural = _("region roles")
        ordering = ["region__code", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region", "role"], name="unique_region_role"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.region}"


def new_invitation_token():
    """An unguessable URL-safe token (256 bits) for an invitation link."""
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An invitation by email to a region with a role; it expires.

    There is no open self-service signup: an account is created only by
    accepting an invitation (or by an administrator).
    """

    email = models.EmailField(_("email address"))
    region = models.ForeignKey(
        "regions.Region", on_delete=models.CASCADE, verbose_name=_("region")
    )
    role = models.CharField(_("role"), max_length=20, choices=RegionRole.Role.choices)
    invited_by = models.ForeignKey(
        User,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # The secret in the emailed link; whoever holds it may accept once.
    token = models.CharField(
        _("token"),
        max_length=64,
        unique=True,
        default=new_invitation_token,
        editable=False,
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.region} ({self.get_role_display()})"

    @property
    def is_usable(self):
        from django.utils import timezone

        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class AuditEvent(models.Model):
    """Security-relevant events: logins, failed logins, role changes,
    invitations, exports. Written by ``livinglab.accounts.audit`` only."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Login")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOGOUT = "logout", _("Logout")
        ROLE_GRANTED = "role_granted", _("Role granted")
        ROLE_REVOKED = "role_revoked", _("Role revoked")
        GROUP_CHANGED = "group_changed", _("Group membership changed")
        INVITATION_SENT = "invitation_sent", _("Invitation sent")
        INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
        INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
        MFA_CHANGED = "mfa_changed", _("Two-factor authentication changed")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        EXPORT = "export", _("Export")
        TOKEN_CREATED = "token_created", _("API token created")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")
        CASE_STUDY_CONFIRMED = "case_study_confirmed", _("Case study confirmed")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    # The identifier typed at a failed login, or the subject of a change.
    subject = models.CharField(_("subject"), max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.subject}"
