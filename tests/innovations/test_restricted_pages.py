"""Every public output reads one definition of "published": live and with no
view restriction on the page or an ancestor (issue 12, finding 3).

The case study is restricted the way Wagtail's privacy dialog does it, on
the page or on the index page above it, with each kind of restriction; it
must then be absent from the API (list, detail, parts, facet counts), the
publiccode.yml address, the open data, ``export_innovations``, the library
page and a region's public adoption list, and back when the restriction goes.
"""

import datetime
import json

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import PageViewRestriction

import pytest

from innovations.factories import InnovationPageFactory, SourceCodeLinkFactory
from innovations.importer import export_innovations
from innovations.models import InnovationIndexPage, InnovationPage
from livinglab.adoptions import pipeline
from livinglab.opendata.tables import adoption_table, innovation_table
from livinglab.regions.models import Region

pytestmark = pytest.mark.django_db

TITLE = "Inovasi Rahasia Zamrudwangi"


@pytest.fixture
def hidden(library):
    """A published case study with public code, under its own index page,
    replicated by Kota Bandung."""
    section = InnovationIndexPage(title="Bagian tertutup", slug="bagian-tertutup")
    library.add_child(instance=section)
    section.save_revision().publish()
    page = InnovationPageFactory(parent=section, title=TITLE, slug="rahasia-zamrud")
    link = SourceCodeLinkFactory(page=page)
    page.save_revision().publish()
    adopter = Region.objects.get(code="32.73")
    pipeline.start_adoption(
        region=adopter,
        innovation=page,
        date=datetime.date.today(),
        actor=None,
    )
    return {"page": page, "section": section, "link": link, "adopter": adopter}


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


def _shown(client, library, hidden):
    """Where the case study shows, output by output."""
    page, link = hidden["page"], hidden["link"]
    listing = client.get("/api/v1/innovations/", {"page_size": 100})
    assert listing.status_code == 200
    everything = listing.json()["results"]
    while listing.json().get("next"):
        listing = client.get(listing.json()["next"])
        everything += listing.json()["results"]
    code = client.get(f"/inovasi-kode/{page.slug}/publiccode/{link.pk}.yml")
    exported = json.loads(json.dumps(export_innovations(), default=str))
    adoptions = client.get(f"/api/v1/regions/{hidden['adopter'].code}/adoptions/")
    return {
        "api_list": any(r["slug"] == page.slug for r in everything),
        "api_detail": client.get(f"/api/v1/innovations/{page.slug}/").status_code
        == 200,
        "api_source_code": client.get(
            f"/api/v1/innovations/{page.slug}/source-code/"
        ).status_code
        == 200,
        "publiccode": code.status_code == 200,
        "open_data": any(row["slug"] == page.slug for row in innovation_table().rows),
        "open_data_adoptions": any(
            row["innovation_slug"] == page.slug for row in adoption_table().rows
        ),
        "export_innovations": any(
            r["slug"] == page.slug for r in exported["innovations"]
        ),
        "library_page": TITLE in client.get(library.url).content.decode(),
        "region_adoptions": any(
            a["innovation"] == page.slug for a in adoptions.json()["results"]
        ),
    }


def _everywhere(shown):
    return dict.fromkeys(shown, True)


@pytest.mark.parametrize("where", ["page", "ancestor"])
@pytest.mark.parametrize("kind", ["password", "login", "groups"])
def test_a_restricted_case_study_leaves_every_public_output(
    client, library, hidden, kind, where
):
    before = _shown(client, library, hidden)
    assert before == _everywhere(before)

    restriction = _restrict(
        hidden["page"] if where == "page" else hidden["section"], kind
    )
    hidden_now = _shown(client, library, hidden)
    assert not any(hidden_now.values()), hidden_now

    restriction.delete()
    after = _shown(client, library, hidden)
    assert after == _everywhere(after)


def test_facet_counts_drop_by_one(client, hidden):
    def sumedang():
        body = client.get("/api/v1/innovations/", {"facets": "true"}).json()
        return {f["value"]: f["count"] for f in body["facets"]["host"]}.get(
            "Kabupaten Sumedang", 0
        )

    before = sumedang()
    _restrict(hidden["section"], "login")
    assert sumedang() == before - 1


def test_export_command_leaves_restricted_pages_out(hidden, tmp_path, capsys):
    _restrict(hidden["page"], "password")
    call_command("export_innovations")
    out = capsys.readouterr().out
    assert "rahasia-zamrud" not in out
    assert TITLE not in out


def test_published_is_live_and_public(hidden):
    page = hidden["page"]
    assert InnovationPage.objects.published().filter(pk=page.pk).exists()
    restriction = _restrict(hidden["section"], "groups")
    assert not InnovationPage.objects.published().filter(pk=page.pk).exists()
    restriction.delete()
    page.unpublish()
    assert not InnovationPage.objects.published().filter(pk=page.pk).exists()
