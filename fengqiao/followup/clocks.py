"""Due dates of steps a case has already passed through, for the figures.

A case stores only the clock of its current step, so the figures recompute earlier steps' deadlines from the
deadline rules (the deepest region's active rule wins, as in cases.deadlines.rule_for) and the working-day
calendar, with approved extensions added as cases.services.extensions adds them. The rules and one span of the
calendar are loaded once; results are cached per (day, length, unit).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from fengqiao.cases.choices import ClockStart, DeadlineUnit
from fengqiao.cases.deadlines import end_of_day
from fengqiao.cases.models import DeadlineRule
from fengqiao.worktime.calendar import WorkCalendar


@dataclass(frozen=True)
class RuleView:
    duration: int
    unit: str
    start_event: str
    roll_to_workday: bool


class PastClocks:
    def __init__(self, *, first_day: dt.date, last_day: dt.date) -> None:
        self.start = first_day - dt.timedelta(days=7)
        self.end = last_day + dt.timedelta(days=400)
        self.calendar = WorkCalendar(self.start, self.end)
        self._rules: dict[tuple[int, int], list[tuple[RuleView, str | None]]] = {}
        for rule in DeadlineRule.objects.filter(is_active=True).select_related("region"):
            view = RuleView(rule.duration, rule.unit, rule.start_event, rule.roll_to_workday)
            self._rules.setdefault((rule.process_id, rule.state_id), []).append((view, rule.region.path if rule.region_id else None))
        self._chosen: dict[tuple[int, int, str], RuleView | None] = {}
        self._periods: dict[tuple[dt.date, int, str, bool], dt.datetime] = {}

    def rule(self, *, process_id: int, state_id: int, region_path: str) -> RuleView | None:
        key = (process_id, state_id, region_path)
        if key not in self._chosen:
            best, best_depth = None, -1
            for view, path in self._rules.get((process_id, state_id), []):
                if path is None:
                    depth = 0
                elif region_path.startswith(path):
                    depth = path.count("/")
                else:
                    continue
                if depth > best_depth:
                    best, best_depth = view, depth
            self._chosen[key] = best
        return self._chosen[key]

    def _working_days_after(self, day: dt.date, amount: int) -> dt.date:
        counted = 0
        while counted < amount:
            day += dt.timedelta(days=1)
            if self.calendar.is_workday(day) if day <= self.end else day.weekday() < 5:
                counted += 1
        return day

    def period(self, start: dt.datetime, amount: int, unit: str, roll: bool = False) -> dt.datetime:
        """As cases.deadlines.add_period: the end of the last day of the period."""
        day = timezone.localtime(start).date()
        key = (day, amount, unit, roll)
        if key not in self._periods:
            if unit == DeadlineUnit.WORKING_DAYS:
                end = self._working_days_after(day, amount) if amount > 0 else day
            else:
                end = day + dt.timedelta(days=max(amount, 0))
                while roll and end <= self.end and not self.calendar.is_workday(end):
                    end += dt.timedelta(days=1)
            self._periods[key] = end_of_day(end)
        return self._periods[key]

    def due(self, *, process_id: int, state_id: int, region_path: str, received_at: dt.datetime,
            entered_at: dt.datetime, extensions: list[int] | None = None) -> dt.datetime | None:
        """The due date of a step entered at `entered_at`, with the approved extensions (in days of the rule's unit)."""
        rule = self.rule(process_id=process_id, state_id=state_id, region_path=region_path)
        if rule is None:
            return None
        started = received_at if rule.start_event == ClockStart.RECEIVED else entered_at
        due = self.period(started, rule.duration, rule.unit, rule.roll_to_workday)
        for days in extensions or []:
            due = self.period(due, days, rule.unit)
        return due
