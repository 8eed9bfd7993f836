"""Paused clocks: time paused on a lawful ground is not counted. On resume the deadline moves later by the days paused, in the
rule's unit, on the real calendar (National Day 2026: 1-7 Oct off, Saturday 10 Oct a working day).

Since issue 9 a pause needs a lawful ground allowed in the step (test_pause_grounds.py tests the seeded ones: 听证
only in 复核). These tests of the arithmetic pause the first petition step, on a ground an administrator added for
it (grounds are data)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fengqiao.cases.models import Case, ClockPause, DeadlineRule, PauseGround, State
from fengqiao.cases.services import case_clock_pause, case_clock_resume, case_transition
from fengqiao.cases.services.clock import paused_days
from fengqiao.cases.tests.oversight_support import assert_open_case_can_move_on, at, local_date, reload
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.testing.factories import make_case

LOCAL = "local_ground"


@pytest.fixture(autouse=True)
def local_ground(db):
    ground = PauseGround.objects.create(code=LOCAL, name="地方规定的事由", legal_basis="地方规定（测试）")
    ground.states.add(State.objects.get(process__code="petition", code="registered"))
    return ground


@pytest.fixture
def working_day_petition(county):
    """A petition under a local rule of 5 working days, received Tue 29 Sep 2026."""
    registered = State.objects.get(process__code="petition", code="registered")
    DeadlineRule.objects.create(process=registered.process, state=registered, region=county.street, duration=5,
                                unit="working_days", start_event="received", legal_basis="地方规定：5个工作日内决定")
    case = make_case(acting_user=county.center, region=county.grid, process="petition", received_at=at(2026, 9, 29))
    # 30 Sep, 8 Oct, 9 Oct, 10 Oct (adjusted Saturday), 12 Oct.
    assert local_date(case.due_at) == dt.date(2026, 10, 12)
    return case


def test_working_days_paused_across_national_day(county, fresh, working_day_petition):
    case = working_day_petition
    case_clock_pause(ground=LOCAL, case=case, acting_user=fresh(county.center), reason="组织听证", paused_at=at(2026, 9, 30))
    case = reload(case)
    assert case.is_paused and case.deadline_status() == "paused"
    pause = case_clock_resume(case=case, acting_user=fresh(county.center), note="听证结束", resumed_at=at(2026, 10, 9))
    # Paused 30 Sep to 9 Oct: 1-7 Oct are holidays, so only 8 and 9 Oct were working days lost.
    assert pause.days_added == 2 and pause.unit == "working_days"
    case = reload(case)
    # 12 Oct + 2 working days: 13 and 14 Oct.
    assert local_date(case.due_at) == dt.date(2026, 10, 14)
    assert not case.is_paused and case.deadline_status() == "red"
    public = case.events.get(action="clock_resume").public_note
    assert "2026-10-14" in public and "2 个工作日" in public
    assert_open_case_can_move_on(case)


def test_a_pause_that_ends_on_the_adjusted_saturday_counts_it(county, fresh, working_day_petition):
    case = working_day_petition
    case_clock_pause(ground=LOCAL, case=case, acting_user=fresh(county.center), reason="听证", paused_at=at(2026, 10, 9))
    pause = case_clock_resume(case=reload(case), acting_user=fresh(county.center), resumed_at=at(2026, 10, 11))
    assert pause.days_added == 1  # Sat 10 Oct is a working day; Sun 11 Oct is not
    # 12 Oct + 1 working day.
    assert local_date(reload(case).due_at) == dt.date(2026, 10, 13)


def test_calendar_days_paused_move_a_calendar_day_clock(county, fresh):
    case = make_case(acting_user=county.center, region=county.other_grid, process="petition", received_at=at(2026, 9, 29))
    assert case.deadline_rule.unit == "calendar_days" and local_date(case.due_at) == dt.date(2026, 10, 14)
    warn_gap = case.due_at - case.warn_at
    case_clock_pause(ground=LOCAL, case=case, acting_user=fresh(county.center), reason="听证", paused_at=at(2026, 9, 30))
    pause = case_clock_resume(case=reload(case), acting_user=fresh(county.center), resumed_at=at(2026, 10, 9))
    assert pause.days_added == 9
    case = reload(case)
    assert local_date(case.due_at) == dt.date(2026, 10, 23) and case.due_at - case.warn_at == warn_gap


def test_paused_days_in_both_units(db):
    assert paused_days(unit="working_days", started_at=at(2026, 9, 30), ended_at=at(2026, 10, 9)) == 2
    assert paused_days(unit="calendar_days", started_at=at(2026, 9, 30), ended_at=at(2026, 10, 9)) == 9
    assert paused_days(unit="working_days", started_at=at(2026, 10, 12, 9), ended_at=at(2026, 10, 12, 17)) == 0


def test_a_paused_case_is_never_overdue_and_shows_paused(client, county, fresh, working_day_petition):
    case = working_day_petition
    assert Case.objects.overdue().filter(pk=case.pk).exists()
    case_clock_pause(ground=LOCAL, case=case, acting_user=fresh(county.center), reason="组织听证", paused_at=at(2026, 10, 8))
    assert not Case.objects.overdue().filter(pk=case.pk).exists()
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "badge-paused" in page and "已暂停" in page and 'id="panel-resume"' in page and 'id="panel-pause"' not in page
    assert "badge-red" not in page


def test_pause_rules(county, fresh, working_day_petition):
    case = working_day_petition
    with pytest.raises(PermissionRefused):
        case_clock_pause(ground=LOCAL, case=case, acting_user=fresh(county.grid_worker), reason="听证")
    with pytest.raises(ValidationFailed):
        case_clock_pause(ground=LOCAL, case=case, acting_user=fresh(county.center), reason="")
    with pytest.raises(ValidationFailed):
        case_clock_pause(ground=LOCAL, case=case, acting_user=fresh(county.center), reason="听证", paused_at=at(2026, 9, 1))
    with pytest.raises(TransitionRefused):  # after the step fell due
        case_clock_pause(ground=LOCAL, case=case, acting_user=fresh(county.center), reason="听证", paused_at=at(2026, 10, 20))
    with pytest.raises(TransitionRefused):
        case_clock_resume(case=case, acting_user=fresh(county.center))
    case_clock_pause(ground=LOCAL, case=case, acting_user=fresh(county.center), reason="听证", paused_at=at(2026, 10, 8))
    with pytest.raises(TransitionRefused):
        case_clock_pause(ground=LOCAL, case=reload(case), acting_user=fresh(county.center), reason="再次")
    with pytest.raises(ValidationFailed):
        case_clock_resume(case=reload(case), acting_user=fresh(county.center), resumed_at=at(2026, 10, 1))
    assert ClockPause.objects.filter(case=case, ended_at__isnull=True).count() == 1


def test_a_step_change_ends_the_pause_and_the_next_step_has_its_own_clock(county, fresh, working_day_petition):
    case = working_day_petition
    case_clock_pause(ground=LOCAL, case=case, acting_user=fresh(county.center), reason="听证", paused_at=at(2026, 10, 8))
    case = case_transition(case=reload(case), action="accept", acting_user=fresh(county.center))
    assert not case.is_paused and case.state.code == "accepted" and case.due_at is not None
    assert ClockPause.objects.get(case=case).ended_at is not None
    assert_open_case_can_move_on(case)


def test_pause_and_resume_through_the_page(client, county, fresh, working_day_petition):
    case = working_day_petition
    client.force_login(county.center)
    response = client.post(reverse("cases:clock_pause", args=[case.pk]), {
        "version": reload(case).version, "ground": LOCAL, "reason": "组织听证", "paused_at": "2026-09-30T10:00"})
    assert response.status_code == 303 and reload(case).is_paused
    response = client.post(reverse("cases:clock_resume", args=[case.pk]), {
        "version": reload(case).version, "resumed_at": "2026-10-09T10:00", "note": "听证结束"})
    assert response.status_code == 303
    assert local_date(reload(case).due_at) == dt.date(2026, 10, 14)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "顺延 2 个工作日" in page
