"""Step clocks for the bulk loader: cases.deadlines logic with the rules and the calendar held in memory.

`StepClocks.start` sets a case's clock fields as `cases.deadlines.clock_for` would: the rule is chosen by
cases.deadlines.choose_rule (cached per process, state and region path) and the period counted by
cases.deadlines.add_period over one worktime.SpanCalendar loaded once for the whole span (cached per start day,
length, unit and roll).
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fengqiao.cases.choices import ClockStart
from fengqiao.cases.deadlines import add_period, choose_rule, uncovered_warning
from fengqiao.cases.models import DeadlineRule
from fengqiao.worktime.calendar import SpanCalendar


class StepClocks:
    def __init__(self, *, first_day: dt.date, last_day: dt.date) -> None:
        self.calendar = SpanCalendar(first_day - dt.timedelta(days=7), last_day + dt.timedelta(days=400))
        self.rules: dict[tuple[int, int], list[tuple[DeadlineRule, str | None]]] = {}
        for rule in DeadlineRule.objects.filter(is_active=True).select_related("region"):
            self.rules.setdefault((rule.process_id, rule.state_id), []).append((rule, rule.region.path if rule.region_id else None))
        self._rules: dict[tuple[int, int, str], DeadlineRule | None] = {}
        self._periods: dict[tuple[dt.date, int, str, bool], tuple[dt.datetime, str]] = {}

    def rule_for(self, process_id: int, state_id: int, region_path: str) -> DeadlineRule | None:
        """As cases.deadlines.rule_for: the deepest region rule that covers the case beats the default."""
        key = (process_id, state_id, region_path)
        if key not in self._rules:
            self._rules[key] = choose_rule(self.rules.get((process_id, state_id), []), region_path)
        return self._rules[key]

    def period(self, start: dt.datetime, amount: int, unit: str, roll: bool = False) -> tuple[dt.datetime, str]:
        """As cases.deadlines.add_period: the end of the last day, and the calendar warning text."""
        key = (timezone.localtime(start).date(), amount, unit, roll)
        if key not in self._periods:
            due, uncovered = add_period(start=start, amount=amount, unit=unit, roll_to_workday=roll,
                                        calendar=self.calendar)
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
