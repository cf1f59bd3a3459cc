"""Personal API tokens for regions' own systems.

A token belongs to one person and is scoped to one region (where that person
is on the team): it can do no more than its owner may, and only for that
region. Only a SHA-256 hash is stored; the token itself is shown once.
Tokens expire and can be revoked.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX = "ll_"


def hash_token(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="region_api_tokens",
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.CASCADE, verbose_name=_("region")
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What uses it, e.g. “SIPD integration Diskominfo”."),
    )
    # The first characters, shown in lists so a person recognises a token.
    prefix = models.CharField(max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user, region, name, days=None):
        """Create a token; returns ``(token, raw)``. ``raw`` is never stored."""
        days = days or settings.API_TOKEN_DAYS
        raw = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            region=region,
            name=name,
            prefix=raw[:10],
            key_hash=hash_token(raw),
            expires_at=timezone.now() + timedelta(days=days),
        )
        return token, raw

    @classmethod
    def find(cls, raw):
        """The usable token for ``raw``, or None."""
        if not raw or not raw.startswith(PREFIX) or len(raw) > 100:
            return None
        token = (
            cls.objects.select_related("user", "region")
            .filter(key_hash=hash_token(raw))
            .first()
        )
        return token if token is not None and token.is_usable else None

    @property
    def is_usable(self):
        return (
            self.revoked_at is None
            and self.expires_at > timezone.now()
            and self.user.is_active
        )

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
