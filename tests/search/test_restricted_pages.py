"""A view-restricted case study leaves the public search at once, on both
backends, and comes back when the restriction goes (issue 12, finding 3).

The restriction is added the way Wagtail's privacy dialog adds it (a
``PageViewRestriction`` row), on the case study itself or on an index page
above it; nothing else is called, so the signals alone must do the work.
"""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from innovations.importer import import_innovations
from innovations.models import InnovationIndexPage, InnovationPage
from search import indexer, service
from search.models import SearchDocument

from .conftest import MARK, _record

pytestmark = pytest.mark.django_db

WORD = "zamrudwangi"  # only the hidden case study carries it
TITLE = "Surat Dinas Zamrudwangi dengan TTE Xylofon"


@pytest.fixture
def hidden(backend, corpus):
    """A published case study under its own index page, close in text to
    ``uji-tte-surat`` (so it is among that page's related innovations)."""
    library = InnovationIndexPage.objects.get(
        slug="inovasi", locale__language_code="id"
    )
    section = InnovationIndexPage(title="Bagian uji tertutup", slug="bagian-tertutup")
    library.add_child(instance=section)
    section.save_revision().publish()
    import_innovations(
        {
            "innovations": [
                _record(
                    "uji-zamrud",
                    TITLE,
                    "Naskah dinas ditandatangani dengan TTE dari BSrE; "
                    f"{WORD} menyimpan arsip surat.",
                    dimensions=["Smart Environment"],
                    tech=["Python"],
                    source_code=[
                        {
                            "url": "https://git.example.go.id/zamrud",
                            "license": "MIT",
                        }
                    ],
                )
            ]
        }
    )
    page = InnovationPage.objects.get(slug="uji-zamrud")
    page.move(section, pos="last-child")
    page.refresh_from_db()
    _settle(backend)
    return {"page": page, "section": section}


def _settle(backend):
    """Push the outbox to Elasticsearch (what the worker does) and refresh."""
    if backend == "elasticsearch":
        result = indexer.drain(refresh=True)
        assert not result.error


def _restrict(target, kind):
    if kind == "password":
        return PageViewRestriction.objects.create(
            page=target, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    if kind == "login":
        return PageViewRestriction.objects.create(
            page=target, restriction_type=PageViewRestriction.LOGIN
        )
    restriction = PageViewRestriction.objects.create(
        page=target, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Moderators")])
    return restriction


def _search(client, q):
    response = client.get("/api/v1/search/", {"q": q, "page_size": 50})
    assert response.status_code == 200
    return response.json()


def _visible(client, page, backend):
    """Where the case study shows: each public output of the search."""
    found = _search(client, WORD)
    assert found["backend"] == backend
    facets = _search(client, MARK)["facets"]
    dimensions = {f["value"]: f["count"] for f in facets.get("dimension", [])}
    suggestions = client.get("/api/v1/search/suggest/", {"q": "Zamrudwangi"}).json()
    related = service.related(InnovationPage.objects.get(slug="uji-tte-surat").pk, 10)
    return {
        "results": any(r["slug"] == page.slug for r in found["results"]),
        "text": any(WORD in str(r).lower() for r in found["results"]),
        "facet": dimensions.get("Smart Environment", 0) > 0,
        "autocomplete": any(s["title"] == TITLE for s in suggestions["suggestions"]),
        "related": any(r["slug"] == page.slug for r in related),
        "document": SearchDocument.objects.filter(page_id=page.pk).exists(),
    }


EVERYWHERE = {
    "results": True,
    "text": True,
    "facet": True,
    "autocomplete": True,
    "related": True,
    "document": True,
}
NOWHERE = dict.fromkeys(EVERYWHERE, False)


@pytest.mark.parametrize("where", ["page", "ancestor"])
@pytest.mark.parametrize("kind", ["password", "login", "groups"])
def test_a_restricted_case_study_leaves_search_and_comes_back(
    client, backend, hidden, kind, where
):
    page = hidden["page"]
    assert _visible(client, page, backend) == EVERYWHERE

    restriction = _restrict(page if where == "page" else hidden["section"], kind)
    _settle(backend)
    assert _visible(client, page, backend) == NOWHERE

    restriction.delete()
    _settle(backend)
    assert _visible(client, page, backend) == EVERYWHERE


def test_moving_under_a_restricted_section_hides_it(client, backend, hidden):
    library = InnovationIndexPage.objects.get(
        slug="inovasi", locale__language_code="id"
    )
    closed = InnovationIndexPage(title="Tertutup", slug="tertutup")
    library.add_child(instance=closed)
    closed.save_revision().publish()
    _restrict(closed, "login")
    _settle(backend)
    assert _visible(client, hidden["page"], backend) == EVERYWHERE

    hidden["page"].move(closed, pos="last-child")
    _settle(backend)
    assert _visible(client, hidden["page"], backend) == NOWHERE


def test_rebuilding_the_documents_leaves_restricted_pages_out(backend, hidden):
    from django.core.management import call_command

    _restrict(hidden["section"], "password")
    call_command("search_index", "refresh-documents", verbosity=0)
    assert not SearchDocument.objects.filter(page_id=hidden["page"].pk).exists()
    assert InnovationPage.objects.published().filter(pk=hidden["page"].pk).count() == 0
