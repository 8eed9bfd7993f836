"""Writes on a case through the API: transitions, assignments, notes, reveal; service errors map to statuses."""
import pytest

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.cases.models import Case, CaseEvent
from fengqiao.cases.services.create import PartyInput
from fengqiao.cases.tests.api_support import FULL_ID, FULL_PHONE, case_url, token_client
from fengqiao.testing.factories import make_case

STALE = "该案件已被他人修改，请刷新后重试。"


@pytest.fixture
def case(county):
    return make_case(acting_user=county.center, region=county.grid,
                     parties=[PartyInput(name="张某", id_number=FULL_ID, phone=FULL_PHONE)])


def test_transition_happy_path(county, case):
    response = token_client(county.center).post(
        case_url(case.pk, "transition"), {"action": "accept", "note": "受理", "version": case.version}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["state"]["code"] == "mediating"
    assert body["version"] == case.version + 1
    assert body["events"][-1]["action"] == "accept" and body["events"][-1]["to_state"]["code"] == "mediating"
    assert Case.objects.get(pk=case.pk).state.code == "mediating"


def test_transition_assign_to_a_department_by_code(county, case):
    response = token_client(county.center).post(
        case_url(case.pk, "transition"), {"action": "assign", "to_department": county.labour.code}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["lead_department"]["code"] == county.labour.code


@pytest.mark.parametrize(
    ("user", "payload", "status", "code", "field"),
    [
        ("center", {"action": "close"}, 400, "invalid", "note"),  # closing on the spot needs a reason
        ("center", {}, 400, "invalid", "action"),
        ("center", {"action": "accept", "version": "two"}, 400, "invalid", "version"),
        ("center", {"action": "assign", "to_department": "no-such-dept"}, 400, "invalid", "to_department"),
        ("center", {"action": "accept", "to_user": "nobody"}, 400, "invalid", "to_user"),
        ("center", {"action": "accept", "state": "closed"}, 400, "invalid", "state"),
        ("grid_worker", {"action": "assign", "to_department": None}, 403, "permission_denied", None),
        ("center", {"action": "succeed"}, 409, "transition_not_allowed", None),
        ("center", {"action": "no-such-action"}, 409, "transition_not_allowed", None),
    ],
)
def test_transition_errors(county, case, user, payload, status, code, field):
    response = token_client(getattr(county, user)).post(case_url(case.pk, "transition"), payload, format="json")
    assert response.status_code == status, response.json()
    body = response.json()
    assert body["code"] == code
    if field:
        assert field in body["errors"]
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state_id, fresh.version) == (case.state_id, case.version)


def test_transition_with_a_stale_version_is_409(county, case):
    client = token_client(county.center)
    assert client.post(case_url(case.pk, "transition"), {"action": "accept", "version": case.version},
                       format="json").status_code == 200
    response = client.post(case_url(case.pk, "transition"), {"action": "succeed", "version": case.version},
                           format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"
    assert response.json()["detail"] == STALE
    assert Case.objects.get(pk=case.pk).state.code == "mediating"


def test_transition_out_of_scope_is_404(county, other_county, case):
    response = token_client(other_county.center).post(case_url(case.pk, "transition"), {"action": "accept"},
                                                      format="json")
    assert response.status_code == 404
    assert Case.objects.get(pk=case.pk).state.code == "registered"


def test_assign_lead_then_co(county, case):
    client = token_client(county.center)
    response = client.post(case_url(case.pk, "assign"), {"role": "lead", "to_department": county.labour.code,
                                                        "note": "请人社局主办", "version": case.version}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["state"]["code"] == "dispatched" and body["lead_department"]["code"] == county.labour.code
    response = client.post(case_url(case.pk, "assign"), {"role": "co", "to_department": county.police.code,
                                                        "version": body["version"]}, format="json")
    assert response.status_code == 200, response.json()
    roles = {(a["role"], a["department"]["code"]) for a in response.json()["assignments"] if a["status"] == "active"}
    assert roles == {("lead", county.labour.code), ("co", county.police.code)}
    # The handler of the lead department now sees the case.
    assert token_client(county.handler).get(case_url(case.pk)).status_code == 200


def test_assign_to_a_user_and_errors(county, other_county, case):
    client = token_client(county.center)
    response = client.post(case_url(case.pk, "assign"), {"role": "lead", "to_user": county.mediator.username},
                           format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["lead_user"]["username"] == county.mediator.username
    assert client.post(case_url(case.pk, "assign"), {"role": "boss", "to_user": county.mediator.username},
                       format="json").json()["errors"].keys() == {"role"}
    assert client.post(case_url(case.pk, "assign"), {"role": "co"}, format="json").status_code == 400
    response = client.post(case_url(case.pk, "assign"), {"role": "co", "to_department": county.police.code,
                                                        "version": 1}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "stale_version"
    assert token_client(county.grid_worker).post(
        case_url(case.pk, "assign"), {"role": "co", "to_department": county.police.code}, format="json"
    ).status_code == 403
    assert token_client(other_county.center).post(
        case_url(case.pk, "assign"), {"role": "co", "to_department": county.police.code}, format="json"
    ).status_code == 404


def test_notes(county, other_county, case):
    client = token_client(county.center)
    response = client.post(case_url(case.pk, "notes"), {"note": "已电话联系申请人", "public": False}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["events"][-1]["kind"] == "note"
    response = client.post(case_url(case.pk, "notes"), {"note": "已安排调解", "public": True}, format="json")
    assert response.json()["events"][-1]["public_note"] == "已安排调解"
    assert CaseEvent.objects.filter(case=case, kind="note").count() == 2
    assert client.post(case_url(case.pk, "notes"), {"note": ""}, format="json").json()["errors"].keys() == {"note"}
    assert client.post(case_url(case.pk, "notes"), {"note": "x", "public": "sometimes"},
                       format="json").json()["errors"].keys() == {"public"}
    assert token_client(other_county.center).post(case_url(case.pk, "notes"), {"note": "x"},
                                                  format="json").status_code == 404


def test_reveal_returns_the_full_value_and_logs_it(county, case):
    party = case.parties.get()
    response = token_client(county.center).post(f"/api/v1/parties/{party.pk}/reveal/",
                                                {"field": "id_number", "reason": "核实申请人身份"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json() == {"value": FULL_ID}
    assert response["Cache-Control"] == "no-store"
    row = PersonalDataAccess.objects.get(kind="reveal")
    assert (row.user, row.object_type, row.object_id, row.field) == (county.center, "cases.party", str(party.pk),
                                                                     "id_number")
    assert FULL_ID not in row.reason


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"field": "id_number", "reason": "看"}, "reason"),
        ({"field": "address", "reason": "核实申请人身份"}, "field"),
        ({"field": "phone"}, "reason"),
    ],
)
def test_reveal_bad_input(county, case, payload, field):
    party = case.parties.get()
    response = token_client(county.center).post(f"/api/v1/parties/{party.pk}/reveal/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not PersonalDataAccess.objects.filter(kind="reveal").exists()


def test_reveal_out_of_scope_is_404(county, other_county, case):
    party = case.parties.get()
    for url in (f"/api/v1/parties/{party.pk}/reveal/", f"/api/v1/parties/{party.pk + 999}/reveal/"):
        response = token_client(other_county.center).post(url, {"field": "phone", "reason": "核实身份信息"},
                                                          format="json")
        assert response.status_code == 404
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("action", ["transition", "assign", "notes"])
def test_out_of_scope_is_404_whatever_the_body(county, other_county, case, action):
    client = token_client(other_county.center)
    for body in ({}, {"unknown": 1}, {"action": "accept", "role": "co", "note": "x"}):
        assert client.post(case_url(case.pk, action), body, format="json").status_code == 404
    party = case.parties.get()
    assert client.post(f"/api/v1/parties/{party.pk}/reveal/", {}, format="json").status_code == 404
