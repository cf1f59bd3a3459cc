"""What search reads, kept in our own database.

``SearchDocument`` is one row per *live* case study, holding the text as the
Python analysis left it (normalised and stemmed, with synonyms) and its facet
values. It is written in the same transaction as the publish, from the live
version re-fetched from the database, so a saved draft never reaches it. The
database backend searches these rows; the Elasticsearch documents are copied
from them, so both backends see the same analysis.

The database keeps full-text structures over the analysed columns itself
(migration 0003, maintained on every write, invisible to the ORM): on SQLite
the FTS5 table ``search_searchdocument_fts`` and its triggers, on PostgreSQL
the generated, weighted ``search_vector`` column and its GIN index.

``SearchOutbox`` is the durable queue towards Elasticsearch: a row says
"page N changed". A worker (``search_index drain``) pushes the current state
of those pages and deletes the rows only after Elasticsearch accepted them,
so nothing is lost while the cluster is down and the request never waits.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    page_id = models.PositiveIntegerField(primary_key=True)
    slug = models.SlugField(max_length=255, db_index=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    host_region = models.CharField(max_length=5, db_index=True)
    year_launched = models.PositiveSmallIntegerField(null=True)
    published_at = models.DateTimeField(null=True)
    # the host stopped running it (InnovationPage.stopped_on, "Dihentikan"):
    # still found, marked on the result card
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    replication_count = models.PositiveIntegerField(default=0)
    # plain text as written, for Elasticsearch's own matching and highlights
    body_text = models.TextField(blank=True)
    extra_text = models.TextField(blank=True)
    # analysed text (search/analysis.py)
    title_norm = models.TextField(blank=True)
    title_stemmed = models.TextField(blank=True)
    summary_norm = models.TextField(blank=True)
    summary_stemmed = models.TextField(blank=True)
    body_norm = models.TextField(blank=True)
    body_stemmed = models.TextField(blank=True)
    extra_norm = models.TextField(blank=True)
    extra_stemmed = models.TextField(blank=True)
    synonyms = models.TextField(blank=True)
    # the live English translation (issue 20), if any: shown to English
    # readers, and analysed with the English analysis (Snowball stems,
    # English synonyms) into its own columns, searched by English queries only
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    summary_en = models.TextField(_("English summary"), blank=True)
    body_text_en = models.TextField(_("English body text"), blank=True)
    extra_text_en = models.TextField(_("English other text"), blank=True)
    title_en_norm = models.TextField(_("English title, normalised"), blank=True)
    title_en_stemmed = models.TextField(_("English title, stemmed"), blank=True)
    summary_en_norm = models.TextField(_("English summary, normalised"), blank=True)
    summary_en_stemmed = models.TextField(_("English summary, stemmed"), blank=True)
    body_en_norm = models.TextField(_("English body, normalised"), blank=True)
    body_en_stemmed = models.TextField(_("English body, stemmed"), blank=True)
    extra_en_norm = models.TextField(_("English other text, normalised"), blank=True)
    extra_en_stemmed = models.TextField(_("English other text, stemmed"), blank=True)
    synonyms_en = models.TextField(_("English synonyms"), blank=True)
    # every analysed token, space-padded, for the database backend's matching
    search_text = models.TextField(blank=True)
    # facet name -> list of values (search/facets.py)
    facets = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at"]
        # the database backend's cache of known facet values keys on the newest change
        # (PostgreSQL also has indexes in the orders of the "newest" and "most
        # replicated" sorts: migration 0006)
        indexes = [models.Index(fields=["updated_at"], name="search_document_updated")]

    def __str__(self):
        return self.title

    @property
    def translated(self):
        """True when the document carries a live English translation."""
        return bool(self.title_en)


class SearchOutbox(models.Model):
    page_id = models.PositiveIntegerField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"page {self.page_id}"


class SynonymSet(models.Model):
    """One group of equivalent phrases (an acronym, its long form, spelling
    variants), edited by moderators as a Wagtail snippet. Shipped with
    search/data/synonyms_id.txt and synonyms_en.txt
    (``load_search_vocabulary``); once the table has rows of a language,
    search/analysis.py reads them instead of that language's file. A set
    applies to the text and queries of its ``language`` only."""

    class Language(models.TextChoices):
        INDONESIAN = "id", _("Indonesian")
        ENGLISH = "en", _("English")

    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        default=Language.INDONESIAN,
        blank=True,  # left out of a form: Indonesian
        help_text=_("The language of the phrases: they apply to its text only."),
    )
    phrases = models.TextField(
        _("phrases"),
        help_text=_(
            "Equivalent phrases separated by commas, acronym first: "
            "tte, tanda tangan elektronik"
        ),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["phrases"]
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonym sets")

    def __str__(self):
        return self.phrases[:80]

    def phrase_list(self):
        """The normalised phrases, in order, without repeats or empties."""
        from .analysis import normalize

        return list(
            dict.fromkeys(
                p for p in (normalize(x) for x in self.phrases.split(",")) if p
            )
        )

    def clean(self):
        self.language = self.language or self.Language.INDONESIAN
        if len(self.phrase_list()) < 2:
            raise ValidationError(
                {"phrases": _("Give at least two phrases, separated by commas.")}
            )


class GlossaryEntry(models.Model):
    """An English e-government term and its Indonesian equivalents, edited by
    moderators as a Wagtail snippet: the case studies are in Indonesian, so
    an English query is also searched in Indonesian. Shipped with
    search/data/glossary_en_id.txt (``load_search_vocabulary``)."""

    english = models.CharField(_("English"), max_length=120, unique=True)
    indonesian = models.CharField(
        _("Indonesian"),
        max_length=255,
        help_text=_("One or more phrases separated by semicolons: tanda tangan; tte"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["english"]
        verbose_name = _("glossary entry")
        verbose_name_plural = _("glossary entries")

    def __str__(self):
        return f"{self.english} = {self.indonesian}"

    def clean(self):
        from .analysis import normalize

        self.english = self.english.strip()
        if not normalize(self.english):
            raise ValidationError({"english": _("Give an English word or phrase.")})
        if not any(normalize(p) for p in self.indonesian.split(";")):
            raise ValidationError(
                {"indonesian": _("Give at least one Indonesian phrase.")}
            )


class QueryWeek(models.Model):
    """How often a query was searched on the public page in one week and how
    often it found nothing: what teams look for and the vocabulary misses.
    Only the normalised words and counts are kept; no user, IP address,
    session or time of day (the week is its Monday)."""

    week = models.DateField(_("week"))
    query = models.CharField(_("query"), max_length=200)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("without results"), default=0)
    # searches of the week whose results got a click (at most one per search:
    # search/views.py result_click); those with results but none are "no click"
    clicked = models.PositiveIntegerField(_("with a click"), default=0)

    class Meta:
        ordering = ["-week", "-zero_results", "-searches"]
        verbose_name = _("searched query")
        verbose_name_plural = _("searched queries")
        constraints = [
            models.UniqueConstraint(fields=["week", "query"], name="search_query_week")
        ]

    def __str__(self):
        return f"{self.week}: {self.query}"

    @property
    def no_click(self):
        """Searches of the week that found something but got no click:
        ``searches - zero_results - clicked``, never below 0 (a click on a
        search of the week before the row was counted still counts)."""
        return max(self.searches - self.zero_results - self.clicked, 0)
