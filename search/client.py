"""The Elasticsearch client: which search backend serves, and is it answering.

``ELASTICSEARCH_URL`` unset: the database fallback. Set: Elasticsearch,
falling back to the database when the cluster does not answer. The client is
built once per process (it pools connections) with short timeouts, so a slow
cluster costs a request at most ``ELASTICSEARCH_TIMEOUT`` seconds.
"""

import functools
import logging

from django.conf import settings

from elasticsearch import Elasticsearch
from elasticsearch.exceptions import ApiError, TransportError

logger = logging.getLogger(__name__)

ELASTICSEARCH = "elasticsearch"
DATABASE = "database"


@functools.cache
def _client(url, timeout):
    return Elasticsearch(url, request_timeout=timeout, max_retries=0)


def get_client():
    """The shared Elasticsearch client, or None when search runs on the database."""
    if not settings.ELASTICSEARCH_URL:
        return None
    return _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)


def server_version(client):
    """The server version from the nodes API: this distribution has no
    rest-root module, so ``GET /`` (``client.info()``) answers 405."""
    nodes = client.nodes.info(filter_path="nodes.*.version")
    versions = {node["version"] for node in nodes["nodes"].values()}
    return ",".join(sorted(versions))


def search_status():
    """Describe the configured backend for /healthz.

    Returns ``{"backend": ..., "ok": bool, ...}``; never raises.
    """
    client = get_client()
    if client is None:
        return {"backend": DATABASE, "ok": True, "configured": DATABASE}
    try:
        health = client.cluster.health(timeout="1s")
    except (TransportError, ApiError) as exc:
        logger.warning("Elasticsearch is not answering: %s", exc)
        return {
            "backend": DATABASE,
            "configured": ELASTICSEARCH,
            "ok": False,
            "error": type(exc).__name__,
        }
    status = health.get("status")
    return {
        "backend": ELASTICSEARCH,
        "configured": ELASTICSEARCH,
        "ok": status in ("green", "yellow"),
        "cluster_status": status,
        "version": server_version(client),
    }
