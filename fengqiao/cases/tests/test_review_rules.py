"""Petition review rules (信访工作条例 Arts. 35-36): 复查 within 30 days of the written answer, 复核 within 30 days
of the 复查 opinion, then final: a new petition by the same person shows a note (never a block)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.accounts.models import Membership
from fengqiao.cases.deadlines import end_of_day
from fengqiao.cases.models import Case, CaseEvent, PetitionAnswer
from fengqiao.cases.services import case_extension_decide, case_extension_request, case_transition
from fengqiao.cases.services.create import PartyInput
from fengqiao.cases.tests.helpers import petition_step
from fengqiao.cases.tests.oversight_support import assert_open_case_can_move_on, reload
from fengqiao.core.errors import TransitionRefused
from fengqiao.portal.selectors import public_timeline
from fengqiao.testing.factories import DepartmentFactory, make_case, valid_id_number


def answered(county, fresh, region=None) -> Case:
    case = make_case(acting_user=county.center, region=region or county.grid, process="petition",
                     title="承包地征收补偿标准偏低")
    case = case_transition(case=case, action="accept", acting_user=fresh(county.center))
    return case_transition(case=case, action="answer", acting_user=fresh(county.center),
                           note="按省定标准补偿，依据土地管理法第48条；如不服可于30日内申请复查",
                           **petition_step(case, "answer", body=county.police))


def answered_days_ago(case: Case, days: int, *, keep_clock: bool = True) -> Case:
    """Test set-up: the answer of the current step was given, and received by the petitioner, `days` ago."""
    when = timezone.now() - dt.timedelta(days=days)
    CaseEvent.objects.filter(case=case, to_state_id=case.state_id).update(created_at=when)
    answers = PetitionAnswer.objects.filter(case=case)
    if keep_clock:
        latest = answers.order_by("-issued_at", "-id").first()
        answers.filter(pk=latest.pk).update(issued_at=when, delivered_on=timezone.localtime(when).date())
    else:
        answers.delete()
    if keep_clock:
        due = end_of_day(timezone.localtime(when).date() + dt.timedelta(days=case.deadline_rule.duration))
        Case.objects.filter(pk=case.pk).update(clock_started_at=when, due_at=due)
    else:  # a case answered before the window was a rule
        Case.objects.filter(pk=case.pk).update(clock_started_at=None, due_at=None, deadline_rule=None)
    return reload(case)


def test_the_answered_step_holds_the_30_day_window(county, fresh):
    case = answered(county, fresh)
    assert case.state.code == "answered" and case.deadline_rule.duration == 30
    assert case.deadline_status() == "none"  # a window for the petitioner, not a deadline for staff


def test_a_review_request_after_30_days_is_refused_with_the_dates(county, fresh):
    case = answered_days_ago(answered(county, fresh), 40)
    with pytest.raises(TransitionRefused) as refused:
        case_transition(case=case, action="request_review", acting_user=fresh(county.center), note="信访人申请复查",
                        **petition_step(case, "request_review", body=county.labour))
    message = str(refused.value.message)
    answered_on = timezone.localtime(case.clock_started_at).date()
    assert answered_on.isoformat() in message and (answered_on + dt.timedelta(days=30)).isoformat() in message
    assert timezone.localdate().isoformat() in message and "30 日" in message
    assert reload(case).state.code == "answered"


def test_the_window_is_enforced_for_cases_answered_before_the_rule_existed(county, fresh):
    case = answered_days_ago(answered(county, fresh), 31, keep_clock=False)
    with pytest.raises(TransitionRefused):
        case_transition(case=case, action="request_review", acting_user=fresh(county.center), note="申请复查",
                        **petition_step(case, "request_review", body=county.labour))


def test_review_on_day_20_then_re_review_window_then_final(county, fresh):
    case = answered_days_ago(answered(county, fresh), 20)
    case = case_transition(case=case, action="request_review", acting_user=fresh(county.center), note="信访人申请复查",
                           **petition_step(case, "request_review", body=county.labour))
    assert case.state.code == "review" and case.due_at is not None
    assert_open_case_can_move_on(case)
    case = case_transition(case=case, action="answer", acting_user=fresh(county.center), note="维持原处理意见",
                           **petition_step(case, "answer"))
    late = answered_days_ago(case, 35)
    office = DepartmentFactory(code="A-zfb", name="A县人民政府办公室", home_region=county.county)
    with pytest.raises(TransitionRefused) as refused:
        case_transition(case=late, action="request_re_review", acting_user=fresh(county.center), note="申请复核",
                        **petition_step(late, "request_re_review", body=office))
    assert "申请复核" in str(refused.value.message)
    case = answered_days_ago(case, 29)
    case = case_transition(case=case, action="request_re_review", acting_user=fresh(county.center), note="申请复核",
                           **petition_step(case, "request_re_review", body=office))
    assert case.state.code == "re_review" and not case.is_final_review
    case = case_transition(case=case, action="close", acting_user=fresh(county.center), note="复核维持",
                           **petition_step(case, "close"))
    assert case.is_final_review and reload(case).is_final_review
    reopened = case_transition(case=case, action="reopen", acting_user=fresh(county.center), note="发现新证据")
    assert not reload(reopened).is_final_review


def test_closing_without_re_review_is_not_final(county, fresh):
    case = case_transition(case=answered(county, fresh), action="close", acting_user=fresh(county.center))
    assert case.state.code == "closed" and not case.is_final_review


def test_a_new_petition_by_the_same_person_is_a_new_matter_without_the_final_review_note(client, county, fresh):
    """Issue 9 changed this on purpose (信访工作条例 第三十六条第三款: same facts and reasons, not the same person):
    the note shows only for a link a person confirmed from a suggestion of the matter; see
    triage/tests/test_same_matter.py for the suggestion, the confirmation and the note."""
    final = make_case(acting_user=county.center, region=county.grid, process="petition",
                      parties=[PartyInput(name="张某", id_number=valid_id_number())])
    Case.objects.filter(pk=final.pk).update(is_final_review=True)  # set-up: reviewed and closed earlier
    new = make_case(acting_user=county.center, region=county.grid, process="petition",
                    parties=[PartyInput(name="张某", id_number=valid_id_number())])
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[new.pk])).content.decode()
    assert "该信访人有已复核终结的事项" not in page and final.reference not in page
    # Never a block: the new petition can be accepted.
    assert 'id="panel-t-accept"' in page
    assert "本事项已复核终结" in client.get(reverse("cases:detail", args=[final.pk])).content.decode()


def test_an_approved_extension_reaches_the_petitioner_with_its_reason(client, county, fresh):
    Membership.objects.filter(user=county.leader).update(is_head=True)  # 负责人 of the center (Art. 34, issue 9)
    case = make_case(acting_user=county.center, region=county.grid, process="petition")
    case = case_transition(case=case, action="accept", acting_user=fresh(county.center))
    extension = case_extension_request(case=case, acting_user=fresh(county.grid_worker), days=30, reason="需组织听证")
    case_extension_decide(extension=extension, acting_user=fresh(county.leader), approve=True, note="同意")
    notes = [e.note for e in public_timeline(case=case)]
    assert any("延长 30 日" in n and "需组织听证" in n for n in notes)
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "需组织听证" in page and "对群众公开" in page
