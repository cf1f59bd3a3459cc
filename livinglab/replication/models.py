"""Document templates of the replication kit that administrators replace.

The kit ships default templates (``livinglab/replication/docx/<kind>.docx``,
built by ``scripts/build_kit_templates.py``); an administrator uploads a
replacement per kind in the Wagtail admin (Snippets, "Replication document
templates"). The upload is kept in the database (a DOCX is small, the size
limit is ``REPLICATION_TEMPLATE_MAX_BYTES``), so no file storage or URL is
involved; ``forms.TemplateUploadForm`` validates it and renders it once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """The documents of the kit, in the order they appear in it."""

    LETTER_OF_INTEREST = "surat_minat", _("Letter of interest (surat minat replikasi)")
    AGREEMENT = "pks", _("Cooperation agreement draft (PKS/MoU)")
    REGULATION = "perkada", _("Outline of a Perbup/Perwal")
    SOP = "sop", _("SOP outline")


class ReplicationDocumentTemplate(models.Model):
    """An administrator's replacement for one kind of kit document: a DOCX
    with Jinja placeholders (``{{ region_name }}``; the full list is in
    docs/REPLICATION.md). At most one per kind; without one, the default
    template shipped in the repository is used."""

    kind = models.CharField(
        _("document"), max_length=20, choices=DocumentKind.choices, unique=True
    )
    content = models.BinaryField(_("DOCX file"), editable=False)
    file_name = models.CharField(_("file name"), max_length=150, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("updated by"),
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("replication document template")
        verbose_name_plural = _("replication document templates")

    def __str__(self):
        return self.get_kind_display()
