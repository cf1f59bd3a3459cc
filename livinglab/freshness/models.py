"""What the link checker found: one row per URL of a case study's parts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkCheck(models.Model):
    """One URL of a case study (a repository, a training material or an SPBE
    evidence address) and the result of its last visit by the link checker
    (``livinglab.freshness.links``). ``http_status`` is the HTTP status
    code of the answer (None when no answer came); ``error`` a short name of
    what went wrong ("timeout", "connection error") or ""."""

    class Kind(models.TextChoices):
        SOURCE_CODE = "source_code", _("Source code")
        TRAINING = "training", _("Training material")
        EVIDENCE = "evidence", _("SPBE evidence")

    class Status(models.TextChoices):
        UNCHECKED = "unchecked", _("Not checked yet")
        OK = "ok", _("Works")
        BROKEN = "broken", _("Broken")

    innovation = models.ForeignKey(
        "innovations.InnovationPage",
        verbose_name=_("case study"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=255, blank=True)
    url = models.CharField(_("URL"), max_length=500)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNCHECKED
    )
    http_status = models.PositiveSmallIntegerField(
        _("HTTP status"), null=True, blank=True
    )
    error = models.CharField(_("error"), max_length=100, blank=True)
    last_checked = models.DateTimeField(_("last checked"), null=True, blank=True)

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        ordering = ["innovation_id", "kind", "url"]
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "kind", "url"], name="freshness_link_once"
            )
        ]

    def __str__(self):
        return f"{self.url}: {self.status}"

    @property
    def problem(self):
        """What the checker saw, for people: "HTTP 404" or the error."""
        if self.http_status:
            return f"HTTP {self.http_status}"
        return self.error
