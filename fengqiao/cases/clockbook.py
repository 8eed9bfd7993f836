"""Many clocks at once: cases.deadlines logic with the rules and the calendar held in memory.

For code that computes the clocks of many steps in one go (the follow-up figures recompute past steps' due
dates, the demo loader sets the clocks of the cases it writes): the rule is chosen by cases.deadlines.choose_rule
(cached per process, state and region path) and the period counted by cases.deadlines.add_period over one
worktime.SpanCalendar loaded once for the whole span (cached per start day, length, unit and roll).
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fengqiao.cases.deadlines import add_period, choose_rule, uncovered_warning
from fengqiao.cases.models import DeadlineRule
from fengqiao.worktime.calendar import SpanCalendar


class ClockBook:
    def __init__(self, *, first_day: dt.date, last_day: dt.date) -> None:
        self.calendar = SpanCalendar(first_day - dt.timedelta(days=7), last_day + dt.timedelta(days=400))
        self.rules: dict[tuple[int, int], list[tuple[DeadlineRule, str | None]]] = {}
        for rule in DeadlineRule.objects.filter(is_active=True).select_related("region"):
            self.rules.setdefault((rule.process_id, rule.state_id), []).append(
                (rule, rule.region.path if rule.region_id else None)
            )
        self._chosen: dict[tuple[int, int, str], DeadlineRule | None] = {}
        self._periods: dict[tuple[dt.date, int, str, bool], tuple[dt.datetime, str]] = {}

    def rule(self, process_id: int, state_id: int, region_path: str) -> DeadlineRule | None:
        """As cases.deadlines.rule_for: the deepest region rule that covers the case beats the default."""
        key = (process_id, state_id, region_path)
        if key not in self._chosen:
            self._chosen[key] = choose_rule(self.rules.get((process_id, state_id), []), region_path)
        return self._chosen[key]

    def period(self, start: dt.datetime, amount: int, unit: str, roll: bool = False) -> tuple[dt.datetime, str]:
        """As cases.deadlines.add_period: the end of the last day, and the calendar warning text."""
        key = (timezone.localtime(start).date(), amount, unit, roll)
        if key not in self._periods:
            due, uncovered = add_period(start=start, amount=amount, unit=unit, roll_to_workday=roll,
                                        calendar=self.calendar)
            self._periods[key] = (due, uncovered_warning(uncovered))
        return self._periods[key]
