"""GET /api/v1/regions/ and /api/v1/departments/: read-only reference data for any signed-in user."""
from rest_framework.test import APIClient

from fengqiao.cases.tests.api_support import token_client

REGIONS_URL = "/api/v1/regions/"
DEPARTMENTS_URL = "/api/v1/departments/"


def _codes(response) -> set[str]:
    assert response.status_code == 200, response.json()
    return {row["code"] for row in response.json()["results"]}


def test_regions_list_all_and_filter_by_parent_level_and_subtree(county, other_county):
    client = token_client(county.grid_worker)
    everything = _codes(client.get(REGIONS_URL, {"page_size": 100}))
    assert {county.county.code, other_county.county.code} <= everything  # reference data, not personal data
    assert _codes(client.get(REGIONS_URL, {"parent": county.county.code})) == {county.street.code, county.other_street.code}
    assert _codes(client.get(REGIONS_URL, {"level": 1})) == {county.county.code, other_county.county.code}
    assert _codes(client.get(REGIONS_URL, {"within": county.street.code})) == {
        county.street.code, county.community.code, county.grid.code,
    }
    assert _codes(client.get(REGIONS_URL, {"within": "nowhere"})) == set()
    row = client.get(f"{REGIONS_URL}{county.grid.code}/").json()
    assert row == {"code": county.grid.code, "name": county.grid.name, "level": 4, "parent": county.community.code,
                   "path": county.grid.path}


def test_regions_bad_level_is_400_and_unknown_code_404(county):
    client = token_client(county.center)
    response = client.get(REGIONS_URL, {"level": 9})
    assert response.status_code == 400 and "level" in response.json()["errors"]
    assert client.get(f"{REGIONS_URL}nowhere/").status_code == 404


def test_departments_list_and_filters(county, other_county):
    client = token_client(county.handler)
    assert {county.labour.code, county.police.code, other_county.labour.code} <= _codes(client.get(DEPARTMENTS_URL))
    assert _codes(client.get(DEPARTMENTS_URL, {"home_region": county.street.code})) == {county.police.code}
    # Who covers a grid: departments covering it or any region above it.
    assert _codes(client.get(DEPARTMENTS_URL, {"covers": county.grid.code})) == {county.labour.code, county.police.code}
    assert _codes(client.get(DEPARTMENTS_URL, {"covers": county.other_grid.code})) == {county.labour.code}
    row = client.get(f"{DEPARTMENTS_URL}{county.police.code}/").json()
    assert row == {"code": county.police.code, "name": county.police.name, "home_region": county.street.code,
                   "covers": [county.street.code], "is_active": True}


def test_reference_data_needs_a_signed_in_user(county):
    assert APIClient().get(REGIONS_URL).status_code == 401
    assert APIClient().get(DEPARTMENTS_URL).status_code == 401
    assert token_client(county.center).post(REGIONS_URL, {"code": "X"}, format="json").status_code == 405
