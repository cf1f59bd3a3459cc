"""What the test distribution of Elasticsearch can and cannot do.

It is core-only: no analysis-common module, so no language analyzers and no
asciifolding, synonym or edge_ngram filters. The search design relies on
this being so (analysis happens in Python), and docs/ELASTICSEARCH.md says it;
if a different distribution is ever used these tests say what changed.
"""

import pytest
from elasticsearch import BadRequestError, Elasticsearch

pytestmark = pytest.mark.elasticsearch


@pytest.fixture(scope="module")
def es(elasticsearch_url):
    return Elasticsearch(elasticsearch_url, request_timeout=10)


def test_only_core_modules_are_loaded(es):
    nodes = es.nodes.info(metric="plugins")["nodes"]
    modules = {m["name"] for node in nodes.values() for m in node["modules"]}
    assert "analysis-common" not in modules
    assert "transport-netty4" in modules


@pytest.mark.parametrize(
    "token_filter", ["asciifolding", "synonym", "edge_ngram", "stemmer"]
)
def test_analysis_common_filters_are_absent(es, token_filter):
    with pytest.raises(BadRequestError):
        es.indices.analyze(
            tokenizer="standard", filter=[token_filter], text="Pelayanan"
        )


def test_language_analyzers_are_absent(es):
    with pytest.raises(BadRequestError):
        es.indices.analyze(analyzer="indonesian", text="pelayanan")


def test_core_standard_analysis_works(es):
    tokens = es.indices.analyze(
        tokenizer="standard", filter=["lowercase"], text="Layanan TTE Café"
    )
    assert [t["token"] for t in tokens["tokens"]] == ["layanan", "tte", "café"]


def test_the_server_is_the_pinned_version(es):
    from search.client import server_version

    assert server_version(es).startswith("8.19.")


def test_there_is_no_root_endpoint(es):
    """No rest-root module: GET / is refused, so code must not call info()."""
    from elasticsearch import ApiError

    with pytest.raises(ApiError) as excinfo:
        es.info()
    assert excinfo.value.meta.status == 405
