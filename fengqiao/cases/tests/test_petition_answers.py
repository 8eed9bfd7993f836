"""Issue 9, petitions: a written answer is a document (信访工作条例 第三十二条) with its delivery, shown on the
portal; the kinds of petition (建议 第二十九条, 检举控告 第三十条); the steps on the case page and the API."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.cases.models import PetitionAnswer, PetitionDetail
from fengqiao.cases.services import case_assign, case_transition
from fengqiao.cases.services.petition import PetitionInput
from fengqiao.cases.services.petition_answers import petition_delivery_record
from fengqiao.cases.services.review import ReviewRequestInput, reviewing_bodies
from fengqiao.cases.tests.api_support import case_url, token_client
from fengqiao.cases.tests.helpers import ANSWER_TEXT
from fengqiao.cases.tests.petition_support import (
    D,
    accepted,
    answer,
    answered_by_police,
    county_office,
    deliver,
    local,
    on,
    request_review,
)
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.portal.selectors import tracked_case
from fengqiao.testing.factories import make_case


@pytest.fixture
def office(county):
    return county_office(county)


# --- point 3: the written answer is a document -----------------------------------------------------------------

def test_the_answer_step_requires_text_outcome_and_body(county, fresh):
    case = accepted(county, fresh)
    with on(D(2026, 8, 28)), pytest.raises(ValidationFailed) as refused:
        case_transition(case=case, action="answer", acting_user=fresh(county.center), note="书面答复")
    assert "第三十二条" in str(refused.value.message)
    with on(D(2026, 8, 28)), pytest.raises(ValidationFailed) as refused:
        case_transition(case=case, action="answer", acting_user=fresh(county.center), note="书面答复",
                        answer=answer(county.police, outcome="adopted"))
    assert "outcome" in refused.value.field_errors and "不予支持" in str(refused.value.message)
    with on(D(2026, 8, 28)), pytest.raises(ValidationFailed) as refused:
        case_transition(case=case, action="answer", acting_user=fresh(county.center), note="书面答复",
                        answer=answer(None))
    assert "body" in refused.value.field_errors


def test_the_replies_check_runs_on_the_answer_and_a_failing_one_needs_a_note(county, fresh):
    case = accepted(county, fresh)
    with on(D(2026, 8, 28)), pytest.raises(ValidationFailed) as refused:
        case_transition(case=case, action="answer", acting_user=fresh(county.center), note="书面答复",
                        answer=answer(county.police, text="来信已收悉，感谢您的支持。", note=""))
    assert "override_note" in refused.value.field_errors
    with on(D(2026, 8, 28)):
        case_transition(case=case, action="answer", acting_user=fresh(county.center), note="书面答复",
                        answer=answer(county.police, text="来信已收悉，感谢您的支持。", note="信访人要求尽快答复"))
    row = PetitionAnswer.objects.get(case=case)
    assert row.sent_anyway and row.override_note == "信访人要求尽快答复" and row.check_result


def test_delivery_cannot_precede_the_answer_nor_be_recorded_twice(county, fresh):
    case = answered_by_police(county, fresh)
    row = PetitionAnswer.objects.get(case=case)
    with on(D(2026, 9, 6)), pytest.raises(ValidationFailed):
        petition_delivery_record(answer=row, acting_user=fresh(county.center), method="post", delivered_on=D(2026, 8, 20))
    deliver(case, county, fresh)
    with on(D(2026, 9, 7)), pytest.raises(TransitionRefused):
        petition_delivery_record(answer=row, acting_user=fresh(county.center), method="post", delivered_on=D(2026, 9, 6))


def test_the_portal_shows_the_outcome_and_the_next_step(county, fresh, office):
    case = deliver(answered_by_police(county, fresh), county, fresh)
    with on(D(2026, 9, 10)):
        tracked = tracked_case(case_id=case.pk)
    (shown,) = tracked.answers
    assert shown.outcome == "不予支持" and shown.delivered_on == D(2026, 9, 5)
    assert "复查" in shown.next_step and "2026-10-05" in shown.next_step and "第三十五条" in shown.next_step


def test_the_delivery_is_recorded_from_the_case_page(client, county, fresh):
    case = accepted(county, fresh)
    case = case_transition(case=case, action="answer", acting_user=fresh(county.center), note="答复",
                           answer=answer(county.police))
    row = PetitionAnswer.objects.get(case=case)
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    url = reverse("replies:delivery", args=[case.pk, row.pk])
    assert url in page and "尚未登记送达" in page
    today = timezone.localdate()
    bad = client.post(url, {"version": case.version, "delivery_method": "post",
                            "delivered_on": (today + dt.timedelta(days=1)).isoformat()})
    assert bad.status_code == 400 and "收到日期不能晚于今天" in bad.content.decode()
    ok = client.post(url, {"version": case.version, "delivery_method": "post", "delivered_on": today.isoformat(),
                           "delivery_note": "EMS 1234"})
    assert ok.status_code == 303
    case.refresh_from_db()
    assert local(case.due_at) == today + dt.timedelta(days=30)


# --- point 4: kinds --------------------------------------------------------------------------------------------

def test_a_suggestion_is_answered_with_adoption_and_has_no_review(county, fresh):
    case = accepted(county, fresh, kind="suggestion")
    assert PetitionDetail.objects.get(case=case).kind == "suggestion"
    with on(D(2026, 8, 28)), pytest.raises(ValidationFailed) as refused:
        case_transition(case=case, action="answer", acting_user=fresh(county.center), note="回复",
                        answer=answer(county.police, outcome="support"))
    assert "第二十九条" in str(refused.value.message)
    with on(D(2026, 8, 28)):
        case = case_transition(case=case, action="answer", acting_user=fresh(county.center), note="回复",
                               answer=answer(county.police, outcome="partly_adopted", method="in_person",
                                             delivered_on=D(2026, 8, 28)))
    with on(D(2026, 9, 1)), pytest.raises(TransitionRefused) as refused:
        case_transition(case=case, action="request_review", acting_user=fresh(county.center), note="申请复查",
                        review_request=ReviewRequestInput(received_on=D(2026, 9, 1), body=county.labour))
    assert "第二十九条" in str(refused.value.message)
    with on(D(2026, 9, 1)):
        assert "不适用复查" in tracked_case(case_id=case.pk).answers[0].next_step


def test_an_accusation_must_name_whom_it_accuses(county, fresh):
    with pytest.raises(ValidationFailed) as refused:
        make_case(acting_user=county.center, region=county.grid, process="petition",
                  petition=PetitionInput(kind="accusation"))
    assert "第三十条第三款" in str(refused.value.field_errors["accused_name"][0])


def test_an_accusation_is_never_sent_to_the_accused_body_or_its_people(county, fresh):
    with on(D(2026, 8, 3)):
        case = make_case(acting_user=county.center, region=county.grid, process="petition",
                         petition=PetitionInput(kind="accusation", accused_department=county.police))
    for kwargs in ({"to_department": county.police}, {"to_user": county.police_handler}):
        with on(D(2026, 8, 4)), pytest.raises(TransitionRefused) as refused:
            case_transition(case=case, action="assign", acting_user=fresh(county.center), note="交办", **kwargs)
        assert "信访工作条例 第三十条第三款" in str(refused.value.message)
    with on(D(2026, 8, 4)), pytest.raises(TransitionRefused):
        case_assign(case=case, acting_user=fresh(county.center), to_department=county.police, role="co", note="协办")
    with on(D(2026, 8, 4)):
        case = case_transition(case=case, action="assign", acting_user=fresh(county.center), note="交办",
                               to_department=county.labour)
    assert case.lead_department == county.labour


def test_an_accusation_review_never_goes_to_the_accused_body(county, fresh, office):
    with on(D(2026, 8, 3)):
        case = make_case(acting_user=county.center, region=county.grid, process="petition",
                         petition=PetitionInput(kind="accusation", accused_department=office))
        case = case_transition(case=case, action="accept", acting_user=fresh(county.center))
    with on(D(2026, 8, 28)):
        case = case_transition(case=case, action="answer", acting_user=fresh(county.center), note="答复",
                               answer=answer(county.police, method="in_person", delivered_on=D(2026, 8, 28)))
    assert office not in reviewing_bodies(case, "review")
    with pytest.raises(TransitionRefused) as refused:
        request_review(case, county, fresh, D(2026, 9, 2), body=office)
    assert "第三十条第三款" in str(refused.value.message)


# --- pages and API ---------------------------------------------------------------------------------------------

def test_the_answer_step_on_the_case_page_takes_the_document(client, county, fresh):
    case = accepted(county, fresh)
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'name="answer_text"' in page and 'name="outcome"' in page and 'name="delivered_on"' in page
    url = reverse("cases:transition", args=[case.pk, "answer"])
    refused = client.post(url, {"version": case.version, "note": "书面答复"})
    assert refused.status_code == 400
    ok = client.post(url, {"version": case.version, "note": "书面答复", "answer_text": ANSWER_TEXT,
                           "outcome": "explain", "body": county.police.pk, "override_note": "仍出具",
                           "delivery_method": "in_person", "delivered_on": timezone.localdate().isoformat()})
    assert ok.status_code in (302, 303), ok.content.decode()[:500]
    assert PetitionAnswer.objects.get(case=case).outcome == "explain"


def test_the_review_request_on_the_case_page_offers_only_allowed_bodies(client, county, fresh):
    case = accepted(county, fresh)
    case = case_transition(case=case, action="answer", acting_user=fresh(county.center), note="答复",
                           answer=answer(county.police, method="in_person", delivered_on=timezone.localdate()))
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    form = page[page.index('id="panel-t-request_review"'):]
    form = form[: form.index("</form>")]
    assert county.labour.name in form and county.police.name not in form and 'name="received_on"' in form


def test_the_answer_and_review_request_through_the_api(county, fresh):
    case = accepted(county, fresh)
    client = token_client(county.center)
    url = case_url(case.pk, "transition")
    missing = client.post(url, {"action": "answer", "note": "答复"}, format="json")
    assert missing.status_code == 400 and "第三十二条" in missing.content.decode()
    ok = client.post(url, {"action": "answer", "note": "答复", "answer_text": ANSWER_TEXT, "outcome": "not_support",
                           "body": county.police.code, "override_note": "仍出具", "delivery_method": "post",
                           "delivered_on": timezone.localdate().isoformat()}, format="json")
    assert ok.status_code == 200, ok.content.decode()
    wrong = client.post(url, {"action": "request_review", "note": "复查", "received_on": timezone.localdate().isoformat(),
                              "reviewing_body": county.police.code}, format="json")
    assert wrong.status_code == 409 and "第三十五条" in wrong.content.decode()


def test_the_kind_is_recorded_through_the_api(county):
    client = token_client(county.center)
    body = {"process": "petition", "channel": "visit", "title": "检举村干部", "narrative": "检举某村干部截留补偿款",
            "region": county.grid.code, "parties": [{"name": "张某"}], "petition_kind": "accusation",
            "accused_department": county.police.code}
    response = client.post(case_url(0).replace("/0/", "/"), body, format="json")
    assert response.status_code == 201, response.content.decode()
    detail = PetitionDetail.objects.get(case_id=response.json()["id"])
    assert (detail.kind, detail.accused_department) == ("accusation", county.police)


def test_the_kind_and_the_accused_are_recorded_through_the_registration_form(client, county):
    from fengqiao.cases.models import Process
    from fengqiao.cases.tests.test_views_create import _form

    client.force_login(county.center)
    url = reverse("cases:create")
    base = _form(county, process=Process.objects.get(code="petition").pk, title="检举派出所民警", petition_kind="accusation")
    refused = client.post(url, base)
    assert refused.status_code == 400 and "第三十条第三款" in refused.content.decode()
    response = client.post(url, {**base, "accused_department": county.police.pk})
    assert response.status_code == 303
    detail = PetitionDetail.objects.get(case__title="检举派出所民警")
    assert (detail.kind, detail.accused_department) == ("accusation", county.police)


def test_the_api_detail_shows_the_kind_answers_and_requests(county, fresh):
    case = request_review(deliver(answered_by_police(county, fresh), county, fresh), county, fresh, D(2026, 9, 20))
    data = token_client(county.center).get(case_url(case.pk)).json()["petition"]
    assert data["kind"] == "claim"
    assert [(a["stage"], a["body"], a["delivered_on"]) for a in data["answers"]] == [("answer", county.police.code, "2026-09-05")]
    assert [(r["stage"], r["received_on"], r["body"]) for r in data["requests"]] == [("review", "2026-09-20", county.labour.code)]




def test_the_assign_form_does_not_offer_the_accused_body(client, county):
    case = make_case(acting_user=county.center, region=county.grid, process="petition",
                     petition=PetitionInput(kind="accusation", accused_department=county.police))
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    form = page[page.index('id="panel-t-assign"'):]
    form = form[: form.index("</form>")]
    assert county.labour.name in form and county.police.name not in form
