"""The e-mail delivery log: one row per e-mail that was (or is being) sent.

Its unique key ``(kind, recipient, object_key, period)`` is what makes the
background jobs idempotent: a job claims a row before it sends, and a second
worker running the same job (or the same job enqueued twice) fails to claim
it and sends nothing (``livinglab.notifications.delivery.claim``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EmailDelivery(models.Model):
    """One e-mail sent once: ``kind`` names the job ("adoptions.stalled"),
    ``recipient`` who it went to (an address, or "region:<id>" for a team),
    ``object_key`` what it is about ("adoption:42"), ``period`` when it is due
    ("2026-11-29" for a daily job, "" for once ever)."""

    kind = models.CharField(_("kind"), max_length=64)
    recipient = models.CharField(_("recipient"), max_length=254)
    object_key = models.CharField(_("object"), max_length=100)
    period = models.CharField(_("period"), max_length=32, blank=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "object_key", "period"],
                name="notifications_email_sent_once",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.object_key} {self.period} -> {self.recipient}"


class Follow(models.Model):
    """A person follows exactly one case study, region or SPBE indicator
    (issue 18.3); at most once each."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    innovation = models.ForeignKey(
        "innovations.InnovationPage",
        verbose_name=_("case study"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    indicator = models.ForeignKey(
        "taxonomy.SpbeIndicator",
        verbose_name=_("SPBE indicator"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    TARGETS = ("innovation", "region", "indicator")

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        innovation__isnull=False,
                        region__isnull=True,
                        indicator__isnull=True,
                    )
                    | Q(
                        innovation__isnull=True,
                        region__isnull=False,
                        indicator__isnull=True,
                    )
                    | Q(
                        innovation__isnull=True,
                        region__isnull=True,
                        indicator__isnull=False,
                    )
                ),
                name="notifications_follow_one_target",
                violation_error_message=_("This follow names nothing to follow."),
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", target],
                    condition=Q(**{f"{target}__isnull": False}),
                    name=f"notifications_follow_once_{target}",
                )
                for target in ("innovation", "region", "indicator")
            ),
        ]

    def __str__(self):
        return f"{self.user} -> {self.target}"

    @property
    def target(self):
        """The followed case study, region or indicator."""
        return self.innovation or self.region or self.indicator


class Notification(models.Model):
    """One message in a person's in-app inbox (issue 18.2): what happened
    (``title``, plain text), where to look (``link``, a path on this site)
    and whether it was read."""

    class Kind(models.TextChoices):
        FOLLOWED_CHANGED = "followed_changed", _("A case study I follow changed")
        FOLLOWED_ADOPTER = "followed_adopter", _("A new region adopts what I follow")
        REGION_STEP = "region_step", _("A step in a region I follow")
        QUESTION = "question", _("A question about my case study")
        HOST_INTEREST = "host_interest", _("Interest registered in my case study")
        ANSWER = "answer", _("An answer to my question")
        IMPACT_FOLLOWUP = "impact_followup", _("Asked for my region's results")
        HOST_CONFIRMED = "host_confirmed", _("The host confirmed my step")
        REGION_STALLED = "region_stalled", _("My region's adoption stalled")
        WEAK_INDICATOR = (
            "weak_indicator",
            _("A new case study lifts one of my region's weakest indicators"),
        )

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient", "read_at"], name="notifications_unread_idx"
            )
        ]

    def __str__(self):
        return self.title


class EmailPreference(models.Model):
    """How a person hears of one kind of notification by e-mail (issue
    18.2); without a row: the weekly digest."""

    class Frequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        WEEKLY = "weekly", _("Weekly digest")
        OFF = "off", _("Off")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="email_preferences",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Notification.Kind.choices)
    frequency = models.CharField(
        _("frequency"), max_length=16, choices=Frequency.choices, default="weekly"
    )

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notifications_one_preference_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.kind}: {self.frequency}"
