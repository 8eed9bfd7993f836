"""Step clocks for the bulk loader: cases.deadlines logic with the rules and the calendar held in memory.

`StepClocks.start` sets a case's clock fields as `cases.deadlines.clock_for` would; the rule
lookup is cached per (process, state, region path) and the calendar arithmetic per
(start day, length, unit), over one working-day calendar loaded once for the whole span.
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fengqiao.cases.choices import ClockStart, DeadlineUnit
from fengqiao.cases.deadlines import add_period, end_of_day, uncovered_warning
from fengqiao.cases.models import DeadlineRule
from fengqiao.worktime.calendar import DayCount, WorkCalendar


class SpanCalendar:
    """The arithmetic of worktime.calendar over one span loaded once.

    `add_working_days` and `add_calendar_days` count exactly as their namesakes there; a period
    that would leave the loaded span returns None and the caller asks worktime itself.
    """

    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.start, self.end = start, end
        self.calendar = WorkCalendar(start, end)

    def add_working_days(self, start: dt.date, days: int) -> DayCount | None:
        result = DayCount(end=start)
        day, counted = start, 0
        while counted < days:
            day += dt.timedelta(days=1)
            if day > self.end:
                return None
            if day.year not in self.calendar.covered:
                result.uncovered_years.add(day.year)
            if self.calendar.is_workday(day):
                counted += 1
        result.end = day
        return result

    def add_calendar_days(self, start: dt.date, days: int, roll: bool) -> DayCount | None:
        end = start + dt.timedelta(days=max(days, 0))
        result = DayCount(end=end)
        for year in range(start.year, end.year + 1):
            if year not in self.calendar.covered:
                result.uncovered_years.add(year)
        if roll:
            while not self.calendar.is_workday(result.end):
                result.end += dt.timedelta(days=1)
                if result.end > self.end:
                    return None
        return result if result.end <= self.end else None


class StepClocks:
    def __init__(self, *, first_day: dt.date, last_day: dt.date) -> None:
        self.calendar = SpanCalendar(first_day - dt.timedelta(days=7), last_day + dt.timedelta(days=400))
        self.rules: dict[tuple[int, int], list[tuple[DeadlineRule, str | None]]] = {}
        for rule in DeadlineRule.objects.filter(is_active=True).select_related("region"):
            self.rules.setdefault((rule.process_id, rule.state_id), []).append((rule, rule.region.path if rule.region_id else None))
        self._rules: dict[tuple[int, int, str], DeadlineRule | None] = {}
        self._periods: dict[tuple[dt.date, int, str, bool], tuple[dt.datetime, str]] = {}
        self.tz = timezone.get_current_timezone()

    def rule_for(self, process_id: int, state_id: int, region_path: str) -> DeadlineRule | None:
        """As cases.deadlines.rule_for: the deepest region rule that covers the case beats the default."""
        key = (process_id, state_id, region_path)
        if key not in self._rules:
            best, best_depth = None, -1
            for rule, path in self.rules.get((process_id, state_id), []):
                if path is None:
                    depth = 0
                elif region_path.startswith(path):
                    depth = path.count("/")
                else:
                    continue
                if depth > best_depth:
                    best, best_depth = rule, depth
            self._rules[key] = best
        return self._rules[key]

    def period(self, start: dt.datetime, amount: int, unit: str, roll: bool = False) -> tuple[dt.datetime, str]:
        """As cases.deadlines.add_period: the end of the last day, and the calendar warning text."""
        local_day = start.astimezone(self.tz).date()
        key = (local_day, amount, unit, roll)
        if key not in self._periods:
            count = None
            if self.calendar.start <= local_day:
                if unit == DeadlineUnit.WORKING_DAYS:
                    count = self.calendar.add_working_days(local_day, amount) if amount > 0 else DayCount(end=local_day)
                else:
                    count = self.calendar.add_calendar_days(local_day, amount, roll)
            if count is None:
                due, uncovered = add_period(start=start, amount=amount, unit=unit, roll_to_workday=roll)
            else:
                due, uncovered = end_of_day(count.end), count.uncovered_years
            self._periods[key] = (due, uncovered_warning(uncovered))
        return self._periods[key]

    def start(self, case, state_id: int, entered_at: dt.datetime) -> None:  # noqa: ANN001 - a Case or a loader row
        """Set the clock fields of `case` for the step it enters, as cases.services.common.start_clock does."""
        rule = self.rule_for(case.process_id, state_id, case.region_path)
        case.deadline_rule, case.deadline_rule_id = rule, rule.pk if rule else None
        if rule is None:
            case.clock_started_at = case.due_at = case.warn_at = None
            case.calendar_warning = ""
            return
        started = case.received_at if rule.start_event == ClockStart.RECEIVED else entered_at
        due, warning = self.period(started, rule.duration, rule.unit, rule.roll_to_workday)
        case.clock_started_at, case.due_at = started, due
        case.warn_at = started + (due - started) * float(rule.warn_ratio)
        case.calendar_warning = warning
