"""``<region:code>`` (livinglab/base/converters.py): one reading of a region
code in an address, for the workspace, the self-assessment, the simulator
and the region APIs."""

from django.urls import resolve, reverse

import pytest

from livinglab.base.converters import RegionCodeConverter


@pytest.mark.parametrize("value", ["32.11", "3211"])
def test_both_spellings_reach_the_view_dotted(value):
    assert RegionCodeConverter().to_python(value) == "32.11"
    assert resolve(f"/adopsi/wilayah/{value}/").kwargs["code"] == "32.11"
    assert resolve(f"/api/v1/regions/{value}/adoptions/").kwargs["code"] == "32.11"


def test_addresses_are_written_dotted():
    assert reverse("adoptions:region", kwargs={"code": "3211"}).endswith(
        "/wilayah/32.11/"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/adopsi/wilayah/32.1x/",
        "/adopsi/wilayah/<script>/spbe/2024/",
        "/api/v1/regions/32-11/adoptions/",
        "/api/v1/regions/99999/spbe/2024/",
    ],
)
def test_a_malformed_code_is_a_plain_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
