"""Issue 9, petitions: 复查 and 复核 by another body, with recusal (信访工作条例 第二十八条第三款, 第三十五条,
第三十六条), and review windows counted from the resident's own dates (the day the answer was received, the day
the request was received). Dates around National Day 2026; see petition_support."""
from __future__ import annotations

import pytest

from fengqiao.cases.models import PetitionAnswer, PetitionReviewRequest
from fengqiao.cases.services import case_transition
from fengqiao.cases.services.review import ReviewRequestInput, reviewing_bodies
from fengqiao.cases.tests.petition_support import (
    D,
    answer,
    answered_by_police,
    county_office,
    deliver,
    local,
    on,
    request_review,
)
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.testing.factories import DepartmentFactory, UserFactory, grant


@pytest.fixture
def office(county):
    return county_office(county)


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


