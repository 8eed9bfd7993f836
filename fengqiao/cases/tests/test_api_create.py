"""POST /api/v1/cases/: registration through case_create; every bad input is a 400 naming the field, nothing saved."""
import io
import json
import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.exceptions import RequestDataTooBig

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case, CaseEvent, Party
from fengqiao.cases.tests.api_support import CASES_URL, FULL_ID, FULL_PHONE, case_body, token_client
from fengqiao.core.parsers import BoundedJSONParser
from fengqiao.testing.factories import valid_id_number

UNMASKED = re.compile(r"\d{17}[\dXx]|1[3-9]\d{9}")


def test_create_happy_path(county):
    client = token_client(county.center)
    response = client.post(CASES_URL, case_body(county.grid, urgency="urgent", dispute_type="labour",
                                                  latitude=30.1234567, longitude=120.5, external_ref="HOT-1"),
                           format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    case = Case.objects.get(pk=body["id"])
    assert case.channel == "api" and case.registered_by == county.center and case.state.code == "registered"
    assert case.urgency == "urgent" and case.dispute_type.code == "labour" and case.external_ref == "HOT-1"
    assert float(case.latitude) == pytest.approx(30.123457)
    assert body["reference"] == case.reference and body["version"] == case.version
    # The stored parties are complete; the answer masks them.
    applicant = Party.objects.get(case=case, role="applicant")
    assert applicant.id_number == FULL_ID and applicant.phone == FULL_PHONE
    answered = next(p for p in body["parties"] if p["role"] == "applicant")
    assert answered["id_number"] == FULL_ID[:3] + "*" * 11 + FULL_ID[-4:]
    assert answered["phone"] == "139****5678"
    assert not UNMASKED.search(json.dumps(body, ensure_ascii=False))
    assert AuditEntry.objects.filter(action="case.create", object_id=str(case.pk), actor=county.center).count() == 1
    assert CaseEvent.objects.filter(case=case, kind="created").count() == 1
    assert [e["kind"] for e in body["events"]] == ["created"]
    assert {a["action"] for a in body["available_actions"]} >= {"assign", "accept"}


def test_the_create_answer_is_the_detail_a_later_read_gives(county):
    """The answer is built from the rows just written, without reading the case again: it must not differ
    from what GET returns (coordinates rounded to the stored precision, times as stored)."""
    client = token_client(county.center)
    body = case_body(county.grid, latitude=30.1234567, longitude=120.98765432, external_ref="HOT-2",
                     dispute_type="labour")
    created = client.post(CASES_URL, body, format="json")
    assert created.status_code == 201, created.json()
    read = client.get(f"{CASES_URL}{created.json()['id']}/")
    assert created.json() == read.json()


def test_optional_fields_may_be_null_or_absent(county):
    body = case_body(county.grid, category=None, dispute_type=None, latitude=None, party_count=None, received_at=None)
    response = token_client(county.center).post(CASES_URL, body, format="json")
    assert response.status_code == 201, response.json()


def test_html_is_stored_as_text_and_returned_as_data(county):
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = token_client(county.center).post(
        CASES_URL, case_body(county.grid, title=script, narrative=f"正文 {script}"), format="json"
    )
    assert response.status_code == 201
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.json()["title"] == script
    assert Case.objects.get(pk=response.json()["id"]).title == script


def _party(**fields):
    return [{"name": "张某", **fields}]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "长" * 201}, "title"),
        ({"process": "nonsense"}, "process"),
        ({"process": ["dispute"]}, "process"),
        ({"region": "999999"}, "region"),
        ({"region": 42}, "region"),
        ({"category": "no-such-category"}, "category"),
        ({"dispute_type": "no-such-type"}, "dispute_type"),
        ({"channel": "pigeon"}, "channel"),
        ({"urgency": "whenever"}, "urgency"),
        ({"latitude": 91}, "latitude"),
        ({"longitude": "east"}, "longitude"),
        ({"party_count": 0}, "party_count"),
        ({"received_at": "2999-01-01T00:00:00+08:00"}, "received_at"),
        ({"received_at": "yesterday"}, "received_at"),
        ({"parties": []}, "parties"),
        ({"parties": "张某"}, "parties"),
        ({"parties": _party(role="respondent")}, "parties"),
        ({"parties": _party(id_number=FULL_ID[:-1] + ("0" if FULL_ID[-1] != "0" else "1"))}, "parties[0].id_number"),
        ({"parties": _party(phone="12345")}, "parties[0].phone"),
        ({"parties": _party(role="judge")}, "parties[0].role"),
        ({"parties": [{"role": "applicant"}]}, "parties[0].name"),
        ({"parties": _party(password="x")}, "parties[0].password"),
        ({"state": "closed"}, "state"),
        ({"registered_by": 1}, "registered_by"),
        ({"narrative": "x" * (settings.FENGQIAO_MAX_NARRATIVE_CHARS + 1)}, "narrative"),
    ],
)
def test_bad_input_is_400_naming_the_field_and_saves_nothing(county, overrides, field):
    before = (Case.objects.count(), Party.objects.count(), CaseEvent.objects.count())
    response = token_client(county.center).post(CASES_URL, case_body(county.grid, **overrides), format="json")
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["errors"], body["errors"]
    assert all(isinstance(m, str) and m for m in body["errors"][field])
    assert (Case.objects.count(), Party.objects.count(), CaseEvent.objects.count()) == before


