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

from django.db import models


class SearchDocument(models.Model):
    page_id = models.PositiveIntegerField(primary_key=True)
    slug = models.SlugField(max_length=255, db_index=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    host_region = models.CharField(max_length=5, db_index=True)
    year_launched = models.PositiveSmallIntegerField(null=True)
    published_at = models.DateTimeField(null=True)
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
    # every analysed token, space-padded, for the database backend's matching
    search_text = models.TextField(blank=True)
    # facet name -> list of values (search/facets.py)
    facets = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at"]
        # the database backend's cache of known facet values keys on the newest change
        indexes = [models.Index(fields=["updated_at"], name="search_document_updated")]

    def __str__(self):
        return self.title


class SearchOutbox(models.Model):
    page_id = models.PositiveIntegerField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"page {self.page_id}"
