"""Wagtail's document and image forms with our upload rules applied."""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .uploads import ALLOWED, safe_filename, validate_upload

IMAGE_TYPES = {k: v for k, v in ALLOWED.items() if k in {"png", "jpg", "jpeg"}}


class _SafeUploadMixin:
    allowed = ALLOWED

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "content_type"):  # a new upload
            validate_upload(uploaded, self.allowed)
            uploaded.name = safe_filename(uploaded.name)
        return uploaded


class SafeDocumentForm(_SafeUploadMixin, BaseDocumentForm):
    pass


class SafeImageForm(_SafeUploadMixin, BaseImageForm):
    allowed = IMAGE_TYPES


class CleanTextMixin:
    """Free text people type is stored as plain text: tags, scripts and
    control characters are removed (bleach) before anything is saved.
    Templates escape on output as well; this keeps stored data clean for
    exports and the API."""

    def clean(self):
        from django import forms

        from .html import clean_text

        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(value, str) and type(field) is forms.CharField:
                cleaned[name] = clean_text(value)
        return cleaned
