"""The hot-issues page: the viewer's area only, links to the cases, who may open it, no writes, fresh after a
new case."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fengqiao.cases.models import Case, CaseEvent
from fengqiao.cases.services.create import PartyInput
from fengqiao.testing.factories import make_case
from fengqiao.warning.tests.messages import LIFT, PIGS

URL = "/warning/hot-issues/"


def _register(county, region, rows, *, phone_prefix: str) -> list[Case]:
    cases = []
    for n, (_user, subject, detail) in enumerate(rows):
        applicant = PartyInput(name=f"居民{n}", phone=f"{phone_prefix}{n:04d}")
        cases.append(make_case(acting_user=county.center, region=region, title=subject, narrative=detail,
                               parties=[applicant]))
    return cases


@pytest.fixture
def matters(county, other_county):
    lift = _register(county, county.grid, LIFT[:6], phone_prefix="1381111")
    pigs = _register(other_county, other_county.other_grid, PIGS[:6], phone_prefix="1392222")
    return lift, pigs


def test_the_route_is_named():
    assert reverse("warning:hot_issues") == URL


def test_each_area_sees_its_own_hot_issue_with_links_to_its_cases(client, county, other_county, matters):
    lift, pigs = matters
    client.force_login(county.center)
    page = client.get(URL).content.decode()
    assert "锦华苑" in page and "东坪村" not in page
    for case in lift:
        assert reverse("cases:detail", args=[case.pk]) in page
    assert not any(reverse("cases:detail", args=[case.pk]) in page for case in pigs)

    client.force_login(other_county.leader)
    page = client.get(URL).content.decode()
    assert "东坪村" in page and "锦华苑" not in page


def test_a_street_sees_only_its_streets_cases(client, county, matters):
    client.force_login(county.street_center)  # 青石街道: the lift cases are in its grid
    assert "锦华苑" in client.get(URL).content.decode()
    others = _register(county, county.other_grid, PIGS[:4], phone_prefix="1373333")  # 东坪镇, not this street
    page = client.get(URL).content.decode()
    assert "东坪村" not in page and reverse("cases:detail", args=[others[0].pk]) not in page
    client.force_login(county.center)  # the county sees both
    page = client.get(URL).content.decode()
    assert "东坪村" in page and "锦华苑" in page


@pytest.mark.parametrize("who", ["grid_worker", "mediator", "handler", "counsellor"])
def test_other_roles_are_refused(client, county, who):
    client.force_login(getattr(county, who))
    assert client.get(URL).status_code == 403


def test_signed_out_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_link_is_in_the_navigation_for_leaders_only(client, county):
    client.force_login(county.leader)
    assert f'href="{URL}"' in client.get(reverse("cases:list")).content.decode()
    client.force_login(county.grid_worker)
    assert f'href="{URL}"' not in client.get(reverse("cases:list")).content.decode()


def test_reading_writes_nothing_to_cases(client, county, matters):
    before = (Case.objects.aggregate(m=Max("updated_at"), v=Max("version")), CaseEvent.objects.count())
    client.force_login(county.center)
    assert client.get(URL).status_code == 200
    after = (Case.objects.aggregate(m=Max("updated_at"), v=Max("version")), CaseEvent.objects.count())
    assert before == after


def test_a_new_case_shows_on_the_next_view(client, county, matters):
    lift, _ = matters
    client.force_login(county.center)
    client.get(URL)
    newest = _register(county, county.grid, LIFT[6:7], phone_prefix="1384444")[0]
    page = client.get(URL).content.decode()
    assert reverse("cases:detail", args=[newest.pk]) in page


def test_a_second_view_reuses_the_computed_issues(client, county, matters):
    client.force_login(county.center)
    with CaptureQueriesContext(connection) as first:
        client.get(URL)
    with CaptureQueriesContext(connection) as second:
        page = client.get(URL).content.decode()
    assert "锦华苑" in page
    read_parties = [q for q in second.captured_queries if "cases_party" in q["sql"]]
    assert not read_parties and len(second) < len(first)
