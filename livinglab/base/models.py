import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from wagtail_localize.fields import SynchronizedField

from .storage import private_storage
from .translation import ReaderLanguagePageMixin
from .uploads import safe_filename
from .validators import YEAR_VALIDATORS, validate_https

# Apps above this core layer (case studies, adoptions) add sections to the
# home page through this Wagtail hook instead of being imported here
# (docs/ARCHITECTURE.md "Layers"). A hook is ``fn(request)`` returning None or a dict with
# ``template`` (rendered with the dict as ``section``) and what it reads.
HOME_PAGE_SECTIONS_HOOK = "home_page_sections"


class HomePage(ReaderLanguagePageMixin, Page):
    """The site root: introduces the programme and points to its parts."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = RichTextField(
        _("body"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    reader_translated_fields = (
        "title",
        "seo_title",
        "search_description",
        "introduction",
        "body",
    )
    override_translatable_fields = [SynchronizedField("slug")]

    parent_page_types = ["wagtailcore.Page"]

    @classmethod
    def can_create_at(cls, parent):
        """One home page, created by the migrations; its English version is
        a translation (wagtail-localize), not a second page made by hand."""
        return super().can_create_at(parent) and not cls.objects.exists()

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """Adds ``sections``: what other apps contribute (latest and most
        replicated case studies), in hook order."""
        context = super().get_context(request, *args, **kwargs)
        sections = (fn(request) for fn in hooks.get_hooks(HOME_PAGE_SECTIONS_HOOK))
        context["sections"] = [section for section in sections if section]
        return context


# --- Shared abstract models -------------------------------------------------
#
# The parts several apps keep with the same fields and rules are written once
# here; each app's concrete model adds only what is its own (its parent key,
# its indicators, its address). docs/ARCHITECTURE.md "One home per concept".


class AttachmentOrUrl(models.Model):
    """A part that points at a stored file or at an https:// address.

    The subclass names its file's ForeignKey in ``attachment_field`` (a
    Wagtail document, a private file); ``clean`` raises ``ValidationError``
    when neither is given; ``link`` is the file's URL or the address."""

    attachment_field = "document"

    url = models.URLField(_("URL"), blank=True, validators=[validate_https])

    class Meta:
        abstract = True

    def _attachment_id(self):
        return getattr(self, f"{self.attachment_field}_id")

    def clean(self):
        super().clean()
        if not self._attachment_id() and not self.url:
            raise ValidationError(_("Attach a document or give its https:// address."))

    @property
    def link(self):
        """The file's address (protected, for a private file) or the https://
        address."""
        if self._attachment_id():
            return getattr(self, self.attachment_field).url
        return self.url


class Evidence(AttachmentOrUrl):
    """Bukti dukung: a document or link proving the level of SPBE indicators
    in a ``year`` (2015–2100, ``YEAR_VALIDATORS``), with its verification
    status. A case study's evidence (``innovations.SpbeEvidence``) and a
    replication step's (``adoptions.AdoptionEvidence``) are this one kind, so a
    region can reuse either in its own SPBE evaluation; each adds its
    ``indicators`` (the SPBE register sits above this layer)."""

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("Not yet verified")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    verification_status = models.CharField(
        _("verification"),
        max_length=20,
        choices=Status.choices,
        default=Status.UNVERIFIED,
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.title


class BeforeAfterFigure(models.Model):
    """One measure before and after an innovation (``before``/``after``:
    decimals with 2 places, in ``unit``): a host's impact figure and an
    adopter's figure on the host's measure are this one kind."""

    measure = models.CharField(_("measure"), max_length=150)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    before = models.DecimalField(
        _("before"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    after = models.DecimalField(
        _("after"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.measure


def new_file_token():
    """An unguessable name for a private file (256 random bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def private_file_name(instance, filename):
    """Where a private file is stored: ``<folder>/<2 chars>/<token>.<ext>``
    (``instance.storage_folder``), nothing of the uploader's file name (which
    is kept, cleaned, for the download)."""
    ext = safe_filename(filename).rpartition(".")[2] if "." in filename else ""
    ext = ext if ext and len(ext) <= 5 else "bin"
    return f"{instance.storage_folder}/{instance.token[:2]}/{instance.token}.{ext}"


class PrivateFile(models.Model):
    """An uploaded file nobody may fetch without a policy check.

    Stored on ``PrivateStorage`` under an unguessable ``token``; its only
    address is ``url`` (the owner app's view, which asks
    ``livinglab/accounts/policy.py`` and answers with
    ``private_files.attachment_response``). ``original_name`` is the
    uploader's name, cleaned, used as the download's file name; ``size`` is
    in bytes. Subclasses set ``storage_folder`` and ``url``."""

    storage_folder = "private"

    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_file_token, editable=False
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=private_file_name, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=150)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    @classmethod
    def store(cls, *, uploaded, user=None, **fields):
        """Save an (already validated) upload (a Django ``UploadedFile``) as a
        new row with ``fields`` (its owner, its kind); returns the row."""
        record = cls(
            original_name=safe_filename(uploaded.name),
            size=getattr(uploaded, "size", 0) or 0,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
            **fields,
        )
        record.file.save(record.original_name, uploaded, save=False)
        record.save()
        return record

    def delete(self, *args, **kwargs):
        """Delete the row and its stored content."""
        storage, name = self.file.storage, self.file.name
        result = super().delete(*args, **kwargs)
        if name:
            storage.delete(name)
        return result
