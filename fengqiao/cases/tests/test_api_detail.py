"""GET /api/v1/cases/{id}/: masked detail, one access-log row per view, 404 outside the user's scope."""
import json
import re

import pytest

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.cases.services import case_assign
from fengqiao.cases.services.create import PartyInput
from fengqiao.cases.tests.api_support import FULL_ID, FULL_PHONE, case_url, token_client
from fengqiao.testing.factories import make_case

UNMASKED = re.compile(r"\d{17}[\dXx]|1[3-9]\d{9}")


@pytest.fixture
def case(county):
    return make_case(
        acting_user=county.center, region=county.grid, title=f"联系电话{FULL_PHONE}的求助",
        narrative=f"申请人身份证{FULL_ID}，电话{FULL_PHONE}，反映工资被拖欠。",
        address=f"柳湾社区3号（电话{FULL_PHONE}）",
        parties=[PartyInput(name="张某", id_number=FULL_ID, phone=FULL_PHONE),
                 PartyInput(name="某公司", role="respondent", kind="organisation")],
    )


def test_detail_shows_everything_masked(county, case):
    response = token_client(county.center).get(case_url(case.pk))
    assert response.status_code == 200
    body = response.json()
    text = json.dumps(body, ensure_ascii=False)
    assert not UNMASKED.search(text), UNMASKED.findall(text)
    assert FULL_ID[:3] + "*" * 11 + FULL_ID[-4:] in body["narrative"]
    applicant = next(p for p in body["parties"] if p["role"] == "applicant")
    assert applicant["id_number"].startswith(FULL_ID[:3]) and "*" in applicant["id_number"]
    assert applicant["phone"] == "139****5678"
    for key in ("narrative", "address", "parties", "assignments", "available_actions", "calendar_warning",
                "clock_started_at", "warn_at", "events", "reference", "state", "deadline_status", "version"):
        assert key in body
    event = body["events"][0]
    assert set(event) == {"time", "kind", "action", "actor", "note", "public_note", "from_state", "to_state"}
    assert event["actor"] == county.center.display_name
    action = body["available_actions"][0]
    assert set(action) == {"action", "name", "to_state", "effect", "requires_note", "notice_kind", "notice_channels",
                           "requires_routes"}
    assert action["effect"] == "assign"  # what the step does (issue 10: transitions whose effects are data)


def test_detail_writes_exactly_one_view_row_without_personal_data(county, case):
    token_client(county.center).get(case_url(case.pk))
    rows = PersonalDataAccess.objects.filter(object_type="cases.case", object_id=str(case.pk))
    assert rows.count() == 1
    row = rows.get()
    assert row.kind == "view" and row.user == county.center
    assert not UNMASKED.search(f"{row.field} {row.reason} {row.object_id}")
    # A list read does not log a view of each case.
    token_client(county.center).get("/api/v1/cases/")
    assert rows.count() == 1


def test_out_of_scope_answers_exactly_like_missing(county, other_county, case):
    client = token_client(other_county.center)
    forbidden = client.get(case_url(case.pk))
    missing = client.get(case_url(case.pk + 1000))
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()
    assert not PersonalDataAccess.objects.exists()
    assert token_client(county.counsellor).get(case_url(case.pk)).status_code == 404


def test_available_actions_depend_on_the_user(county, case):
    center = {a["action"] for a in token_client(county.center).get(case_url(case.pk)).json()["available_actions"]}
    grid = {a["action"] for a in token_client(county.grid_worker).get(case_url(case.pk)).json()["available_actions"]}
    assert "assign" in center and "assign" not in grid
    assert "accept" in grid


def test_assignments_are_listed(county, case):
    case_assign(case=case, acting_user=county.center, to_department=county.labour)
    body = token_client(county.handler).get(case_url(case.pk)).json()
    lead = body["assignments"][0]
    assert lead["role"] == "lead" and lead["status"] == "active"
    assert lead["department"] == {"code": county.labour.code, "name": county.labour.name}
    assert body["lead_department"]["code"] == county.labour.code


def test_detail_query_count_is_bounded(county, case, django_assert_max_num_queries):
    for _ in range(5):
        case_assign(case=case, acting_user=county.center, to_department=county.police, role="co", note="协办")
    client = token_client(county.center)
    with django_assert_max_num_queries(12):
        response = client.get(case_url(case.pk))
    assert len(response.json()["events"]) == 6


def test_malformed_or_huge_ids_are_404(county, case):
    client = token_client(county.center)
    for url in ("/api/v1/cases/abc/", "/api/v1/cases/-1/", "/api/v1/cases/99999999999999999999999/",
                "/api/v1/cases/abc/transition/"):
        response = client.get(url) if "transition" not in url else client.post(url, {"action": "accept"}, format="json")
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found"
    response = client.post("/api/v1/parties/99999999999999999999999/reveal/", {}, format="json")
    assert response.status_code == 404
