"""A personal API token reads only what its region may see, even when its
owner (an analyst) may see every region: the token's scope narrows the
owner's rights on reads as on writes (policy.allows)."""

import pytest

from livinglab.api.models import ApiToken
from livinglab.regions.models import SpbeIndicatorScore

pytestmark = pytest.mark.django_db


def _two_regions_with_levels():
    pairs = (
        SpbeIndicatorScore.objects.values_list("region__code", "region_id", "year")
        .order_by("region__code")
        .distinct()
    )
    (code_a, id_a, year), *rest = list(pairs)
    code_b, id_b, _y = next(p for p in rest if p[0] != code_a and p[2] == year)
    return (code_a, id_a), (code_b, id_b), year


def test_spbe_levels_follow_the_tokens_region(client, analyst):
    from livinglab.regions.models import Region

    (code_a, id_a), (code_b, _id_b), year = _two_regions_with_levels()
    _token, raw = ApiToken.issue(
        user=analyst, region=Region.objects.get(pk=id_a), name="A"
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    own = client.get(f"/api/v1/regions/{code_a}/spbe/{year}/", **auth).json()
    other = client.get(f"/api/v1/regions/{code_b}/spbe/{year}/", **auth).json()
    assert own["levels_visible"] is True and own["levels"]
    assert other["levels_visible"] is False and other["levels"] is None
    # Signed in by session, the analyst sees both.
    client.force_login(analyst)
    assert client.get(f"/api/v1/regions/{code_b}/spbe/{year}/").json()["levels"]


def test_region_adoptions_contacts_follow_the_tokens_region(
    client, analyst, adoption, garut, bandung
):
    _token, raw = ApiToken.issue(user=analyst, region=bandung, name="Bandung")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    rows = client.get("/api/v1/regions/32.05/adoptions/", **auth).json()["results"]
    assert rows and all("contact_email" not in row for row in rows)
    client.force_login(analyst)
    rows = client.get("/api/v1/regions/32.05/adoptions/").json()["results"]
    assert any("contact_email" in row for row in rows)
