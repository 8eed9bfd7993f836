"""Every open case always has a next action and a due date: the seeded workflow gives every open step an active
way on and a default clock, the admin cannot take the last one away, and a system check reports a gap."""
from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from fengqiao.cases.checks import open_states_have_steps_and_clocks
from fengqiao.cases.models import DeadlineRule, State, Transition
from fengqiao.cases.services import (
    case_assign,
    case_clock_pause,
    case_clock_resume,
    case_escalate,
    case_leader_assign,
    case_supervision_raise,
    case_transition,
)
from fengqiao.cases.tasks import supervise_overdue
from fengqiao.cases.tests.helpers import petition_step
from fengqiao.cases.tests.oversight_support import assert_open_case_can_move_on, mediating_case
from fengqiao.testing.factories import make_case


def test_every_seeded_open_state_has_a_way_on_and_a_clock(db):
    for state in State.objects.filter(kind="open"):
        assert Transition.objects.filter(from_state=state, is_active=True).exists(), state
        assert DeadlineRule.objects.filter(state=state, region__isnull=True, is_active=True).exists(), state
    assert open_states_have_steps_and_clocks() == []


def test_open_cases_keep_a_next_action_and_a_due_date_through_every_oversight_action(county, fresh):
    case = mediating_case(county, fresh)
    steps = [
        lambda c: case_assign(case=c, acting_user=fresh(county.center), to_department=county.police, role="co", task="维稳",
                              due_days=2),
        lambda c: case_supervision_raise(case=c, acting_user=fresh(county.center), reason="督办", reply_days=2),
        lambda c: case_leader_assign(case=c, acting_user=fresh(county.center), leader=county.leader),
        lambda c: case_escalate(case=c, acting_user=fresh(county.grid_worker), reason="上报"),
        lambda c: case_clock_pause(case=c, acting_user=fresh(county.center), ground="appraisal", reason="委托鉴定"),
        lambda c: case_clock_resume(case=c, acting_user=fresh(county.center)),
        lambda c: case_transition(case=c, action="return", acting_user=fresh(county.handler), note="退回"),
        lambda c: supervise_overdue(),
    ]
    for step in steps:
        step(case)
        case.refresh_from_db()
        assert_open_case_can_move_on(case)
    petition = make_case(acting_user=county.center, region=county.grid, process="petition")
    for action, note in (("accept", ""), ("answer", "书面答复"), ("request_review", "申请复查")):
        petition = case_transition(case=petition, action=action, acting_user=fresh(county.center), note=note,
                                   **petition_step(petition, action, body=county.police if action == "answer" else None))
        assert_open_case_can_move_on(petition)


def test_the_last_default_rule_of_an_open_step_cannot_be_switched_off_or_deleted(county):
    rule = DeadlineRule.objects.get(state__process__code="petition", state__code="review", region__isnull=True)
    rule.is_active = False
    with pytest.raises(ValidationError):
        rule.full_clean()
    rule.is_active, rule.region = True, county.street
    with pytest.raises(ValidationError):
        rule.full_clean()
    request = RequestFactory().get("/")
    request.user = county.admin
    request.user.is_superuser = True
    assert site._registry[DeadlineRule].has_delete_permission(request, DeadlineRule.objects.get(pk=rule.pk)) is False
    DeadlineRule.objects.create(process=rule.process, state=rule.state, duration=20, unit="calendar_days")
    fresh_rule = DeadlineRule.objects.get(pk=rule.pk)
    fresh_rule.is_active = False
    fresh_rule.full_clean()  # another default rule keeps the step's clock


def test_the_last_step_out_of_an_open_state_cannot_be_switched_off(db):
    only = Transition.objects.get(process__code="petition", from_state__code="re_review")
    only.is_active = False
    with pytest.raises(ValidationError):
        only.full_clean()
    Transition.objects.filter(pk=only.pk).update(is_active=False)
    problems = open_states_have_steps_and_clocks()
    assert [p.id for p in problems] == ["cases.W001"]
