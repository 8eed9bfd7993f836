"""Issue 9, holidays: a rolling rule moves a last day off National Day 2026; a year entered after cases were opened
moves their due dates (each with a timeline event), and the missing-year warning shows on calendar pages and on the
affected cases only.

The 2026 calendar is seeded from chinese-calendar (National Day: 1-7 Oct holidays, Sat 10 Oct a working day);
2027 is not covered (the package ends with 2026), so a due date in 2027 is counted Monday-Friday with a warning."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case, CaseEvent, DeadlineRule
from fengqiao.cases.services import case_transition
from fengqiao.cases.services.common import start_clock
from fengqiao.cases.tests.helpers import put_in_state
from fengqiao.testing.factories import UserFactory, make_case
from fengqiao.worktime.models import CalendarDay, CalendarYear
from fengqiao.worktime.services import calendar_day_set, calendar_year_mark_covered

pytestmark = pytest.mark.django_db

D = dt.date


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def local(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def mediating_since(county, day: dt.date) -> Case:
    case = make_case(acting_user=county.center, region=county.grid, received_at=at(day))
    case = put_in_state(case, "mediating")
    case.save(update_fields=start_clock(case, case.state, at(day)))
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def rolling_mediation():
    """The county chooses to roll its 30-day mediation period off a rest day (a rule setting)."""
    DeadlineRule.objects.filter(process__code="dispute", state__code="mediating", region=None,
                                is_active=True).update(roll_to_workday=True)


@pytest.fixture
def no_2027(db):
    CalendarDay.objects.filter(date__year=2027).delete()
    CalendarYear.objects.filter(year=2027).delete()


def test_a_rolling_rule_moves_the_last_day_off_national_day(county, rolling_mediation):
    # 1 Sep + 30 days = 1 Oct 2026 (National Day): rolls over the holiday to Thu 8 Oct
    assert local(mediating_since(county, D(2026, 9, 1)).due_at) == D(2026, 10, 8)
    # 10 Sep + 30 = 10 Oct, a Saturday that is an adjusted working day: stays
    assert local(mediating_since(county, D(2026, 9, 10)).due_at) == D(2026, 10, 10)


def test_a_rule_that_does_not_roll_counts_through_the_holiday(county):
    assert local(mediating_since(county, D(2026, 9, 1)).due_at) == D(2026, 10, 1)


def test_entering_a_new_year_moves_the_open_due_dates_in_it_with_an_event(county, rolling_mediation, no_2027,
                                                                           django_capture_on_commit_callbacks):
    case = mediating_since(county, D(2026, 12, 2))
    # 2 Dec + 30 = Fri 1 Jan 2027: without 2027's holidays a weekday, so no roll; the case warns
    assert local(case.due_at) == D(2027, 1, 1) and "2027" in case.calendar_warning
    untouched = mediating_since(county, D(2026, 11, 2))  # due 2 Dec 2026: not in the year entered
    admin = UserFactory(is_superuser=True, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_set(acting_user=admin, date=D(2027, 1, 1), is_workday=False, name="元旦")
        calendar_year_mark_covered(acting_user=admin, year=2027, note="国务院办公厅2027年部分节假日安排")
    case.refresh_from_db()
    assert local(case.due_at) == D(2027, 1, 4)  # 1 Jan holiday, 2-3 Jan weekend: Monday 4 January
    assert case.calendar_warning == ""
    event = CaseEvent.objects.get(case=case, action="deadline_recomputed")
    assert "2027-01-01" in event.note and "2027-01-04" in event.note and event.actor == admin
    assert AuditEntry.objects.filter(action="case.deadline_recomputed", object_id=str(case.pk)).exists()
    assert not CaseEvent.objects.filter(case=untouched, action="deadline_recomputed").exists()


def test_a_working_day_clock_into_the_new_year_is_recounted(county, no_2027, django_capture_on_commit_callbacks):
    # registered 30 Dec 2026 (Wed): 5 working days Monday-Friday are 31 Dec, 1, 4, 5, 6 Jan
    case = make_case(acting_user=county.center, region=county.grid, received_at=at(D(2026, 11, 30)))
    case.save(update_fields=start_clock(case, case.state, at(D(2026, 11, 30))))
    Case.objects.filter(pk=case.pk).update(received_at=at(D(2026, 12, 30)), clock_started_at=at(D(2026, 12, 30)),
                                           due_at=at(D(2027, 1, 6), 23), calendar_warning="工作日历缺少 2027 年数据")
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_set(acting_user=None, date=D(2027, 1, 1), is_workday=False, name="元旦")
        calendar_year_mark_covered(acting_user=None, year=2027)
    case.refresh_from_db()
    assert local(case.due_at) == D(2027, 1, 7)
    assert CaseEvent.objects.filter(case=case, action="deadline_recomputed").count() == 1


def test_a_closed_case_is_not_recounted(county, rolling_mediation, no_2027, django_capture_on_commit_callbacks):
    case = mediating_since(county, D(2026, 12, 2))
    case_transition(case=case, action="succeed", acting_user=county.center)
    Case.objects.filter(pk=case.pk).update(due_at=at(D(2027, 1, 1), 23))
    with django_capture_on_commit_callbacks(execute=True):
        calendar_year_mark_covered(acting_user=None, year=2027)
    assert not CaseEvent.objects.filter(case=case, action="deadline_recomputed").exists()


def test_the_missing_year_warning_shows_on_calendar_pages_and_affected_cases_only(client, county, no_2027):
    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(root)
    assert "工作日历缺少" not in client.get(reverse("admin:index")).content.decode()
    assert "工作日历缺少" in client.get(reverse("admin:worktime_calendarday_changelist")).content.decode()
    assert "工作日历缺少" in client.get(reverse("admin:worktime_calendaryear_changelist")).content.decode()
    assert "工作日历缺少" not in client.get(reverse("admin:cases_case_changelist")).content.decode()
    affected = mediating_since(county, D(2026, 12, 2))
    unaffected = mediating_since(county, D(2026, 10, 12))
    client.force_login(county.center)
    assert "工作日历缺少" in client.get(reverse("cases:detail", args=[affected.pk])).content.decode()
    assert "工作日历缺少" not in client.get(reverse("cases:detail", args=[unaffected.pk])).content.decode()
