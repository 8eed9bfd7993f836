"""The figures page: counted from the count tables only, within the viewer's jurisdiction, in the navigation
for the roles that may see it, with a clear 404 for a region or period it does not know."""
from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

URL = reverse("reports:figures")


@pytest.mark.parametrize("by", ["region", "state", "process", "category", "dispute_type", "channel", "department",
                                "week", "month"])
def test_the_page_never_reads_the_case_table(client, history, county, by):
    client.force_login(county.leader)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"by": by, "period": "all"})
    assert response.status_code == 200
    assert "figure-explain" in response.content.decode()
    touched = [q["sql"] for q in queries.captured_queries if re.search(r'\bcases_case\b', q["sql"].replace('"', " "))]
    assert touched == []
    assert any("reports_statecount" in q["sql"] for q in queries.captured_queries)


def test_figures_link_to_the_cases_behind_them(client, history, county, fresh):
    client.force_login(county.center)
    html = client.get(URL, {"by": "department", "period": "all"}).content.decode()
    assert f"department={county.police.pk}" in html and "state=kind%3Aopen" in html
    listed = client.get(reverse("cases:list"), {"department": county.police.pk, "state": "kind:open"})
    assert history["moved"].reference in listed.content.decode()
    assert history["stalled"].reference not in listed.content.decode()  # open too, but not the police's


def test_a_street_center_sees_only_its_street(client, history, county):
    client.force_login(county.street_center)
    html = client.get(URL, {"period": "all"}).content.decode()
    assert county.community.name in html and county.other_street.name not in html
    assert client.get(URL, {"region": county.other_street.code}).status_code == 404
    assert f"region={county.community.code}&amp;by=region" in html  # a region's row opens its own figures
    grid_level = client.get(URL, {"region": county.community.code, "by": "region", "period": "all"}).content.decode()
    assert county.grid.name in grid_level


@pytest.mark.parametrize("params", [{"region": "NOPE"}, {"period": "2026-13"}, {"period": "2026-W60"},
                                    {"period": "last year"}, {"by": "colour"}])
def test_an_unknown_region_or_period_answers_404_with_a_message(client, county, params):
    client.force_login(county.center)
    response = client.get(URL, params)
    assert response.status_code == 404
    assert 'role="alert"' in response.content.decode()


def test_an_empty_county_shows_an_empty_state(client, other_county):
    client.force_login(other_county.center)
    for by in ("region", "month", "state"):
        response = client.get(URL, {"by": by, "period": "2026-W10"})
        assert response.status_code == 200 and "所选范围和期间内没有案件" in response.content.decode()


def test_the_page_is_in_the_navigation_of_the_roles_that_may_see_it(client, county):
    for user, sees in ((county.leader, True), (county.center, True), (county.admin, True),
                       (county.grid_worker, False), (county.handler, False), (county.mediator, False)):
        client.force_login(user)
        page = client.get(reverse("cases:my_work")).content.decode()
        assert (f'href="{URL}"' in page) is sees, user
        assert client.get(URL).status_code == (200 if sees else 404), user


def test_the_old_followup_figures_address_leads_here(client, county):
    client.force_login(county.center)
    response = client.get(reverse("followup:figures"), {"month": "2026-03"})
    assert response.status_code == 302 and response["Location"] == f"{URL}?period=2026-03"
