"""GET /api/v1/regions/<code>/adoptions/: stages for all, contacts only for some."""

from django.urls import reverse


def test_lists_the_regions_adoptions(client, adoption):
    response = client.get(
        reverse("api:region-adoptions", args=[adoption.region.code.replace(".", "")])
    )
    assert response.status_code == 200
    data = response.json()
    assert data["count"] >= 1
    row = next(
        r for r in data["results"] if r["innovation"] == adoption.innovation.slug
    )
    assert row["stage"] == "minat"
    assert row["region"] == adoption.region.code
    assert "contact_email" not in row and "contact_name" not in row


def test_team_sees_contacts(client, team_member, adoption):
    adoption.contact_email = "opd@garutkab.go.id"
    adoption.save()
    client.force_login(team_member)
    data = client.get(
        reverse("api:region-adoptions", args=[adoption.region.code])
    ).json()
    row = next(
        r for r in data["results"] if r["innovation"] == adoption.innovation.slug
    )
    assert row["contact_email"] == "opd@garutkab.go.id"


def test_other_region_sees_no_contacts(client, other_team_member, adoption):
    client.force_login(other_team_member)
    data = client.get(
        reverse("api:region-adoptions", args=[adoption.region.code])
    ).json()
    assert all("contact_email" not in r for r in data["results"])


def test_unknown_region_is_404_in_our_shape(client, db):
    for code in ("99.99", "abc", "%00"):
        response = client.get(f"/api/v1/regions/{code}/adoptions/")
        assert response.status_code == 404
        assert response.json()["error"]["status"] == 404
