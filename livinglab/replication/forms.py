"""The admin form that uploads a replacement kit document template.

An upload is accepted only when it is a real DOCX (a ZIP holding
``word/document.xml``), at most ``REPLICATION_TEMPLATE_MAX_BYTES`` (and
``REPLICATION_TEMPLATE_MAX_UNZIPPED_BYTES`` unpacked), and renders with a
sample context (``documents.sample_context``) and with that context's lists
empty (``documents.empty_context``: a case study without licences, say)
within the sandbox's limits (``documents.KitSandbox``): a syntax error, an
unknown placeholder or a limit passed is shown on the form, in the engine's
words, and nothing is saved.
"""

import io
import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm

from . import documents

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_UNZIPPED_BYTES = 20 * 1024 * 1024


def max_bytes() -> int:
    """The largest upload accepted, in bytes (setting, default 2 MiB)."""
    return getattr(settings, "REPLICATION_TEMPLATE_MAX_BYTES", DEFAULT_MAX_BYTES)


def check_docx(content: bytes) -> None:
    """Raise ``ValidationError`` unless ``content`` is a DOCX template that
    renders: a ZIP with ``word/document.xml``, not too large unpacked, and
    without template errors for the sample context and the empty one."""
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise ValidationError(
            _("This file is not a Word document (.docx)."), code="not_docx"
        )
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    if "word/document.xml" not in names:
        raise ValidationError(
            _(
                "This file is not a Word document (.docx): word/document.xml is missing."
            ),
            code="not_docx",
        )
    limit = getattr(
        settings,
        "REPLICATION_TEMPLATE_MAX_UNZIPPED_BYTES",
        DEFAULT_MAX_UNZIPPED_BYTES,
    )
    if unpacked > limit:
        raise ValidationError(
            _("The document is too large once unpacked (at most %(limit)s).")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    try:
        documents.render(content, documents.sample_context())
        documents.render(content, documents.empty_context())
    except documents.TemplateError as exc:
        raise ValidationError(
            _(
                "The template cannot be filled in: %(error)s. Check the "
                "placeholders against the list in docs/REPLICATION.md "
                "(for example {{ region_name }})."
            )
            % {"error": str(exc)[:300]},
            code="template_error",
        ) from exc


class TemplateUploadForm(WagtailAdminModelForm):
    """The snippet form of ``ReplicationDocumentTemplate``: a kind and the
    uploaded DOCX (required when creating, optional when editing)."""

    upload = forms.FileField(
        label=gettext_lazy("DOCX template"),
        required=False,
        help_text=gettext_lazy(
            "A .docx file with placeholders such as {{ region_name }}, "
            "{{ host_name }} and {{ innovation_title }} (docs/REPLICATION.md)."
        ),
        widget=forms.FileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document"
            }
        ),
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            if not self.instance.pk:
                raise ValidationError(_("Choose a .docx file to upload."))
            return None
        if upload.size > max_bytes():
            raise ValidationError(
                _("The file is too large (at most %(limit)s).")
                % {"limit": filesizeformat(max_bytes())},
                code="too_large",
            )
        content = upload.read()
        check_docx(content)
        self._content = content
        return upload

    def save(self, commit=True):
        instance = super().save(commit=False)
        upload = self.cleaned_data.get("upload")
        if upload is not None:
            instance.content = self._content
            instance.file_name = upload.name[:150]
            instance.size = len(self._content)
        if self.for_user is not None and self.for_user.is_authenticated:
            instance.updated_by = self.for_user
        if commit:
            instance.save()
        return instance
