import datetime as dt

import pytest

from fengqiao.worktime.calendar import add_calendar_days, add_working_days, working_days_between
from fengqiao.worktime.models import CalendarDay, CalendarYear
from fengqiao.worktime.services import calendar_day_set

pytestmark = pytest.mark.django_db


def test_seed_covers_the_package_years_and_names_holidays_in_chinese():
    assert CalendarYear.objects.filter(year=2026).exists()
    assert CalendarDay.objects.get(date=dt.date(2026, 10, 1)).name == "国庆节"
    adjusted = CalendarDay.objects.get(date=dt.date(2026, 10, 10))
    assert adjusted.is_workday and "调休" in adjusted.name


def test_working_days_skip_the_spring_festival_and_count_the_adjusted_saturday():
    # 2026-02-13 is a Friday; 14 Feb (Sat) is an adjusted working day; 15-23 Feb is the Spring Festival.
    assert add_working_days(dt.date(2026, 2, 13), 1).end == dt.date(2026, 2, 14)
    assert add_working_days(dt.date(2026, 2, 13), 2).end == dt.date(2026, 2, 24)
    assert add_working_days(dt.date(2026, 2, 13), 5).end == dt.date(2026, 2, 27)
    # 28 Feb (Sat) is also an adjusted working day.
    assert add_working_days(dt.date(2026, 2, 13), 6).end == dt.date(2026, 2, 28)


def test_working_days_across_national_day_count_the_adjusted_saturday():
    # Registered 2 October 2026 (holiday). Holidays run to 7 Oct; Sat 10 Oct is an adjusted working day.
    result = add_working_days(dt.date(2026, 10, 2), 5)
    # Working days after 2 Oct: 8 (Thu), 9 (Fri), 10 (Sat, adjusted), 12 (Mon), 13 (Tue).
    assert result.end == dt.date(2026, 10, 13)
    assert result.uncovered_years == set()


def test_calendar_days_count_straight_through_a_holiday():
    assert add_calendar_days(dt.date(2026, 10, 2), 15).end == dt.date(2026, 10, 17)


def test_calendar_days_can_roll_a_last_day_that_falls_on_a_rest_day():
    # 2026-09-20 + 10 days = 30 Sept (Wed, a working day): no roll.
    assert add_calendar_days(dt.date(2026, 9, 20), 10, roll_to_workday=True).end == dt.date(2026, 9, 30)
    # 2026-09-21 + 10 days = 1 Oct, National Day: rolls to 8 Oct, the first working day after the holiday.
    assert add_calendar_days(dt.date(2026, 9, 21), 10, roll_to_workday=True).end == dt.date(2026, 10, 8)


def test_uncovered_year_falls_back_to_weekdays_and_warns():
    CalendarYear.objects.filter(year=2027).delete()
    CalendarDay.objects.filter(date__year=2027).delete()
    result = add_working_days(dt.date(2026, 12, 30), 5)
    assert 2027 in result.uncovered_years
    # Without 2027 data: 31 Dec (Thu), then 1 Jan 2027 (Fri) counts as a weekday.
    assert result.end == dt.date(2027, 1, 6)


def test_an_edited_row_changes_the_arithmetic():
    calendar_day_set(acting_user=None, date=dt.date(2026, 12, 1), is_workday=False, name="地方性假日")
    assert add_working_days(dt.date(2026, 11, 30), 1).end == dt.date(2026, 12, 2)


def test_working_days_between_counts_only_workdays():
    assert working_days_between(dt.date(2026, 10, 1), dt.date(2026, 10, 12)) == 4  # 8, 9, 10 (adjusted), 12
    assert working_days_between(dt.date(2026, 10, 12), dt.date(2026, 10, 1)) == 0
