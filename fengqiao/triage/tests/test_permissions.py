"""Every triage URL that names a case answers a user of another county exactly like a missing case: 404."""
from __future__ import annotations

import pytest
from django.urls import URLPattern, get_resolver

MISSING = 987654321


def triage_routes() -> list[str]:
    resolver = get_resolver()
    for pattern in resolver.url_patterns:
        if str(pattern.pattern) == "triage/":
            return [f"/triage/{p.pattern}" for p in pattern.url_patterns if isinstance(p, URLPattern)]
    raise AssertionError("the triage URLs are not installed")


def test_the_routes_are_known():
    assert {"/triage/queue/", "/triage/cases/<int:pk>/feedback/"} <= set(triage_routes())


@pytest.mark.parametrize("who", ["center", "admin", "leader", "counsellor", "grid_worker"])
def test_other_county_gets_404_on_every_case_url(county, other_county, triaged, client, who):
    case = triaged(acting_user=county.center, region=county.grid, narrative="邻居家漏水，协商不成。")
    client.force_login(getattr(other_county, who))
    checked = 0
    for route in triage_routes():
        if "<int:pk>" not in route:
            continue
        for method in ("get", "post"):
            data = {"field": "category", "chosen": "other", "department": county.labour.pk}
            forbidden = getattr(client, method)(route.replace("<int:pk>", str(case.pk)).replace("<int:link_pk>", "1"), data)
            missing = getattr(client, method)(route.replace("<int:pk>", str(MISSING)).replace("<int:link_pk>", "1"), data)
            assert forbidden.status_code in (404, 405), route
            assert forbidden.status_code == missing.status_code, route
            checked += 1
    assert checked >= 8
    case.refresh_from_db()
    assert case.category is None and case.lead_department is None


def test_a_user_without_a_role_on_the_case_cannot_answer_suggestions(county, triaged, client):
    """The labour department's handler sees the case only once it is assigned to the department."""
    from django.urls import reverse

    case = triaged(acting_user=county.center, region=county.grid, narrative="公司拖欠工资。")
    client.force_login(county.handler)
    response = client.post(reverse("triage:feedback", args=[case.pk]), {"field": "category", "chosen": "other"})
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    for route in triage_routes():
        response = client.get(route.replace("<int:pk>", "1").replace("<int:link_pk>", "1"))
        assert response.status_code in (302, 405)
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]
