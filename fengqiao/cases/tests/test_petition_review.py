"""Issue 9, petitions (信访工作条例 第二十九条 to 第三十六条): review by another body, with recusal; review windows
counted from the resident's own dates; a written answer is a document; the kinds of petition.

Real dates (Asia/Shanghai) around National Day 2026 (holidays 1-7 Oct, 10 Oct a working Saturday). The service
clock is set with a patched `timezone.now` so that an answer can be issued in August and received in September."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.cases.models import PetitionAnswer, PetitionDetail, PetitionReviewRequest
from fengqiao.cases.services import case_assign, case_transition
from fengqiao.cases.services.petition import PetitionInput
from fengqiao.cases.services.petition_answers import AnswerInput, petition_delivery_record
from fengqiao.cases.services.review import ReviewRequestInput, reviewing_bodies
from fengqiao.cases.tests.api_support import case_url, token_client
from fengqiao.cases.tests.helpers import ANSWER_TEXT
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.portal.selectors import tracked_case
from fengqiao.testing.factories import DepartmentFactory, UserFactory, grant, make_case

D = dt.date


@contextmanager
def on(day: dt.date, hour: int = 10):
    """Run the services as if it were `day` (Asia/Shanghai)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def local(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def answer(body=None, *, outcome="not_support", method="", delivered_on=None, text=ANSWER_TEXT, note="仍出具"):  # noqa: ANN001, ANN201
    return AnswerInput(text=text, outcome=outcome, body=body, override_note=note, delivery_method=method,
                       delivered_on=delivered_on)


@pytest.fixture
def office(county):  # noqa: ANN001, ANN201
    """The county government's office: the level above a county department (复核 of the 人社局's 复查)."""
    return DepartmentFactory(code="A-zfb", name="A县人民政府办公室", home_region=county.county, covers=[county.county])


def accepted(county, fresh, *, kind=None, **petition):  # noqa: ANN001, ANN201
    with on(D(2026, 8, 3)):
        data = PetitionInput(kind=kind, **petition) if kind else None
        case = make_case(acting_user=county.center, region=county.grid, process="petition",
                         title="青石街道承包地征收补偿标准偏低", petition=data)
        return case_transition(case=case, action="accept", acting_user=fresh(county.center))


def answered_by_police(county, fresh):  # noqa: ANN001, ANN201
    """Answered on 28 Aug 2026 by the street's 派出所, its delivery not yet known."""
    case = accepted(county, fresh)
    with on(D(2026, 8, 28)):
        return case_transition(case=case, action="answer", acting_user=fresh(county.center), note="书面答复",
                               answer=answer(county.police))


RECEIPT_SIGNED = D(2026, 9, 5)


def deliver(case, county, fresh, day=RECEIPT_SIGNED, method="post"):  # noqa: ANN001, ANN201
    """The post receipt signed on `day`, recorded the day after (or later)."""
    row = PetitionAnswer.objects.filter(case=case).latest("issued_at")
    with on(max(day, D(2026, 9, 6))):
        petition_delivery_record(answer=row, acting_user=fresh(county.center), method=method, delivered_on=day,
                                 note="EMS回执")
    case.refresh_from_db()
    return case


def request_review(case, county, fresh, received, body=None):  # noqa: ANN001, ANN201
    with on(received):
        return case_transition(case=case, action="request_review", acting_user=fresh(county.center), note="申请复查",
                               review_request=ReviewRequestInput(received_on=received, body=body or county.labour))


# --- point 2: windows from the resident's dates ----------------------------------------------------------------

def test_no_review_window_runs_until_the_delivery_is_recorded(county, fresh):
    case = answered_by_police(county, fresh)
    assert case.state.code == "answered" and case.due_at is None and case.clock_started_at is None
    with on(D(2026, 9, 10)), pytest.raises(TransitionRefused) as refused:
        case_transition(case=case, action="request_review", acting_user=fresh(county.center), note="申请复查",
                        review_request=ReviewRequestInput(received_on=D(2026, 9, 10), body=county.labour))
    assert "第三十五条" in str(refused.value.message) and "送达" in str(refused.value.message)


def test_the_review_window_counts_from_the_day_the_answer_was_received(county, fresh):
    """Answered 28 Aug, received by post 5 Sep: the 30 days run to 5 Oct (a holiday: no roll), not to 27 Sep."""
    case = deliver(answered_by_police(county, fresh), county, fresh)
    assert local(case.clock_started_at) == D(2026, 9, 5) and local(case.due_at) == D(2026, 10, 5)
    row = PetitionAnswer.objects.get(case=case)
    assert (row.delivery_method, row.delivered_on, row.delivery_note) == ("post", D(2026, 9, 5), "EMS回执")
    case = request_review(case, county, fresh, D(2026, 10, 3))  # day 28 from receipt, day 36 from the answer
    assert case.state.code == "review" and case.lead_department == county.labour


def test_the_review_opinion_clock_runs_from_the_day_the_request_was_received(county, fresh):
    """Request received Sat 3 Oct (entered on 9 Oct): the 复查 opinion is due 2 Nov, 30 days from the 3rd."""
    case = deliver(answered_by_police(county, fresh), county, fresh)
    with on(D(2026, 10, 9)):
        case = case_transition(case=case, action="request_review", acting_user=fresh(county.center), note="申请复查",
                               review_request=ReviewRequestInput(received_on=D(2026, 10, 3), body=county.labour))
    assert local(case.clock_started_at) == D(2026, 10, 3) and local(case.due_at) == D(2026, 11, 2)
    request = PetitionReviewRequest.objects.get(case=case)
    assert (request.stage, request.received_on, request.body) == ("review", D(2026, 10, 3), county.labour)


def test_a_review_request_past_its_window_is_refused_naming_the_article_and_dates(county, fresh):
    case = deliver(answered_by_police(county, fresh), county, fresh)
    with pytest.raises(TransitionRefused) as refused:
        request_review(case, county, fresh, D(2026, 10, 8))
    message = str(refused.value.message)
    assert "信访工作条例 第三十五条" in message
    assert "2026-09-05" in message and "2026-10-05" in message and "2026-10-08" in message
    case.refresh_from_db()
    assert case.state.code == "answered"


def test_a_request_without_its_received_date_is_refused(county, fresh):
    case = deliver(answered_by_police(county, fresh), county, fresh)
    with on(D(2026, 9, 20)), pytest.raises(ValidationFailed) as refused:
        case_transition(case=case, action="request_review", acting_user=fresh(county.center), note="申请复查",
                        review_request=ReviewRequestInput(received_on=None, body=county.labour))
    assert "received_on" in refused.value.field_errors


def test_the_re_review_window_and_clock_follow_the_review_opinion(county, fresh, office):
    """复查 opinion received 2 Nov: 复核 may be asked until 2 Dec (第三十六条); asked 30 Nov, due 30 Dec."""
    case = request_review(deliver(answered_by_police(county, fresh), county, fresh), county, fresh, D(2026, 10, 3))
    with on(D(2026, 11, 2)):
        case = case_transition(case=case, action="answer", acting_user=fresh(county.center), note="复查",
                               answer=answer(outcome="not_support", method="in_person", delivered_on=D(2026, 11, 2)))
    assert case.state.code == "reviewed" and local(case.due_at) == D(2026, 12, 2)
    with on(D(2026, 12, 3)), pytest.raises(TransitionRefused) as refused:
        case_transition(case=case, action="request_re_review", acting_user=fresh(county.center), note="申请复核",
                        review_request=ReviewRequestInput(received_on=D(2026, 12, 3), body=office))
    assert "第三十六条" in str(refused.value.message) and "2026-12-02" in str(refused.value.message)
    with on(D(2026, 12, 1)):
        case = case_transition(case=case, action="request_re_review", acting_user=fresh(county.center), note="申请复核",
                               review_request=ReviewRequestInput(received_on=D(2026, 11, 30), body=office))
    assert local(case.due_at) == D(2026, 12, 30) and case.lead_department == office


# --- point 1: review by another body, with recusal -------------------------------------------------------------

def test_the_answering_body_cannot_be_chosen_for_the_review(county, fresh):
    case = deliver(answered_by_police(county, fresh), county, fresh)
    assert county.police not in reviewing_bodies(case, "review")
    assert county.labour in reviewing_bodies(case, "review")
    with pytest.raises(TransitionRefused) as refused:
        request_review(case, county, fresh, D(2026, 9, 20), body=county.police)
    assert "信访工作条例 第三十五条" in str(refused.value.message) and "不能复查" in str(refused.value.message)


def test_a_body_below_the_answering_body_is_not_offered(county, fresh):
    other = DepartmentFactory(code="A-dpz", name="A东坪镇司法所", home_region=county.other_street)
    case = deliver(answered_by_police(county, fresh), county, fresh)
    assert other not in reviewing_bodies(case, "review")
    with pytest.raises(TransitionRefused) as refused:
        request_review(case, county, fresh, D(2026, 9, 20), body=other)
    assert "第三十五条" in str(refused.value.message)


def test_the_answering_body_cannot_issue_the_review_opinion(county, fresh):
    case = request_review(deliver(answered_by_police(county, fresh), county, fresh), county, fresh, D(2026, 9, 20))
    with on(D(2026, 10, 9)), pytest.raises(TransitionRefused) as refused:
        case_transition(case=case, action="answer", acting_user=fresh(county.center), note="复查",
                        answer=answer(county.police))
    assert "信访工作条例 第三十五条" in str(refused.value.message) and "不能出具复查意见" in str(refused.value.message)
    with on(D(2026, 10, 9)):
        case = case_transition(case=case, action="answer", acting_user=fresh(county.center), note="复查",
                               answer=answer())
    assert PetitionAnswer.objects.get(case=case, stage="review").body == county.labour


def test_the_review_body_cannot_do_the_re_review(county, fresh, office):
    case = request_review(deliver(answered_by_police(county, fresh), county, fresh), county, fresh, D(2026, 9, 20))
    with on(D(2026, 10, 9)):
        case = case_transition(case=case, action="answer", acting_user=fresh(county.center), note="复查",
                               answer=answer(method="electronic", delivered_on=D(2026, 10, 9)))
    assert set(reviewing_bodies(case, "re_review")) == {office}
    with on(D(2026, 10, 12)), pytest.raises(TransitionRefused) as refused:
        case_transition(case=case, action="request_re_review", acting_user=fresh(county.center), note="申请复核",
                        review_request=ReviewRequestInput(received_on=D(2026, 10, 12), body=county.labour))
    assert "信访工作条例 第三十六条" in str(refused.value.message)


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


# --- upgrading an existing installation ------------------------------------------------------------------------

def test_the_data_migration_moves_unedited_review_clocks_to_the_residents_dates(db):
    import importlib

    from django.apps import apps

    from fengqiao.cases.models import DeadlineRule, Transition
    from fengqiao.cases.seed import PETITION_REVIEW_RULES

    migration = importlib.import_module("fengqiao.cases.migrations.0004_petition_answers_and_review_clocks")
    assert migration.REVIEW_RULES == PETITION_REVIEW_RULES  # the migration ends where a fresh seed starts
    rules = DeadlineRule.objects.filter(process__code="petition", region=None,
                                        state__code__in=migration.REVIEW_RULES)
    migration.seed_backwards(apps, None)  # the rows as an earlier version seeded them
    assert set(rules.values_list("start_event", flat=True)) == {"state_entered"}
    closing = Transition.objects.get(process__code="petition", action="close", from_state__code="re_review")
    assert closing.name == "复核办结"
    edited = rules.get(state__code="review")
    DeadlineRule.objects.filter(pk=edited.pk).update(duration=20)  # an administrator's edit stays
    migration.seed_forwards(apps, None)
    assert set(rules.exclude(pk=edited.pk).values_list("start_event", flat=True)) == {"step_date"}
    assert DeadlineRule.objects.get(pk=edited.pk).start_event == "state_entered"
    assert rules.get(state__code="answered").legal_basis.startswith("信访工作条例 第三十五条")
    assert Transition.objects.get(pk=closing.pk).name == "出具复核意见（办结）"


def test_a_member_of_the_answering_body_does_not_issue_the_review_opinion(county, fresh):
    """The 派出所's handler answered; its people step aside for the 复查 (第二十八条第三款), even for the chosen body."""
    case = request_review(deliver(answered_by_police(county, fresh), county, fresh), county, fresh, D(2026, 9, 20))
    officer = grant(grant(UserFactory(username="A-dual"), "center", county.county), "handler", county.street, county.police)
    with on(D(2026, 10, 9)), pytest.raises(TransitionRefused) as refused:
        case_transition(case=case, action="answer", acting_user=fresh(officer), note="复查", answer=answer(county.labour))
    assert "第二十八条第三款" in str(refused.value.message)
    with on(D(2026, 10, 9)):
        case = case_transition(case=case, action="answer", acting_user=fresh(county.center), note="复查",
                               answer=answer(county.labour))
    assert case.state.code == "reviewed"


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
