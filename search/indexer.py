"""Writing to Elasticsearch: rebuild behind an alias, drain the outbox, check.

Nothing here runs in a web request. ``rebuild`` fills a new versioned index
from SearchDocument and swaps the alias atomically, so searches never see a
half-built index. ``drain`` pushes the pages named in the outbox and deletes
the rows only when Elasticsearch accepted them; on a failure the rows stay,
with the error, for the next run.
"""

import logging
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from elasticsearch import helpers
from elasticsearch.exceptions import ApiError, TransportError

from innovations.models import InnovationPage

from .client import get_client
from .documents import SCHEMA_VERSION, InnovationDocument, alias_name, to_source
from .models import SearchDocument, SearchOutbox

logger = logging.getLogger(__name__)


class SearchUnavailable(Exception):
    pass


def _client():
    client = get_client()
    if client is None:
        raise SearchUnavailable(
            "ELASTICSEARCH_URL is not set: search runs on the database."
        )
    return client


def current_index(client):
    try:
        return next(iter(client.indices.get_alias(name=alias_name())), None)
    except ApiError as exc:
        if exc.meta.status == 404:
            return None
        raise


def create_index(client, name):
    InnovationDocument.init(index=name, using=client)


def ensure_index(client):
    """The alias exists (an empty first index is created if needed)."""
    if current_index(client) is None:
        name = f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"
        create_index(client, name)
        client.indices.put_alias(index=name, name=alias_name())


def _actions(documents, index):
    for document in documents:
        yield {
            "_op_type": "index",
            "_index": index,
            "_id": document.page_id,
            "_source": to_source(document),
        }


def rebuild(progress=None, chunk_size=500):
    """Build a fresh index from SearchDocument and swap the alias to it."""
    client = _client()
    name = f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"
    create_index(client, name)
    client.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
    total = SearchDocument.objects.count()
    started = time.perf_counter()
    indexed = 0
    for ok, _item in helpers.streaming_bulk(
        client.options(request_timeout=120),
        _actions(SearchDocument.objects.iterator(chunk_size=chunk_size), name),
        chunk_size=chunk_size,
        raise_on_error=True,
    ):
        indexed += ok
        if progress:
            progress(indexed, total)
    client.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
    client.indices.refresh(index=name)
    old = current_index(client)
    actions = [{"add": {"index": name, "alias": alias_name()}}]
    if old:
        actions.insert(0, {"remove": {"index": old, "alias": alias_name()}})
    client.indices.update_aliases(actions=actions)
    if old:
        client.indices.delete(index=old, ignore_unavailable=True)
    # Changes queued while we built are already in SearchDocument, hence here.
    return {"index": name, "indexed": indexed, "seconds": time.perf_counter() - started}


@dataclass
class DrainResult:
    pushed: int = 0
    deleted: int = 0
    remaining: int = 0
    error: str = ""
    rows: list = field(default_factory=list)


def drain(batch_size=500, refresh=False):
    """Push the pages named in the outbox; stop at the first failure."""
    result = DrainResult()
    client = _client()
    while True:
        with transaction.atomic():
            rows = SearchOutbox.objects.order_by("id")
            if connection.features.has_select_for_update_skip_locked:
                rows = rows.select_for_update(skip_locked=True)
            rows = list(rows[:batch_size])
            if not rows:
                break
            page_ids = {row.page_id for row in rows}
            documents = {
                d.page_id: d
                for d in SearchDocument.objects.filter(page_id__in=page_ids)
            }
            actions = [
                {
                    "_op_type": "index",
                    "_index": alias_name(),
                    "_id": pid,
                    "_source": to_source(documents[pid]),
                }
                if pid in documents
                else {"_op_type": "delete", "_index": alias_name(), "_id": pid}
                for pid in sorted(page_ids)
            ]
            try:
                ensure_index(client)
                _ok, errors = helpers.bulk(
                    client, actions, raise_on_error=False, refresh=refresh
                )
                failed = [e for e in errors if not _is_missing_delete(e)]
                if failed:
                    raise SearchUnavailable(str(failed[:3]))
            except (TransportError, ApiError, SearchUnavailable) as exc:
                message = f"{type(exc).__name__}: {exc}"[:1000]
                SearchOutbox.objects.filter(pk__in=[r.pk for r in rows]).update(
                    attempts=F("attempts") + 1, last_error=message
                )
                logger.warning(
                    "search outbox: Elasticsearch refused %s row(s): %s",
                    len(rows),
                    message,
                )
                result.error = message
                break
            SearchOutbox.objects.filter(pk__in=[r.pk for r in rows]).delete()
            result.pushed += sum(1 for a in actions if a["_op_type"] == "index")
            result.deleted += sum(1 for a in actions if a["_op_type"] == "delete")
    result.remaining = SearchOutbox.objects.count()
    return result


def _is_missing_delete(error):
    item = error.get("delete")
    return bool(item) and item.get("status") == 404


def index_schema(client):
    """The ``SCHEMA_VERSION`` the live index was built with (its mapping's
    ``_meta``; 1 for an index older than the marker), or None without one."""
    index = current_index(client)
    if index is None:
        return None
    mapping = client.indices.get_mapping(index=index)[index]["mappings"]
    return mapping.get("_meta", {}).get("schema_version", 1)


def check():
    """Compare the database's live case studies with the index, and the
    index's schema with the code's (``schema_outdated``: rebuild)."""
    client = _client()
    client.indices.refresh(index=alias_name())
    schema = index_schema(client)
    live = set(InnovationPage.objects.published().values_list("pk", flat=True))
    in_db = set(SearchDocument.objects.values_list("page_id", flat=True))
    in_index = {
        int(hit["_id"])
        for hit in helpers.scan(
            client,
            index=alias_name(),
            query={"query": {"match_all": {}}},
            _source=False,
        )
    }
    return {
        "database": len(in_db),
        "index": len(in_index),
        "missing_from_index": sorted(in_db - in_index),
        "not_in_database": sorted(in_index - in_db),
        "live_pages": len(live),
        "live_without_document": sorted(live - in_db),
        "outbox": SearchOutbox.objects.count(),
        "schema": SCHEMA_VERSION,
        "index_schema": schema,
        "schema_outdated": schema is not None and schema != SCHEMA_VERSION,
    }
