"""The search outbox is drained by a background job (issue 18.7):
``search.tasks.drain_search_outbox``, which ``enqueue_jobs frequent``
enqueues; the outbox itself stays the transactional queue."""

from io import StringIO

from django.core.management import call_command

import pytest

from search.models import SearchDocument, SearchOutbox
from search.tasks import drain_search_outbox


@pytest.mark.elasticsearch
def test_the_job_pushes_queued_changes(es_settings, corpus):
    call_command("search_index", "rebuild", verbosity=0)
    page_id = SearchDocument.objects.values_list("page_id", flat=True).first()
    SearchOutbox.objects.create(page_id=page_id)
    result = drain_search_outbox.enqueue()
    assert result.return_value["pushed"] >= 1  # ours and those queued earlier
    assert result.return_value["error"] == ""
    assert not SearchOutbox.objects.exists()


@pytest.mark.elasticsearch
def test_enqueue_jobs_frequent_drains_the_outbox(es_settings, corpus):
    call_command("search_index", "rebuild", verbosity=0)
    page_id = SearchDocument.objects.values_list("page_id", flat=True).first()
    SearchOutbox.objects.create(page_id=page_id)
    out = StringIO()
    call_command("enqueue_jobs", "frequent", stdout=out)
    assert "drain_search_outbox" in out.getvalue()
    assert not SearchOutbox.objects.exists()
