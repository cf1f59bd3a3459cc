"""Innovation case studies: the index page and the case-study page.

A case study belongs to a host region and is tagged with the taxonomies of
``livinglab.taxonomy``. Its replicable parts (source code, training material,
SPBE evidence, impact figures, mentors) are orderable inline children so they
travel with the page through drafts, moderation and revisions. Readiness and
staleness are computed on read (``readiness.py``), never stored.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.search import index

from wagtail_localize.fields import SynchronizedField

from livinglab.base.models import AttachmentOrUrl, BeforeAfterFigure, Evidence
from livinglab.base.translation import OriginalsQuerySet, ReaderLanguagePageMixin
from livinglab.base.validators import validate_https
from livinglab.regions.models import Region
from livinglab.taxonomy.models import (
    NationalApplication,
    SmartCityDimension,
    SpbeIndicator,
    SpmSector,
    TechnologyTag,
    Theme,
)

from .admin_forms import (
    VERIFY_EVIDENCE,
    InnovationCopyForm,
    InnovationPageForm,
    slug_taken_message,
)
from .blocks import InnovationStreamBlock
from .panels import ReadinessPanel
from .validators import normalize_spdx

STALE_AFTER = timedelta(days=365)


class InnovationIndexPage(ReaderLanguagePageMixin, Page):
    """Lists the live case studies below it, with simple filters.

    An index may be bound to a host region: the host's own part of the tree,
    where only case studies of that host can be created.
    """

    reader_translated_fields = (
        "title",
        "seo_title",
        "search_description",
        "introduction",
    )
    override_translatable_fields = [SynchronizedField("slug")]

    introduction = models.TextField(_("introduction"), blank=True)
    host_region = models.ForeignKey(
        Region,
        verbose_name=_("host region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Set for a host's own section; leave empty for the main library."),
    )

    objects = PageManager.from_queryset(OriginalsQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("host_region"),
    ]
    parent_page_types = ["base.HomePage", "innovations.InnovationIndexPage"]
    subpage_types = ["innovations.InnovationPage", "innovations.InnovationIndexPage"]

    class Meta:
        verbose_name = _("innovation library")

    def get_context(self, request, *args, **kwargs):
        from .library import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        """The library; a filter its form refuses is bad input, answered 400
        with the form's error summary (as the regions' list, the dashboard
        and the map answer theirs)."""
        response = super().serve(request, *args, **kwargs)
        form = getattr(response, "context_data", {}).get("form")
        if form is not None and form.is_bound and form.errors:
            response.status_code = 400
        return response


class InnovationPageQuerySet(OriginalsQuerySet):
    """The named sets of case studies; every public output starts here."""

    def published(self):
        """Case studies anyone may see: live, and neither the page nor any
        ancestor carries a view restriction (password, login or groups).

        This is the one definition of "published" for search documents and
        the index, the API, publiccode.yml, open data, exports,
        recommendations and the library pages. It means what Wagtail's
        ``live().public()`` means, but the restriction test is a subquery
        evaluated with the query (``public()`` reads every restriction in an
        extra query when the queryset is built, and is stale after that).
        """

        # a restriction on this page or an ancestor: its path prefixes ours
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return self.originals().live().exclude(Exists(restricted))

    def running(self):
        """Case studies not marked stopped ("Dihentikan", issue 18.5): what
        recommendations and simulations offer. Stopped ones stay published
        and findable, only not suggested for replication."""
        return self.filter(stopped_on__isnull=True)

    def with_taxonomy(self):
        """Prefetch what a card, a facet or a filter reads: the host region
        with its province and every tag (SPBE indicators with their domain)."""
        return self.select_related("host_region__province").prefetch_related(
            "dimensions",
            "spbe_indicators__aspect__domain",
            "spm_sectors",
            "themes",
            "technologies",
        )

    def with_parts(self):
        """Prefetch the replicable parts (code, training, evidence, figures)
        on top of ``with_taxonomy()``: what a full case study shows."""
        return self.with_taxonomy().prefetch_related(
            "source_code_links__technologies",
            "training_materials__document",
            "evidence__indicators",
            "evidence__document",
            "impact_figures",
            "spbe_levels__indicator",
            "national_applications__application",
        )


class InnovationPage(ReaderLanguagePageMixin, Page):
    base_form_class = InnovationPageForm
    copy_form_class = InnovationCopyForm

    objects = PageManager.from_queryset(InnovationPageQuerySet)()

    #: What a reader sees in English when a translation is live
    #: (``livinglab.base.translation``); the rest is the original's.
    reader_translated_fields = (
        "title",
        "seo_title",
        "search_description",
        "summary",
        "problem",
        "solution",
        "body",
        "needs_infrastructure",
        "needs_staff",
        "needs_regulation",
        "stopped_reason",
    )
    #: wagtail-localize: these are data, not prose; the slug is kept so a
    #: case study has one address path in both languages.
    override_translatable_fields = [
        SynchronizedField(name)
        for name in ("slug", "opd", "contact_name", "contact_role")
    ]

    class Maturity(models.TextChoices):
        IDEA = "idea", _("Idea")
        PILOT = "pilot", _("Pilot")
        OPERATIONAL = "operational", _("Operational")
        INSTITUTIONALISED = "institutionalised", _("Institutionalised")

    class Funding(models.TextChoices):
        APBD = "APBD", "APBD"
        APBN = "APBN", "APBN"
        DAK = "DAK", "DAK"
        CSR = "CSR", "CSR"
        GRANT = "Hibah", _("Grant (hibah)")
        OTHER = "Lainnya", _("Other")

    host_region = models.ForeignKey(
        Region,
        verbose_name=_("host region"),
        on_delete=models.PROTECT,
        related_name="hosted_innovations",
    )
    opd = models.CharField(
        _("owning OPD"), max_length=120, help_text=_("e.g. Diskominfo, Disdukcapil")
    )
    year_launched = models.PositiveSmallIntegerField(
        _("year launched"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    maturity = models.CharField(_("maturity"), max_length=20, choices=Maturity.choices)
    summary = models.TextField(_("summary"), max_length=500)
    problem = models.TextField(_("the problem"), blank=True)
    solution = models.TextField(_("the solution"), blank=True)
    body = StreamField(InnovationStreamBlock(), blank=True, verbose_name=_("story"))
    cost = models.DecimalField(
        _("cost (Rp)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=Funding.choices, blank=True
    )
    needs_infrastructure = models.TextField(_("infrastructure needed"), blank=True)
    needs_staff = models.TextField(_("staff needed"), blank=True)
    needs_regulation = models.TextField(_("regulation needed"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    last_confirmed = models.DateField(
        _("last confirmed by the host"),
        null=True,
        blank=True,
        help_text=_(
            "A case study not re-confirmed for 12 months is flagged as possibly stale."
        ),
    )
    stopped_on = models.DateField(
        _("stopped on"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the host no longer runs this innovation (Dihentikan). "
            "It stays findable, marked as stopped, and is no longer recommended."
        ),
    )
    stopped_reason = models.TextField(_("why it stopped"), blank=True)
    dimensions = ParentalManyToManyField(
        SmartCityDimension, blank=True, verbose_name=_("Smart City dimensions")
    )
    spbe_indicators = ParentalManyToManyField(
        SpbeIndicator, blank=True, verbose_name=_("SPBE indicators")
    )
    spm_sectors = ParentalManyToManyField(
        SpmSector, blank=True, verbose_name=_("SPM basic services")
    )
    themes = ParentalManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    technologies = ParentalManyToManyField(
        TechnologyTag, blank=True, verbose_name=_("technologies")
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("opd"),
        index.FilterField("host_region"),
    ]

    content_panels = [
        ReadinessPanel(heading=_("Ready to replicate?")),
        *Page.content_panels,
        FieldRowPanel([FieldPanel("host_region"), FieldPanel("opd")]),
        FieldRowPanel([FieldPanel("year_launched"), FieldPanel("maturity")]),
        FieldPanel("summary"),
        FieldPanel("problem"),
        FieldPanel("solution"),
        FieldPanel("body"),
        InlinePanel("impact_figures", label=_("Impact figures")),
    ]
    replication_panels = [
        InlinePanel("source_code_links", label=_("Source code")),
        InlinePanel("training_materials", label=_("Training material")),
        InlinePanel("evidence", label=_("SPBE evidence (bukti dukung)")),
        MultiFieldPanel(
            [
                FieldPanel("needs_infrastructure"),
                FieldPanel("needs_staff"),
                FieldPanel("needs_regulation"),
                FieldRowPanel([FieldPanel("cost"), FieldPanel("funding_source")]),
            ],
            heading=_("What a replicating region needs"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
                FieldPanel("contact_email"),
                FieldPanel("last_confirmed"),
            ],
            heading=_("Contact and confirmation"),
        ),
        MultiFieldPanel(
            [FieldPanel("stopped_on"), FieldPanel("stopped_reason")],
            heading=_("Stopped (Dihentikan)"),
        ),
        InlinePanel("mentors", label=_("Mentors")),
        InlinePanel(
            "national_applications",
            label=_("National applications (Perpres 82/2023)"),
            help_text=_(
                "Does it integrate with or overlap a national application? "
                "Regions registering interest in an overlapping one are warned."
            ),
        ),
    ]
    taxonomy_panels = [
        FieldPanel("dimensions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("spbe_indicators", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "spbe_levels",
            label=_("SPBE levels reached by the host"),
            help_text=_(
                "For each tagged SPBE indicator this case study lifts: the level "
                "the host reached with it. The SPBE simulator uses it."
            ),
        ),
        FieldPanel("spm_sectors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("technologies", widget=forms.CheckboxSelectMultiple),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Case study")),
            ObjectList(replication_panels, heading=_("Replication")),
            ObjectList(taxonomy_panels, heading=_("Tags")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    parent_page_types = ["innovations.InnovationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("innovation case study")
        verbose_name_plural = _("innovation case studies")

    def slug_taken(self, slug=None):
        """True when another case study (live or draft, under any parent)
        already uses ``slug`` (default: this page's own). The API, the kit,
        the map, the overlap check and the interest form find case studies
        by slug, so it is unique across the whole site, not only among
        siblings as Wagtail checks (review finding 2)."""
        others = InnovationPage.objects.filter(slug=slug or self.slug).exclude(
            translation_key=self.translation_key
        )
        if self.pk:
            others = others.exclude(pk=self.pk)
        return others.exists()

    def _check_slug_is_site_wide_unique(self):
        if self.slug and self.slug_taken():
            raise ValidationError({"slug": slug_taken_message(self.slug)})

    def minimal_clean(self):
        """Draft saves validate only title and slug (Wagtail): the slug
        rule of ``clean`` holds for drafts too."""
        super().minimal_clean()
        self._check_slug_is_site_wide_unique()

    def clean(self):
        super().clean()
        self._check_slug_is_site_wide_unique()
        parent = self.get_parent() if self.pk else None
        parent = getattr(parent, "specific", None) if parent else None
        host = getattr(parent, "host_region_id", None)
        if host and self.host_region_id and host != self.host_region_id:
            raise ValidationError(
                {
                    "host_region": _(
                        "This section only holds case studies of its own host region."
                    )
                }
            )
        if self.stopped_on and not self.stopped_reason.strip():
            raise ValidationError(
                {"stopped_reason": _("Say why the innovation stopped.")}
            )
        if self.stopped_reason.strip() and not self.stopped_on:
            raise ValidationError(
                {"stopped_on": _("Give the date the innovation stopped.")}
            )
        if self.stopped_on and self.stopped_on > timezone.localdate():
            raise ValidationError(
                {"stopped_on": _("The stop date cannot be in the future.")}
            )

    @property
    def is_stopped(self):
        """True when the host marked it stopped (Dihentikan, issue 18.5)."""
        return self.stopped_on is not None

    @property
    def confirmed_on(self):
        """The last day the host stood by this case study (a ``date`` or None):
        an explicit confirmation or a publication, whichever is later, since
        publishing is the host saying the page is current."""
        published = self.last_published_at and timezone.localdate(
            self.last_published_at
        )
        dates = [d for d in (self.last_confirmed, published) if d]
        return max(dates) if dates else None

    @property
    def is_stale(self):
        """True when the host has not confirmed or published it for 12 months."""
        confirmed = self.confirmed_on
        if confirmed is None:
            return True
        return timezone.localdate() - confirmed > STALE_AFTER

    @property
    def readiness(self):
        from .readiness import readiness_for

        return readiness_for(self)

    def get_context(self, request, *args, **kwargs):
        from .library import innovation_context

        context = super().get_context(request, *args, **kwargs)
        context.update(innovation_context(self, request))
        return context


class ImpactFigure(BeforeAfterFigure, Orderable):
    """The host's before/after on one measure (``base.BeforeAfterFigure``);
    the host must give the figure after."""

    page = ParentalKey(
        InnovationPage, on_delete=models.CASCADE, related_name="impact_figures"
    )
    after = models.DecimalField(_("after"), max_digits=14, decimal_places=2)

    panels = [
        FieldRowPanel([FieldPanel("measure"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("before"), FieldPanel("after")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("impact figure")


class SourceCodeLink(Orderable, ClusterableModel):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        ON_REQUEST = "on_request", _("On request")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        DEVELOPMENT = "development", _("Development")
        BETA = "beta", _("Beta")
        STABLE = "stable", _("Stable")
        OBSOLETE = "obsolete", _("Obsolete")

    page = ParentalKey(
        InnovationPage, on_delete=models.CASCADE, related_name="source_code_links"
    )
    url = models.URLField(
        _("repository URL"),
        blank=True,
        validators=[validate_https],
        help_text=_(
            "https only. May stay empty when the code is available on request."
        ),
    )
    license = models.CharField(
        _("licence (SPDX)"),
        max_length=100,
        help_text=_("e.g. MIT, Apache-2.0, GPL-3.0-or-later"),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    technologies = ParentalManyToManyField(
        TechnologyTag, blank=True, verbose_name=_("technologies")
    )
    name = models.CharField(_("software name"), max_length=150, blank=True)
    description_id = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    development_status = models.CharField(
        _("development status"), max_length=20, choices=Status.choices, blank=True
    )
    software_version = models.CharField(
        _("software version"), max_length=50, blank=True
    )
    platforms = models.CharField(
        _("platforms"),
        max_length=200,
        blank=True,
        help_text=_("comma-separated: web, android, ios, …"),
    )
    maintenance_contacts = models.TextField(_("maintenance contacts"), blank=True)
    other_descriptions = models.JSONField(
        _("descriptions in other languages"),
        default=dict,
        blank=True,
        help_text=_(
            "From an imported publiccode.yml: {language: {shortDescription, "
            "longDescription, features}}; not shown on the site, exported again."
        ),
    )

    panels = [
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("license"), FieldPanel("visibility")]),
        FieldPanel("technologies", widget=forms.CheckboxSelectMultiple),
        FieldPanel("name"),
        FieldPanel("description_id"),
        FieldPanel("description_en"),
        FieldRowPanel(
            [FieldPanel("development_status"), FieldPanel("software_version")]
        ),
        FieldPanel("platforms"),
        FieldPanel("maintenance_contacts"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("source code")
        verbose_name_plural = _("source code")

    def clean(self):
        super().clean()
        errors = {}
        try:
            self.license = normalize_spdx(self.license)
        except ValidationError as exc:
            errors["license"] = exc.messages
        if not self.license and "license" not in errors:
            errors["license"] = [
                _("Name the licence: code without one cannot be replicated.")
            ]
        if self.visibility == self.Visibility.PUBLIC and not self.url:
            errors["url"] = [_("Public code needs its repository URL.")]
        if errors:
            raise ValidationError(errors)


class DocumentOrUrl(AttachmentOrUrl):
    """A part that points at a Wagtail document or an https:// address
    (``base.AttachmentOrUrl``)."""

    attachment_field = "document"

    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )

    class Meta:
        abstract = True


class TrainingMaterial(DocumentOrUrl, Orderable):
    class Kind(models.TextChoices):
        MODULE = "module", _("Module")
        MANUAL = "manual", _("Manual")
        SLIDES = "slides", _("Slides")
        VIDEO = "video", _("Video")
        BIMTEK = "bimtek_recording", _("Bimtek recording")

    class Level(models.TextChoices):
        BASIC = "basic", _("Basic")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    page = ParentalKey(
        InnovationPage, on_delete=models.CASCADE, related_name="training_materials"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="id"
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, blank=True
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel(
            [FieldPanel("kind"), FieldPanel("level"), FieldPanel("language")]
        ),
        FieldRowPanel([FieldPanel("document"), FieldPanel("url")]),
        FieldPanel("duration_minutes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("training material")
        verbose_name_plural = _("training material")

    def __str__(self):
        return self.title


class SpbeEvidence(Evidence, DocumentOrUrl, Orderable, ClusterableModel):
    """Bukti dukung of a case study (``base.Evidence``): a Wagtail document or
    link proving the level of the SPBE ``indicators``; ``verified_at`` is set
    when a moderator verifies it."""

    page = ParentalKey(
        InnovationPage, on_delete=models.CASCADE, related_name="evidence"
    )
    indicators = ParentalManyToManyField(
        SpbeIndicator, verbose_name=_("SPBE indicators supported")
    )
    verified_at = models.DateTimeField(
        _("last verified"), null=True, blank=True, editable=False
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("document"), FieldPanel("url")]),
        FieldPanel("indicators", widget=forms.CheckboxSelectMultiple),
        FieldPanel("year"),
        # Only moderators see (and so can change) the verification status.
        FieldPanel("verification_status", permission=VERIFY_EVIDENCE),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("SPBE evidence")
        verbose_name_plural = _("SPBE evidence")
        permissions = [("verify_evidence", "Can verify SPBE evidence (bukti dukung)")]

    def save(self, *args, **kwargs):
        if (
            self.verification_status == self.Status.VERIFIED
            and self.verified_at is None
        ):
            self.verified_at = timezone.now()
        elif self.verification_status != self.Status.VERIFIED:
            self.verified_at = None
        super().save(*args, **kwargs)


class SpbeLevelReached(Orderable):
    """The level the host states it reached on one SPBE indicator with this
    case study (one row per indicator, which must be among the page's
    ``spbe_indicators``: checked by ``InnovationPageForm``). The what-if
    simulator and the recommendations (livinglab/adoptions/gains.py) use it
    instead of the host region's own evaluated level."""

    page = ParentalKey(
        InnovationPage,
        verbose_name=_("case study"),
        on_delete=models.CASCADE,
        related_name="spbe_levels",
    )
    sort_order = models.IntegerField(_("order"), null=True, blank=True, editable=False)
    indicator = models.ForeignKey(
        SpbeIndicator,
        verbose_name=_("SPBE indicator"),
        on_delete=models.CASCADE,
        related_name="+",
        # the framework in force (a draft framework repeats the numbers)
        limit_choices_to={"framework__status": "active"},
    )
    level = models.PositiveSmallIntegerField(
        _("level reached"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Optional: how the host reached it, e.g. the evaluation year."),
    )

    panels = [
        FieldRowPanel([FieldPanel("indicator"), FieldPanel("level")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("SPBE level reached")
        verbose_name_plural = _("SPBE levels reached")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "indicator"], name="unique_level_reached_per_indicator"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1) & models.Q(level__lte=5),
                name="level_reached_range",
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.level}"

    def clean(self):
        """The level must be one of the indicator's framework levels."""
        super().clean()
        if self.indicator_id is None or self.level is None:
            return
        framework = self.indicator.framework
        levels = {row.get("level") for row in framework.levels or []} or set(
            range(1, 6)
        )
        if self.level not in levels:
            raise ValidationError(
                {
                    "level": _(
                        "%(framework)s has levels %(levels)s; %(level)s is not one."
                    )
                    % {
                        "framework": framework.label,
                        "levels": ", ".join(str(n) for n in sorted(levels)),
                        "level": self.level,
                    }
                }
            )


class Mentor(Orderable):
    page = ParentalKey(InnovationPage, on_delete=models.CASCADE, related_name="mentors")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldPanel("email"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("mentor")


class NationalApplicationLink(Orderable):
    """How a case study relates to one national application (Perpres
    82/2023): it integrates with it (uses it, e.g. through SPLP) or it
    overlaps it (does what the national application does). A region
    registering interest in an overlapping one is warned
    (livinglab/adoptions/forms.py ``InterestForm``)."""

    class Relation(models.TextChoices):
        INTEGRATES = "integrates", _("Integrates with")
        OVERLAPS = "overlaps", _("Overlaps with")

    page = ParentalKey(
        InnovationPage,
        verbose_name=_("case study"),
        on_delete=models.CASCADE,
        related_name="national_applications",
    )
    sort_order = models.IntegerField(_("order"), null=True, blank=True, editable=False)
    application = models.ForeignKey(
        NationalApplication,
        verbose_name=_("national application"),
        on_delete=models.PROTECT,
        related_name="case_study_links",
    )
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    reason = models.CharField(
        _("reason"),
        max_length=300,
        help_text=_("One sentence: what it shares with the national application."),
    )

    panels = [
        FieldRowPanel([FieldPanel("application"), FieldPanel("relation")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("national application link")
        verbose_name_plural = _("national application links")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "application"], name="unique_national_app_per_page"
            )
        ]

    def __str__(self):
        return f"{self.get_relation_display()} {self.application.name}"

    @property
    def overlaps(self):
        return self.relation == self.Relation.OVERLAPS
