"""Deadline rules on the working-day calendar, with real dates across holidays."""
import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.cases.deadlines import clock_for, rule_for
from fengqiao.cases.models import DeadlineRule, State
from fengqiao.cases.services import case_assign
from fengqiao.cases.tests.helpers import put_in_state
from fengqiao.testing.factories import make_case
from fengqiao.worktime.models import CalendarYear


def at(y: int, m: int, d: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, hour))


def local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def test_petition_registered_during_national_day_gets_15_calendar_days(county):
    case = make_case(acting_user=county.center, region=county.grid, process="petition", received_at=at(2026, 10, 2))
    assert local_date(case.due_at) == dt.date(2026, 10, 17)
    assert case.deadline_rule.unit == "calendar_days"
    assert case.calendar_warning == ""


def test_objection_window_counts_working_days_and_the_adjusted_saturday(county):
    case = make_case(acting_user=county.center, region=county.grid, process="petition", received_at=at(2026, 10, 2))
    clock = clock_for(case=case, state=State.objects.get(process__code="petition", code="dispatched"), entered_at=at(2026, 10, 2))
    # 5 working days after 2 Oct: 8, 9, 10 (adjusted Saturday), 12, 13.
    assert local_date(clock.due_at) == dt.date(2026, 10, 13)


def test_workorder_handling_across_the_spring_festival(county):
    case = make_case(acting_user=county.center, region=county.grid, process="workorder", received_at=at(2026, 2, 12))
    clock = clock_for(case=case, state=State.objects.get(process__code="workorder", code="handling"), entered_at=at(2026, 2, 12))
    # After Thu 12 Feb: 13 (Fri), 14 (adjusted Sat), then the festival to 23 Feb; 24, 25, 26.
    assert local_date(clock.due_at) == dt.date(2026, 2, 26)


def test_yellow_at_80_percent_and_red_when_overdue(county):
    case = make_case(acting_user=county.center, region=county.grid, process="petition", received_at=at(2026, 10, 2))
    span = case.due_at - case.clock_started_at
    assert case.deadline_status(now=case.clock_started_at + span * 0.5) == "green"
    assert case.deadline_status(now=case.clock_started_at + span * 0.85) == "yellow"
    assert case.deadline_status(now=case.due_at + dt.timedelta(minutes=1)) == "red"


def test_the_most_specific_jurisdiction_rule_wins(county):
    registered = State.objects.get(process__code="petition", code="registered")
    DeadlineRule.objects.create(process=registered.process, state=registered, region=county.street, duration=5,
                                unit="working_days", start_event="received", legal_basis="地方条例：5个工作日内决定")
    inside = make_case(acting_user=county.center, region=county.grid, process="petition", received_at=at(2026, 10, 2))
    outside = make_case(acting_user=county.center, region=county.other_grid, process="petition", received_at=at(2026, 10, 2))
    assert inside.deadline_rule.region == county.street
    assert local_date(inside.due_at) == dt.date(2026, 10, 13)
    assert outside.deadline_rule.region is None
    assert local_date(outside.due_at) == dt.date(2026, 10, 17)


def test_an_inactive_rule_is_ignored(county):
    registered = State.objects.get(process__code="petition", code="registered")
    DeadlineRule.objects.create(process=registered.process, state=registered, region=county.street, duration=1,
                                unit="working_days", is_active=False)
    case = make_case(acting_user=county.center, region=county.grid, process="petition")
    assert rule_for(case=case, state=registered).region is None


def test_a_deadline_in_an_uncovered_year_carries_a_visible_warning(county):
    CalendarYear.objects.filter(year=2027).delete()  # stays true once the package learns 2027
    case = make_case(acting_user=county.center, region=county.grid, process="petition", received_at=at(2026, 11, 20))
    clock = clock_for(case=case, state=State.objects.get(process__code="petition", code="accepted"), entered_at=at(2026, 11, 20))
    assert "2027" in clock.calendar_warning
    assert clock.due_at is not None


def test_reassignment_restarts_the_clock_of_the_new_step(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid)
    first_due = case.due_at
    case = case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour)
    assert case.state.code == "dispatched"
    assert case.due_at != first_due
    assert case.deadline_rule.state.code == "dispatched"


def test_states_without_a_rule_have_no_clock(county):
    case = make_case(acting_user=county.center, region=county.grid)
    case = put_in_state(case, "closed")
    assert case.deadline_status() == "none"


@pytest.mark.parametrize("unit", ["calendar_days", "working_days"])
def test_deadline_is_never_before_its_start(county, unit):
    registered = State.objects.get(process__code="dispute", code="registered")
    DeadlineRule.objects.create(process=registered.process, state=registered, region=county.grid, duration=0, unit=unit)
    case = make_case(acting_user=county.center, region=county.grid)
    assert case.due_at >= case.clock_started_at
