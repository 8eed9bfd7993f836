"""Issue 9: failing mediation from the CASE page records the routes offered (人民调解法 第二十六条) just as the
mediation page does: one route list (cases.choices.RemedyRoute, mediation.choices.Route is the same list), required
on both paths (Transition.requires_routes)."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.cases.choices import RemedyRoute
from fengqiao.cases.models import Case, CaseEvent, Transition
from fengqiao.cases.services import case_transition
from fengqiao.cases.tests.helpers import put_in_state
from fengqiao.core.errors import ValidationFailed
from fengqiao.mediation.choices import Route
from fengqiao.testing.factories import make_case

pytestmark = pytest.mark.django_db


def mediating(county) -> Case:
    return put_in_state(make_case(acting_user=county.center, region=county.grid), "mediating")


def test_one_route_list_for_both_pages():
    assert Route is RemedyRoute
    assert Transition.objects.get(process__code="dispute", action="fail", from_state__code="mediating").requires_routes


def test_the_case_page_offers_the_routes_and_refuses_a_failure_without_them(client, county):
    case = mediating(county)
    with pytest.raises(ValidationFailed) as refused_by_service:  # the service refuses whatever the caller
        case_transition(case=case, action="fail", acting_user=county.center, note="双方分歧过大")
    assert "第二十六条" in str(refused_by_service.value) and "routes" in refused_by_service.value.field_errors
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'name="routes"' in page and "已告知当事人的途径" in page
    url = reverse("cases:transition", args=[case.pk, "fail"])
    refused = client.post(url, {"version": case.version, "note": "双方分歧过大"})
    assert refused.status_code == 400
    assert "第二十六条" in refused.content.decode()
    assert Case.objects.get(pk=case.pk).state.code == "mediating"
    done = client.post(url, {"version": case.version, "note": "双方分歧过大", "routes": ["arbitration", "litigation"]})
    assert done.status_code in (302, 303)
    event = CaseEvent.objects.get(case=case, kind="transition", action="fail")
    assert event.data["routes"] == ["arbitration", "litigation"]
    assert "仲裁" in event.public_note and "诉讼" in event.public_note


def test_the_api_requires_the_routes_too(client, county):
    case = mediating(county)
    client.force_login(county.center)
    url = f"/api/v1/cases/{case.pk}/transition/"
    refused = client.post(url, {"action": "fail", "note": "双方分歧过大"}, content_type="application/json")
    assert refused.status_code == 400 and "第二十六条" in refused.json()["detail"]
    ok = client.post(url, {"action": "fail", "note": "双方分歧过大", "routes": ["administrative"]},
                     content_type="application/json")
    assert ok.status_code == 200
    assert CaseEvent.objects.get(case=case, action="fail").data["routes"] == ["administrative"]
