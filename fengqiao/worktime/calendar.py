"""Working-day arithmetic on the calendar table."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fengqiao.worktime.models import CalendarDay, CalendarYear


@dataclass
class DayCount:
    """The end date of a period and the years it touched that the calendar does not cover."""

    end: dt.date
    uncovered_years: set[int] = field(default_factory=set)


class WorkCalendar:
    """Loads the exceptions for a span of dates once, then answers per day."""

    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.exceptions = dict(
            CalendarDay.objects.filter(date__gte=start, date__lte=end).values_list("date", "is_workday")
        )
        self.covered = set(
            CalendarYear.objects.filter(year__gte=start.year, year__lte=end.year).values_list("year", flat=True)
        )

    def is_workday(self, day: dt.date) -> bool:
        if day in self.exceptions:
            return self.exceptions[day]
        return day.weekday() < 5


def covered_years() -> set[int]:
    return set(CalendarYear.objects.values_list("year", flat=True))


def add_working_days(start: dt.date, days: int) -> DayCount:
    """The date of the `days`-th working day after `start` (the start day itself is not counted)."""
    if days <= 0:
        return DayCount(end=start)
    horizon = start + dt.timedelta(days=days * 2 + 40)
    calendar = WorkCalendar(start, horizon)
    result = DayCount(end=start)
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if day > horizon:
            horizon = day + dt.timedelta(days=days * 2 + 40)
            calendar = WorkCalendar(day, horizon)
        if day.year not in calendar.covered:
            result.uncovered_years.add(day.year)
        if calendar.is_workday(day):
            counted += 1
    result.end = day
    return result


def add_calendar_days(start: dt.date, days: int, *, roll_to_workday: bool = False) -> DayCount:
    """`start` + `days`; optionally a last day that falls on a rest day moves to the next working day."""
    end = start + dt.timedelta(days=max(days, 0))
    result = DayCount(end=end)
    covered = covered_years()
    for year in range(start.year, end.year + 1):
        if year not in covered:
            result.uncovered_years.add(year)
    if roll_to_workday:
        calendar = WorkCalendar(end, end + dt.timedelta(days=30))
        while not calendar.is_workday(result.end):
            result.end += dt.timedelta(days=1)
    return result


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Number of working days d with start < d <= end."""
    if end <= start:
        return 0
    calendar = WorkCalendar(start, end)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if calendar.is_workday(day):
            count += 1
    return count
