"""Due dates of steps a case has already passed through, for the figures.

A case stores only the clock of its current step, so the figures recompute earlier steps' deadlines with one
cases.clockbook.ClockBook (the rules chosen as for a live case, the working-day calendar loaded once), with
approved extensions added as cases.services.extensions adds them.
"""
from __future__ import annotations

import datetime as dt

from fengqiao.cases.choices import ClockStart
from fengqiao.cases.clockbook import ClockBook


class PastClocks(ClockBook):
    def due(self, *, process_id: int, state_id: int, region_path: str, received_at: dt.datetime,
            entered_at: dt.datetime, extensions: list[int] | None = None) -> dt.datetime | None:
        """The due date of a step entered at `entered_at`, with the approved extensions (in days of the rule's unit)."""
        rule = self.rule(process_id, state_id, region_path)
        if rule is None:
            return None
        started = received_at if rule.start_event == ClockStart.RECEIVED else entered_at
        due = self.period(started, rule.duration, rule.unit, rule.roll_to_workday)[0]
        for days in extensions or []:
            due = self.period(due, days, rule.unit)[0]
        return due