def test_missing_required_fields_are_each_named(county):
    response = token_client(county.center).post(CASES_URL, {}, format="json")
    assert response.status_code == 400
    assert {"process", "channel", "title", "narrative", "region", "parties"} <= set(response.json()["errors"])


def test_serializer_and_service_findings_come_in_one_answer(county):
    body = case_body(
        county.grid, region="nowhere", received_at="2999-01-01T00:00:00Z",
        parties=[{"name": "张某", "phone": "123"}, {"name": "李某", "id_number": "330106198001011239", "extra": 1}],
    )
    errors = token_client(county.center).post(CASES_URL, body, format="json").json()["errors"]
    assert set(errors) == {"region", "received_at", "parties[0].phone", "parties[1].extra"}
    assert Case.objects.count() == 0


def test_ten_megabyte_narrative_is_a_clean_400(county):
    narrative = "x" * (10 * 1024 * 1024)
    response = token_client(county.center).post(CASES_URL, case_body(county.grid, narrative=narrative), format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["narrative"]
    assert Case.objects.count() == 0


def test_body_over_the_upload_limit_is_a_clean_413(county):
    narrative = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = token_client(county.center).post(CASES_URL, case_body(county.grid, narrative=narrative), format="json")
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"
    assert Case.objects.count() == 0


def test_malformed_json_and_non_object_bodies_are_400(county):
    client = token_client(county.center)
    response = client.post(CASES_URL, data='{"title": ', content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "parse_error"
    response = client.post(CASES_URL, data="[1, 2]", content_type="application/json")
    assert response.status_code == 400 and "non_field_errors" in response.json()["errors"]
    response = client.post(CASES_URL, data="title=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert Case.objects.count() == 0


def test_registering_outside_ones_jurisdiction_is_refused(county, other_county):
    response = token_client(other_county.center).post(CASES_URL, case_body(county.grid), format="json")
    assert response.status_code == 403
    assert Case.objects.count() == 0
    # A grid worker registers in their own grid but not in the next street.
    grid_client = token_client(county.grid_worker)
    assert grid_client.post(CASES_URL, case_body(county.other_grid), format="json").status_code == 403
    assert grid_client.post(CASES_URL, case_body(county.grid), format="json").status_code == 201


def test_organisation_party_takes_a_credit_code(county):
    parties = [{"name": "张某", "id_number": valid_id_number()},
               {"name": "某公司", "role": "respondent", "kind": "organisation", "id_number": "91330106MA2XXXXX1X"}]
    response = token_client(county.center).post(CASES_URL, case_body(county.grid, parties=parties), format="json")
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("declared", ["200", ""])
def test_parser_refuses_an_oversized_stream_before_reading_it_all(settings, declared):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    request = SimpleNamespace(META={"CONTENT_LENGTH": declared})  # "" as with a chunked body
    with pytest.raises(RequestDataTooBig):
        BoundedJSONParser().parse(io.BytesIO(b'{"a": "' + b"x" * 190 + b'"}'), "application/json", {"request": request})
    small = BoundedJSONParser().parse(io.BytesIO(b'{"a": 1}'), "application/json", {"request": SimpleNamespace(META={})})
    assert small == {"a": 1}
