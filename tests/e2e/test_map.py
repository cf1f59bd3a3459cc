"""The tile map at /peta/ in a browser (issue 19 part 4, docs/MAP.md).

axe-core finds no serious or critical violation at 390 px and at 1366 px, in
both colourings; at 390 px the page does not scroll sideways; with
JavaScript switched off the form still changes the colouring and a tile
still leads to its region's page. Screenshots go to test-artifacts/e2e/.
"""

import json

import pytest

from .test_accessibility import AXE, _violations
from .test_layout import LAPTOP, OVERFLOW, PHONE

ADDRESSES = {
    "spbe": "/peta/",
    "stage": "/peta/?mode=stage&innovation=tte-sumedang",
    "english": "/en/peta/",
}


@pytest.fixture(scope="module")
def visitor(browser, e2e_server):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make e2e-deps` (npm ci in tests/e2e)")
    context = browser.new_context(
        base_url=e2e_server["url"], locale="id-ID", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390", "1366"])
@pytest.mark.parametrize("name", list(ADDRESSES))
def test_axe_and_no_sideways_scroll(visitor, shot, name, size):
    visitor.set_viewport_size(size)
    response = visitor.goto(ADDRESSES[name])
    assert response.status == 200
    assert visitor.locator("svg.tile-map a.tile").count() >= 63
    if size == PHONE:
        found = visitor.evaluate(OVERFLOW)
        assert found["scrollWidth"] <= found["innerWidth"], json.dumps(found, indent=1)
        box = visitor.locator("svg.tile-map").bounding_box()
        assert box["width"] <= PHONE["width"]
    found = _violations(visitor, shot, f"map-{name}-{size['width']}")
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_without_javascript_the_form_and_the_tiles_work(browser, e2e_server, shot):
    context = browser.new_context(
        base_url=e2e_server["url"], locale="id-ID", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto("/peta/")
        page.locator("input[name=mode][value=stage]").check()
        page.select_option("select[name=innovation]", "tte-sumedang")
        page.locator("form.map-form button[type=submit]").click()
        page.wait_for_load_state()
        assert "innovation=tte-sumedang" in page.url
        assert page.locator("svg.tile-map a.tile[data-category=host]").count() == 1
        shot(page, "map-stage-no-js")
        page.locator("svg.tile-map a.tile[data-region='32.05']").click()
        page.wait_for_load_state()
        assert page.url.rstrip("/").endswith("/wilayah/32.05")
    finally:
        context.close()
