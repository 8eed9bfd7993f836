"""Every mediation URL: another county's staff get 404 (as for a missing id); a viewer without a role on the
case gets 403 on writes; anonymous visitors are sent to log in."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from fengqiao.cases.models import Assignment
from fengqiao.mediation.choices import Channel, MediationStatus
from fengqiao.mediation.models import Mediation
from fengqiao.mediation.services import (
    agreement_draft,
    agreement_sign,
    mediation_start,
    session_schedule,
)

MISSING = 987654321


def mediation_routes() -> list[tuple[str, URLPattern]]:
    resolver = get_resolver()
    for pattern in resolver.url_patterns:
        if str(pattern.pattern) == "mediation/":
            return [(str(p.pattern), p) for p in pattern.url_patterns]
    raise AssertionError("the mediation URLs are not included")


def build(route: str, values: dict[str, int]) -> str:
    return "/mediation/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


@pytest.fixture
def objects(county, directory, case) -> dict[str, int]:
    mediation = mediation_start(case=case, acting_user=county.mediator, channel=Channel.PEOPLE,
                                organisation=directory.village, mediator=directory.near, applied_on=dt.date(2026, 9, 2))
    session = session_schedule(mediation=mediation, acting_user=county.mediator, place="调解室",
                               scheduled_at=timezone.now() + dt.timedelta(days=1), parties=list(case.parties.all()))
    agreement = agreement_draft(mediation=mediation, acting_user=county.mediator, facts="拖欠工资", terms=["支付工资"],
                                performance_method="转账", performance_deadline=dt.date(2026, 10, 31))
    agreement_sign(agreement=agreement, acting_user=county.mediator, signed_on=dt.date(2026, 9, 28))
    return {"case": case.pk, "mediation": mediation.pk, "session_id": session.pk,
            "instalment_id": agreement.instalments.get().pk}


def values_for(route: str, objects: dict[str, int], *, missing: bool) -> dict[str, int]:
    values = {}
    for name in re.findall(r"<(?:\w+:)?(\w+)>", route):
        if name == "pk":
            values[name] = MISSING if missing else objects["case" if route.startswith("cases/") else "mediation"]
        elif name in ("session_id", "instalment_id"):
            values[name] = objects[name]
        else:
            raise AssertionError(f"unknown URL keyword <{name}> in mediation/{route}")
    return values


PAGES = {"directory", "detail", "suggestions", "agreement_pdf"}


def method_of(pattern: URLPattern) -> str:
    """GET for the pages, POST for the write views (which answer GET with 405)."""
    return "get" if pattern.name in PAGES else "post"


def test_every_route_is_known():
    names = {p.name for _route, p in mediation_routes()}
    assert names >= {"directory", "start", "detail", "suggestions", "assign", "refusal", "session_schedule",
                     "session_minutes", "session_cancel", "agreement_draft", "agreement_sign", "agreement_pdf",
                     "confirmation", "performance_check", "fail"}


def object_routes() -> list[tuple[str, URLPattern]]:
    return [(route, pattern) for route, pattern in mediation_routes() if "<" in route]


@pytest.mark.parametrize("who", ["center", "mediator", "grid_worker"])
def test_another_county_gets_404_everywhere(client, objects, other_county, who):
    client.force_login(getattr(other_county, who))
    for route, pattern in object_routes():
        method = method_of(pattern)
        response = getattr(client, method)(build(route, values_for(route, objects, missing=False)))
        assert response.status_code == 404, f"{method.upper()} {route}: {response.status_code}"
    assert len(object_routes()) == 19  # issue 9: the labour section's three routes and the agreed period
    assert Mediation.objects.get(pk=objects["mediation"]).status == MediationStatus.SUCCEEDED


def test_missing_ids_and_wrong_methods(client, objects, county):
    client.force_login(county.admin)
    for route, pattern in object_routes():
        method = method_of(pattern)
        assert getattr(client, method)(build(route, values_for(route, objects, missing=True))).status_code == 404, route
        if method == "post":  # the write views answer only POST
            assert client.get(build(route, values_for(route, objects, missing=False))).status_code == 405, route


def test_the_directory_shows_only_the_own_county(client, other_county, directory):
    client.force_login(other_county.center)
    page = client.get(reverse("mediation:directory")).content.decode()
    assert "B柳湾社区人民调解委员会" in page and "A柳湾社区人民调解委员会" not in page and "王调解" not in page


def test_a_viewer_without_a_role_may_read_but_not_act(client, county, directory, objects):
    viewer = county.counsellor  # sees the case through an earlier, finished assignment; holds no role on it now
    Assignment.objects.create(case_id=objects["case"], role="co", user=viewer, status="done")
    client.force_login(viewer)
    page = client.get(reverse("mediation:detail", args=[objects["mediation"]]))
    assert page.status_code == 200 and "<form" not in page.content.decode().split('id="main"')[1]
    refused = client.post(reverse("mediation:performance_check", args=[objects["mediation"], objects["instalment_id"]]),
                          {"result": "performed", "checked_on": "2026-10-01"})
    assert refused.status_code == 403 and "没有办理职责" in refused.content.decode()
    start = client.post(reverse("mediation:start", args=[objects["case"]]),
                        {"channel": "people", "organisation": directory.village.pk, "applied_on": "2026-09-02"})
    assert start.status_code == 403
    assert client.get(reverse("mediation:agreement_pdf", args=[objects["mediation"]])).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, objects):
    for route, pattern in mediation_routes():
        url = build(route, values_for(route, objects, missing=False))
        response = getattr(client, method_of(pattern))(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
