"""Due dates of steps a case has already passed through, for the figures.

A case stores only the clock of its current step, so the figures recompute earlier steps' deadlines from the
deadline rules (chosen by cases.deadlines.choose_rule, as for a live case) and the working-day calendar
(cases.deadlines.period_end over one worktime.SpanCalendar loaded once), with approved extensions added as
cases.services.extensions adds them. Results are cached per (day, length, unit, roll).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from fengqiao.cases.choices import ClockStart
from fengqiao.cases.deadlines import choose_rule, end_of_day, period_end
from fengqiao.cases.models import DeadlineRule
from fengqiao.worktime.calendar import SpanCalendar


@dataclass(frozen=True)
class RuleView:
    duration: int
    unit: str
    start_event: str
    roll_to_workday: bool


class PastClocks:
    def __init__(self, *, first_day: dt.date, last_day: dt.date) -> None:
        self.calendar = SpanCalendar(first_day - dt.timedelta(days=7), last_day + dt.timedelta(days=400))
        self._rules: dict[tuple[int, int], list[tuple[RuleView, str | None]]] = {}
        for rule in DeadlineRule.objects.filter(is_active=True).select_related("region"):
            view = RuleView(rule.duration, rule.unit, rule.start_event, rule.roll_to_workday)
            self._rules.setdefault((rule.process_id, rule.state_id), []).append((view, rule.region.path if rule.region_id else None))
        self._chosen: dict[tuple[int, int, str], RuleView | None] = {}
        self._periods: dict[tuple[dt.date, int, str, bool], dt.datetime] = {}

    def rule(self, *, process_id: int, state_id: int, region_path: str) -> RuleView | None:
        key = (process_id, state_id, region_path)
        if key not in self._chosen:
            self._chosen[key] = choose_rule(self._rules.get((process_id, state_id), []), region_path)
        return self._chosen[key]

    def period(self, start: dt.datetime, amount: int, unit: str, roll: bool = False) -> dt.datetime:
        """As cases.deadlines.add_period: the end of the last day of the period."""
        day = timezone.localtime(start).date()
        key = (day, amount, unit, roll)
        if key not in self._periods:
            self._periods[key] = end_of_day(period_end(day, amount, unit, roll_to_workday=roll, calendar=self.calendar).end)
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
