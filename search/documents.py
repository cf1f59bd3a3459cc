"""The Elasticsearch index, written with elasticsearch-dsl (``elasticsearch.dsl``).

Only core analysis is used (the CI distribution has no analysis-common):
the plain-text fields use the ``standard`` analyzer; the ``*_stemmed`` and
``synonyms`` fields hold tokens already produced by search/analysis.py and
use ``whitespace``. Facets are keywords. Indices are versioned
(``<prefix>-innovations-<timestamp>``) behind the alias ``<prefix>-innovations``.

``SCHEMA_VERSION`` is written into each index's mapping (``_meta``); raise
it whenever the document changes (a field, or the text it holds), so
``search_index check`` says the live index is older and wants
``search_index refresh-documents`` then ``rebuild`` (docs/SEARCH.md). 1: up
to issue 14; 2: ``stopped_on`` and the public FAQ in ``extra`` (issue 18);
3: the live English translation's text (issue 20): ``title_en``,
``summary_en``, ``body_en``, ``extra_en`` (``standard``), their English
analysis ``*_en_stemmed`` and ``synonyms_en`` (``whitespace``, tokens of
search/analysis.py's Snowball stemming), ``excerpt_en`` (not searched).
"""

from django.conf import settings

from elasticsearch.dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    MetaField,
    Text,
)

from innovations.search import FACETS

from .snippets import SCAN as SNIPPET_SCAN

SCHEMA_VERSION = 3
STANDARD = "standard"
WHITESPACE = "whitespace"


def alias_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-innovations"


class InnovationDocument(Document):
    slug = Keyword()
    url = Keyword(index=False)
    title = Text(analyzer=STANDARD, term_vector="with_positions_offsets")
    summary = Text(analyzer=STANDARD, term_vector="with_positions_offsets")
    body = Text(analyzer=STANDARD, term_vector="with_positions_offsets")
    extra = Text(analyzer=STANDARD)
    # the start of the body, returned with hits for snippets; not searched
    excerpt = Text(index=False)
    title_stemmed = Text(analyzer=WHITESPACE)
    summary_stemmed = Text(analyzer=WHITESPACE)
    body_stemmed = Text(analyzer=WHITESPACE)
    extra_stemmed = Text(analyzer=WHITESPACE)
    synonyms = Text(analyzer=WHITESPACE)
    # the live English translation (issue 20), searched by English queries
    title_en = Text(analyzer=STANDARD)
    summary_en = Text(analyzer=STANDARD)
    body_en = Text(analyzer=STANDARD)
    extra_en = Text(analyzer=STANDARD)
    excerpt_en = Text(index=False)
    title_en_stemmed = Text(analyzer=WHITESPACE)
    summary_en_stemmed = Text(analyzer=WHITESPACE)
    body_en_stemmed = Text(analyzer=WHITESPACE)
    extra_en_stemmed = Text(analyzer=WHITESPACE)
    synonyms_en = Text(analyzer=WHITESPACE)
    suggest = Completion(analyzer="simple", preserve_separators=False)
    host_region = Keyword()
    year_launched = Integer()
    replication_count = Integer()
    published_at = Date()
    stopped_on = Date()
    has_source_code = Boolean()

    class Meta:
        meta = MetaField(schema_version=SCHEMA_VERSION)

    class Index:
        settings = {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "max_result_window": 10000,
        }


for _facet in FACETS:
    InnovationDocument._doc_type.mapping.field(f"f_{_facet}", Keyword())


def suggest_inputs(document, limit=20):
    """Completion inputs of a SearchDocument row, as a list of at most
    ``limit`` strings in a fixed order.

    The title, then the title from each of its next five words on (so
    'tanda' completes 'Tanda Tangan Elektronik' and so does 'elek'), then
    the synonym tokens in their stored order. The title's inputs always come
    first: an earlier version built a set and cut it at ``limit``, so with
    many synonyms a title suffix fell off at random (hash order changes per
    process) and the case study vanished from autocomplete now and then.
    """
    words = document.title.split()
    ordered = [document.title]
    ordered += [" ".join(words[i:]) for i in range(1, min(len(words), 6))]
    ordered += [w for w in document.synonyms.split() if len(w) > 1]
    inputs = list(dict.fromkeys(i for i in ordered if i.strip()))
    return inputs[:limit]


def to_source(document):
    """The Elasticsearch source of a SearchDocument row."""
    source = {
        "slug": document.slug,
        "url": document.url,
        "title": document.title,
        "summary": document.summary,
        "body": document.body_text,
        "extra": document.extra_text,
        "excerpt": document.body_text[:SNIPPET_SCAN],
        "title_stemmed": document.title_stemmed,
        "summary_stemmed": document.summary_stemmed,
        "body_stemmed": document.body_stemmed,
        "extra_stemmed": document.extra_stemmed,
        "synonyms": document.synonyms,
        "title_en": document.title_en,
        "summary_en": document.summary_en,
        "body_en": document.body_text_en,
        "extra_en": document.extra_text_en,
        "excerpt_en": document.body_text_en[:SNIPPET_SCAN],
        "title_en_stemmed": document.title_en_stemmed,
        "summary_en_stemmed": document.summary_en_stemmed,
        "body_en_stemmed": document.body_en_stemmed,
        "extra_en_stemmed": document.extra_en_stemmed,
        "synonyms_en": document.synonyms_en,
        "suggest": {
            "input": suggest_inputs(document),
            "weight": 1 + min(document.replication_count, 50),
        },
        "host_region": document.host_region,
        "year_launched": document.year_launched,
        "replication_count": document.replication_count,
        "published_at": document.published_at.isoformat()
        if document.published_at
        else None,
        "stopped_on": document.stopped_on.isoformat() if document.stopped_on else None,
        "has_source_code": document.facets.get("has_source_code") == ["ya"],
    }
    for facet in FACETS:
        source[f"f_{facet}"] = document.facets.get(facet, [])
    return source
