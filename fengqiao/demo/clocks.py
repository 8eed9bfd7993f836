"""Step clocks for the bulk loader: a cases.clockbook.ClockBook that sets a case's clock fields.

`StepClocks.start` sets a case's clock fields as `cases.deadlines.clock_for` would.
"""
from __future__ import annotations

import datetime as dt

from fengqiao.cases.choices import ClockStart
from fengqiao.cases.clockbook import ClockBook


class StepClocks(ClockBook):
    def start(self, case, state_id: int, entered_at: dt.datetime) -> None:  # a Case or a loader row
        """Set the clock fields of `case` for the step it enters, as cases.services.common.start_clock does."""
        rule = self.rule(case.process_id, state_id, case.region_path)
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
