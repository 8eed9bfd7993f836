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


class SpanCalendar:
    """The one working-day arithmetic: a span of the calendar loaded once, grown when a count leaves it.

    Callers that count many periods (the figures, the bulk loader) keep one instance; a single count makes its own.
    A year without a CalendarYear row falls back to Monday-Friday and is reported in `DayCount.uncovered_years`.
    """

    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.start, self.end = start, end
        self._calendar = WorkCalendar(start, end)
        self._covered = covered_years()

    def _reach(self, day: dt.date) -> None:
        if day < self.start or day > self.end:
            self.start, self.end = min(self.start, day), max(self.end, day + dt.timedelta(days=60))
            self._calendar = WorkCalendar(self.start, self.end)

    def is_workday(self, day: dt.date) -> bool:
        self._reach(day)
        return self._calendar.is_workday(day)

    def is_covered(self, year: int) -> bool:
        return year in self._covered

    def add_working_days(self, start: dt.date, days: int) -> DayCount:
        """The date of the `days`-th working day after `start` (the start day itself is not counted)."""
        result = DayCount(end=start)
        day, counted = start, 0
        while counted < days:
            day += dt.timedelta(days=1)
            if not self.is_covered(day.year):
                result.uncovered_years.add(day.year)
            if self.is_workday(day):
                counted += 1
        result.end = day
        return result

    def add_calendar_days(self, start: dt.date, days: int, *, roll_to_workday: bool = False) -> DayCount:
        """`start` + `days`; with `roll_to_workday` a last day that is a rest day moves to the next working day
        (民事诉讼法 第八十五条 for civil-procedure periods; each rule says whether it rolls)."""
        end = start + dt.timedelta(days=max(days, 0))
        result = DayCount(end=end)
        for year in range(start.year, end.year + 1):
            if not self.is_covered(year):
                result.uncovered_years.add(year)
        if roll_to_workday:
            while not self.is_workday(result.end):
                result.end += dt.timedelta(days=1)
            if not self.is_covered(result.end.year):
                result.uncovered_years.add(result.end.year)
        return result

    def add_days(self, start: dt.date, days: int, *, working: bool, roll_to_workday: bool = False) -> DayCount:
        """The one chooser between the two counts: working days, or calendar days (optionally rolled)."""
        if working:
            return self.add_working_days(start, days)
        return self.add_calendar_days(start, days, roll_to_workday=roll_to_workday)


def add_working_days(start: dt.date, days: int) -> DayCount:
    """The date of the `days`-th working day after `start` (the start day itself is not counted)."""
    return SpanCalendar(start, start + dt.timedelta(days=max(days, 0) * 2 + 40)).add_working_days(start, days)


def add_calendar_days(start: dt.date, days: int, *, roll_to_workday: bool = False) -> DayCount:
    """`start` + `days`; optionally a last day that falls on a rest day moves to the next working day."""
    end = start + dt.timedelta(days=max(days, 0))
    return SpanCalendar(end, end + dt.timedelta(days=30)).add_calendar_days(start, days, roll_to_workday=roll_to_workday)


def add_days(start: dt.date, days: int, *, working: bool, roll_to_workday: bool = False) -> DayCount:
    if working:
        return add_working_days(start, days)
    return add_calendar_days(start, days, roll_to_workday=roll_to_workday)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Number of working days d with start < d <= end."""
    if end <= start:
        return 0
    calendar = SpanCalendar(start, end)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if calendar.is_workday(day):
            count += 1
    return count
