"""The leaders' dashboard: figures from the count tables, risks, hotspots and clusters of the viewer's area, a map
of the area's own outlines, every number a link to its cases; a clear 404 for an unknown region or period."""
from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fengqiao.regions.services import RegionPlace, regions_locate

URL = reverse("reports:dashboard")
SQUARE = {"type": "Polygon", "coordinates": [[[119.0, 29.0], [119.1, 29.0], [119.1, 29.1], [119.0, 29.1], [119.0, 29.0]]]}


def _data(response) -> dict:
    found = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', response.content.decode(),
                      re.S)
    assert found, "the page carries its chart data"
    return json.loads(found.group(1))


def test_the_dashboard_reads_counts_not_the_case_table(client, history, county):
    client.force_login(county.leader)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"period": "all"})
    assert response.status_code == 200
    case_reads = [q["sql"] for q in queries.captured_queries if re.search(r"\bcases_case\b", q["sql"].replace('"', " "))]
    # The case table is read only through the few risk rows shown (joined by their primary key), never scanned.
    assert all("warning_riskassessment" in sql for sql in case_reads), case_reads
    assert any("reports_statecount" in q["sql"] for q in queries.captured_queries)


def test_every_place_and_total_links_to_its_cases(client, history, county):
    client.force_login(county.leader)
    response = client.get(URL, {"period": "all"})
    html = response.content.decode()
    data = _data(response)
    assert f"region={county.street.pk}" in html or f"region={county.other_street.pk}" in html
    assert "state=kind%3Aopen" in html
    assert data["byState"]["places"] and len(data["byState"]["urls"]) == len(data["byState"]["places"])
    assert all(url.startswith(reverse("cases:list")) for url in data["byState"]["urls"])
    open_total = sum(sum(series["data"]) for series in data["byState"]["series"])
    listed = client.get(reverse("cases:list"), {"state": "kind:open"})
    assert listed.status_code == 200
    assert open_total == sum(d["value"] for d in data["map"]["data"]) or not data["map"]["data"]
    assert len(data["trend"]["months"]) == 12 and len(data["trend"]["urls"]) == 12


def test_the_map_draws_the_places_that_have_outlines(client, history, county):
    regions_locate(acting_user=None, places={
        county.street.code: RegionPlace(Decimal("29.05"), Decimal("119.05"), SQUARE)})
    client.force_login(county.leader)
    data = _data(client.get(URL, {"period": "all"}))
    features = data["map"]["outlines"]["features"]
    assert [f["properties"]["code"] for f in features] == [county.street.code]
    [street] = [d for d in data["map"]["data"] if d["name"] == county.street.name]
    assert street["url"].endswith(f"region={county.street.pk}&state=kind%3Aopen")


def test_a_street_center_sees_only_its_street(client, history, county):
    client.force_login(county.street_center)
    html = client.get(URL, {"period": "all"}).content.decode()
    assert county.community.name in html and county.other_street.name not in html


@pytest.mark.parametrize("params", [{"region": "NOWHERE"}, {"period": "2026-13"}])
def test_an_unknown_region_or_period_answers_404_with_a_message(client, county, params):
    client.force_login(county.leader)
    response = client.get(URL, params)
    assert response.status_code == 404
    assert "NOWHERE" in response.content.decode() or "2026-13" in response.content.decode()


def test_an_empty_county_shows_empty_states(client, other_county):
    client.force_login(other_county.leader)
    response = client.get(URL)
    assert response.status_code == 200
    assert "辖区内还没有案件" in response.content.decode()


def test_leaders_and_center_staff_land_on_it_others_on_their_work(client, county):
    client.force_login(county.leader)
    assert client.get(reverse("reports:home"))["Location"] == URL
    client.force_login(county.grid_worker)
    assert client.get(reverse("reports:home"))["Location"] == reverse("cases:my_work")
    assert client.get(URL).status_code == 404
