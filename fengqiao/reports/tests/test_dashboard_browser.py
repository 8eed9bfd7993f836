"""In a real browser: a leader lands on the dashboard, clicks a street on the map and a number, and each time
lands on the case list behind it. Set FENGQIAO_SCREENSHOT_DIR to keep screenshot-dashboard.png."""
from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from fengqiao.regions.services import RegionPlace, regions_locate
from fengqiao.testing.browser import csp_violations, open_page
from fengqiao.testing.factories import TEST_PASSWORD, make_case

pytestmark = pytest.mark.browser


def _square(x: float, y: float) -> dict:
    ring = [[x, y], [x + 0.05, y], [x + 0.05, y + 0.05], [x, y + 0.05], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_a_leader_clicks_a_street_on_the_map_and_a_number(chromium_path, live_server, transactional_db, county):
    regions_locate(acting_user=None, places={
        county.street.code: RegionPlace(Decimal("29.025"), Decimal("119.025"), _square(119.0, 29.0)),
        county.other_street.code: RegionPlace(Decimal("29.025"), Decimal("119.075"), _square(119.05, 29.0)),
    })
    for n in range(3):
        make_case(acting_user=county.center, region=county.grid, title=f"物业纠纷{n}")
    make_case(acting_user=county.center, region=county.other_grid, title="邻里纠纷")
    base_url, street_pk, leader = live_server.url, county.street.pk, county.leader.username

    with open_page(chromium_path) as (page, console_errors):
        page.goto(f"{base_url}/accounts/login/")
        page.fill("#id_username", leader)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("button[type=submit].btn-primary")
        page.wait_for_url(f"{base_url}/reports/dashboard/")
        page.get_by_role("heading", name=re.compile("驾驶舱")).wait_for()
        page.wait_for_function("() => document.querySelector('#chart-map canvas') !== null")
        if os.environ.get("FENGQIAO_SCREENSHOT_DIR"):
            page.screenshot(path=str(Path(os.environ["FENGQIAO_SCREENSHOT_DIR"]) / "screenshot-dashboard.png"),
                            full_page=True)

        # The street's middle in screen pixels, from the chart itself; then a real mouse click there.
        x, y = page.evaluate("""() => {
            const chart = echarts.getInstanceByDom(document.getElementById('chart-map'));
            return chart.convertToPixel({geoIndex: 0}, [119.025, 29.025]);
        }""")
        box = page.locator("#chart-map").bounding_box()
        with page.expect_navigation():
            page.mouse.click(box["x"] + x, box["y"] + y)
        assert f"region={street_pk}" in page.url and "state=kind%3Aopen" in page.url
        assert page.get_by_text("物业纠纷0").count() == 1 and page.get_by_text("邻里纠纷").count() == 0

        page.goto(f"{base_url}/reports/dashboard/")
        with page.expect_navigation():
            page.locator("dd[data-figure=open] a").click()
        assert "state=kind%3Aopen" in page.url
        assert page.get_by_text("邻里纠纷").count() == 1
        assert csp_violations(console_errors) == []
