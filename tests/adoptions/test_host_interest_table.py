"""The host's "new interest to answer": a table of unacknowledged interest
only (issue 16, item 11), the oldest first, with region, case study, date,
contact, the letter of intent and the acknowledge action."""

import datetime
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from innovations.models import InnovationPage
from livinglab.adoptions import pipeline
from livinglab.adoptions.models import Adoption, AdoptionFile
from livinglab.base.files import minimal_pdf
from livinglab.regions.models import Region


def _table(html):
    match = re.search(r'<table[^>]*id="waiting-table".*?</table>', html, re.S)
    assert match, "no table of new interest"
    return match.group(0)


@pytest.fixture
def interests(sumedang, sumedang_host):
    """Four records of Sumedang's innovations: two waiting (Bandung older than
    Garut), one past interest without acknowledgement, one acknowledged."""
    pages = list(
        InnovationPage.objects.originals()
        .live()
        .filter(host_region=sumedang)
        .order_by("title")
    )
    Adoption.objects.filter(innovation__in=pages).delete()
    page = pages[0]
    garut, bandung, semarang, banyuwangi = (
        Region.objects.get(code=code) for code in ("32.05", "32.73", "33.74", "35.10")
    )
    newer = pipeline.start_adoption(
        region=garut,
        innovation=page,
        date=datetime.date(2026, 3, 10),
        actor=None,
        contact_name="Ibu Rina",
        contact_email="rina@garutkab.go.id",
        responsible_opd="Diskominfo Garut",
    )
    letter = AdoptionFile.store(
        adoption=newer,
        kind=AdoptionFile.Kind.LETTER_OF_INTENT,
        uploaded=SimpleUploadedFile(
            "surat-minat.pdf", minimal_pdf(["Surat minat"]), "application/pdf"
        ),
    )
    newer.letter_of_intent = letter
    newer.save(update_fields=["letter_of_intent"])
    older = pipeline.start_adoption(
        region=bandung, innovation=page, date=datetime.date(2025, 11, 2), actor=None
    )
    past = pipeline.start_adoption(
        region=semarang, innovation=page, date=datetime.date(2025, 6, 1), actor=None
    )
    pipeline.record_step(
        adoption=past,
        to_stage="kesepakatan",
        date=datetime.date(2025, 9, 1),
        actor=None,
    )
    answered = pipeline.start_adoption(
        region=banyuwangi, innovation=page, date=datetime.date(2025, 8, 1), actor=None
    )
    pipeline.confirm_as_host(adoption=answered, what="interest")
    return {
        "newer": newer,
        "older": older,
        "past": past,
        "answered": answered,
        "letter": letter,
        "page": page,
    }


def test_only_unacknowledged_interest_oldest_first(client, sumedang_host, interests):
    client.force_login(sumedang_host)
    html = client.get(reverse("adoptions:host")).content.decode()
    table = _table(html)
    older, newer = interests["older"], interests["newer"]
    # Waiting interest only: not the region past interest, not the answered one.
    assert interests["past"].region.name not in table
    assert interests["answered"].region.name not in table
    assert table.index(older.region.name) < table.index(newer.region.name)
    assert table.count("<tr>") == 3  # the header and two rows


def test_row_shows_date_contact_letter_and_action(client, sumedang_host, interests):
    client.force_login(sumedang_host)
    table = _table(client.get(reverse("adoptions:host")).content.decode())
    newer = interests["newer"]
    assert interests["page"].title in table
    assert "2 Nov 2025" in table and "10 Mar 2026" in table
    assert "Ibu Rina" in table and "mailto:rina@garutkab.go.id" in table
    assert "Diskominfo Garut" in table
    letter_url = interests["letter"].url
    assert f'href="{letter_url}"' in table
    assert reverse("adoptions:confirm", args=[newer.pk, "interest"]) in table
    # The letter opens for the host through the private-file view.
    response = client.get(letter_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_acknowledged_interest_leaves_the_table(client, sumedang_host, interests):
    client.force_login(sumedang_host)
    newer = interests["newer"]
    response = client.post(
        reverse("adoptions:confirm", args=[newer.pk, "interest"]), {"next": "host"}
    )
    assert response.status_code == 302
    table = _table(client.get(reverse("adoptions:host")).content.decode())
    assert newer.region.name not in table
    assert interests["older"].region.name in table


def test_table_queries_do_not_grow(client, sumedang_host, interests):
    """The host view costs the same number of queries with 2 or 6 waiting."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(sumedang_host)
    url = reverse("adoptions:host")

    def count_queries():
        client.get(url)  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count_queries()
    for code in ("32.01", "32.02", "32.03", "32.04"):
        pipeline.start_adoption(
            region=Region.objects.get(code=code),
            innovation=interests["page"],
            date=datetime.date(2026, 1, 5),
            actor=None,
            contact_email=f"pic@{code}.go.id",
        )
    assert count_queries() == few
