"""Step clocks for the bulk path of the case services: a cases.clockbook.ClockBook that sets a case's clock fields.

`StepClocks.start` sets them as `cases.services.common.start_clock` (through `cases.deadlines.clock_for`) does,
on a Case or on the bulk path's in-memory row of one.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from fengqiao.cases.choices import ClockStart
from fengqiao.cases.clockbook import ClockBook
from fengqiao.cases.deadlines import start_of_day


class StepClocks(ClockBook):
    def start(self, case: Any, state_id: int, entered_at: dt.datetime, step_date: dt.date | None = None) -> None:
        """Set the clock fields of `case` (a Case or a bulk row) for the step it enters. A rule that starts on the
        step's own date (an answer's delivery, a review request's receipt) runs only once that date is known."""
        rule = self.rule(case.process_id, state_id, case.region_path)
        case.deadline_rule, case.deadline_rule_id = rule, rule.pk if rule else None
        case.clock_started_at = case.due_at = case.warn_at = None
        case.calendar_warning = ""
        if rule is None:
            return
        if rule.start_event == ClockStart.STEP_DATE:
            if step_date is None:
                return
            started = start_of_day(step_date)
        else:
            started = case.received_at if rule.start_event == ClockStart.RECEIVED else entered_at
        due, warning = self.period(started, rule.duration, rule.unit, rule.roll_to_workday)
        case.clock_started_at, case.due_at = started, due
        case.warn_at = started + (due - started) * float(rule.warn_ratio)
        case.calendar_warning = warning
