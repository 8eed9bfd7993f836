"""A write that takes the case out of the actor's scope: the page and the API answer alike — the write is done,
the case is no longer yours to read, and neither shows its detail any more."""
from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.db.models import Q
from django.urls import reverse

from fengqiao.accounts.choices import Role
from fengqiao.cases import querysets
from fengqiao.cases.models import Case
from fengqiao.cases.services import case_assign
from fengqiao.cases.tests.api_support import case_url, token_client
from fengqiao.testing.factories import make_case

LEFT = "已不在您的管辖范围内"


@pytest.fixture
def departments_see_only_what_they_lead(monkeypatch):
    """A stricter read scope than today's (where a department keeps reading what it once handled): a department
    handler sees only the cases their department leads. Under it a handler who returns (退回) a case loses it at
    once, which is the situation both answers must handle."""
    original = querysets.case_scope_q

    def scope(user):
        memberships = list(getattr(user, "active_memberships", []) or [])
        if memberships and all(m.role == Role.HANDLER for m in memberships):
            return Q(lead_department_id__in=[m.department_id for m in memberships])
        return original(user)

    monkeypatch.setattr(querysets, "case_scope_q", scope)


@pytest.fixture
def dispatched(county) -> Case:
    case = make_case(acting_user=county.center, region=county.grid)
    return case_assign(case=case, acting_user=county.center, to_department=county.labour, expected_version=case.version)


def test_the_page_sends_the_actor_to_the_list_when_the_case_leaves_their_scope(
        client, county, dispatched, departments_see_only_what_they_lead):
    client.force_login(county.handler)
    response = client.post(reverse("cases:transition", args=[dispatched.pk, "return"]),
                           {"version": dispatched.version, "note": "不属本部门职责"})
    assert response.status_code == 303 and response["Location"] == reverse("cases:list")
    assert any(LEFT in str(m) for m in get_messages(response.wsgi_request))
    assert Case.objects.get(pk=dispatched.pk).state.code == "registered"  # the write itself was done
    assert client.get(reverse("cases:detail", args=[dispatched.pk])).status_code == 404


def test_the_api_says_the_case_left_the_scope_and_shows_no_detail(county, dispatched, departments_see_only_what_they_lead):
    response = token_client(county.handler).post(
        case_url(dispatched.pk, "transition"),
        {"action": "return", "note": "不属本部门职责", "version": dispatched.version}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["id"] == dispatched.pk and body["in_scope"] is False and LEFT in body["detail"]
    assert not {"title", "narrative", "parties", "events", "state"} & set(body)
    assert Case.objects.get(pk=dispatched.pk).state.code == "registered"
    assert token_client(county.handler).get(case_url(dispatched.pk)).status_code == 404


def test_a_write_that_keeps_the_case_in_scope_still_answers_with_the_detail(county, dispatched):
    response = token_client(county.handler).post(
        case_url(dispatched.pk, "transition"),
        {"action": "return", "note": "不属本部门职责", "version": dispatched.version}, format="json")
    assert response.status_code == 200 and response.json()["state"]["code"] == "registered"
    assert "in_scope" not in response.json()


def test_the_openapi_schema_documents_the_left_scope_answer_of_every_case_write(db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert set(schema["components"]["schemas"]["CaseLeftScope"]["properties"]) == {"id", "in_scope", "detail"}
    for action, code in (("transition", "200"), ("assign", "200"), ("notes", "201")):
        answer = schema["paths"][f"/api/v1/cases/{{id}}/{action}/"]["post"]["responses"][code]
        assert answer["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/CaseWriteResult"
        assert "in_scope=false" in answer["description"], action
    refs = [s["$ref"] for s in schema["components"]["schemas"]["CaseWriteResult"]["oneOf"]]
    assert refs == ["#/components/schemas/CaseDetail", "#/components/schemas/CaseLeftScope"]
