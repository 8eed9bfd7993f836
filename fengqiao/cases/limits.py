"""The statutory maximum of the current step, shown on the case page so a clock cannot silently run past it: the
rule's period, plus the most it may be extended, plus the time paused on lawful grounds (e.g. a petition:
60 days + at most 30 days + 复核 hearings only; 信访工作条例 第三十四条、第三十六条第二款)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from fengqiao.cases.choices import ExtensionStatus, StateKind
from fengqiao.cases.deadlines import add_period
from fengqiao.cases.models import Case, ClockPause, DeadlineExtension
from fengqiao.cases.services.clock import paused_days
from fengqiao.cases.services.recompute import recount_due


@dataclass(frozen=True)
class StepLimits:
    duration: int
    unit: str
    max_extension: int
    granted: int  # approved extension days of this step
    paused: int  # days paused on lawful grounds in this step, the running pause counted up to now
    paused_now: bool
    latest: dt.datetime  # the due date if every allowed extension were granted, pauses included
    legal_basis: str

    @property
    def statutory_days(self) -> int:
        return self.duration + self.max_extension


def step_limits(*, case: Case, now: dt.datetime | None = None) -> StepLimits | None:
    """The limits of the case's current step; None when the step has no running clock."""
    rule = case.deadline_rule
    if rule is None or case.due_at is None or case.state.kind != StateKind.OPEN:
        return None
    now = now or timezone.now()
    since = case.clock_started_at or case.created_at
    pauses = ClockPause.objects.filter(case=case, state_id=case.state_id, started_at__gte=since)
    ended = pauses.filter(ended_at__isnull=False).aggregate(days=Sum("days_added"))["days"] or 0
    running = pauses.filter(ended_at__isnull=True).first()
    running_days = paused_days(unit=running.unit or rule.unit, started_at=running.started_at, ended_at=now) if running else 0
    granted = DeadlineExtension.objects.filter(case=case, state_id=case.state_id, status=ExtensionStatus.APPROVED,
                                               decided_at__gte=since).aggregate(days=Sum("days"))["days"] or 0
    remaining = max(rule.max_extension - granted, 0)
    latest = case.due_at
    if case.due_set_by_id is not None:  # a person chose an earlier day: the statutory limit still runs on the rule
        counted = recount_due(case)
        latest = counted[0] if counted is not None else case.due_at
    if remaining + running_days:
        latest, _uncovered = add_period(start=latest, amount=remaining + running_days, unit=rule.unit)
    return StepLimits(duration=rule.duration, unit=rule.unit, max_extension=rule.max_extension, granted=granted,
                      paused=ended + running_days, paused_now=running is not None, latest=latest,
                      legal_basis=rule.legal_basis)
