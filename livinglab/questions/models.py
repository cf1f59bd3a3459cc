"""Questions and answers on a case study (issue 18.1).

A regency team member asks a ``Question`` about a case study; ``Answer``
rows are threaded under it (the host's publishers, its mentors, the asking
team). The host marks an answer ``public``: the question and its public
answers then form the case study's FAQ. Moderators hide any entry
(``hidden``): it vanishes for everyone else. ``Answer.public_at`` is when
an answer was last published as FAQ (the date of its entry in the case
study's Atom feed). ``first_response_at`` is when
someone other than the asker first answered (the host's response time).
Texts are plain text, cleaned with ``livinglab.base.html.clean_text``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUESTION_MAX_CHARS = 2000
ANSWER_MAX_CHARS = 4000


class Question(models.Model):
    """A question about one case study, asked for one region's team."""

    innovation = models.ForeignKey(
        "innovations.InnovationPage",
        verbose_name=_("case study"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("question"), max_length=QUESTION_MAX_CHARS)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    first_response_at = models.DateTimeField(
        _("first answered at"), null=True, blank=True
    )
    hidden = models.BooleanField(_("hidden"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["innovation", "hidden"], name="questions_by_innovation"
            ),
            models.Index(
                fields=["first_response_at", "created_at"],
                name="questions_unanswered_idx",
            ),
        ]

    def __str__(self):
        return self.text[:80]


class Answer(models.Model):
    """One answer in a question's thread."""

    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("answer"), max_length=ANSWER_MAX_CHARS)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    public = models.BooleanField(_("public (FAQ)"), default=False)
    public_at = models.DateTimeField(_("published as FAQ at"), null=True, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        """Keep ``public_at`` in step with ``public``: set to now when the
        answer becomes public, cleared when it is withdrawn (also when only
        ``update_fields=["public"]`` is saved)."""
        if self.public and self.public_at is None:
            self.public_at = timezone.now()
        elif not self.public:
            self.public_at = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "public" in update_fields:
            kwargs["update_fields"] = {*update_fields, "public_at"}
        super().save(*args, **kwargs)
