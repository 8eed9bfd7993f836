"""Computing a step's clock from the deadline rules and the working-day calendar."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.cases.choices import ClockStart, DeadlineUnit
from fengqiao.cases.models import Case, DeadlineRule, State
from fengqiao.worktime.calendar import add_calendar_days, add_working_days


@dataclass
class Clock:
    rule: DeadlineRule | None
    started_at: dt.datetime | None
    due_at: dt.datetime | None
    warn_at: dt.datetime | None
    calendar_warning: str = ""


def rule_for(*, case: Case, state: State) -> DeadlineRule | None:
    """The most specific active rule: a rule for the case's own region beats its street's, which beats the default."""
    rules = list(DeadlineRule.objects.filter(process_id=case.process_id, state=state, is_active=True).select_related("region"))
    best, best_depth = None, -1
    for rule in rules:
        if rule.region_id is None:
            depth = 0
        elif case.region_path.startswith(rule.region.path):
            depth = rule.region.path.count("/")
        else:
            continue
        if depth > best_depth:
            best, best_depth = rule, depth
    return best


def end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def add_period(*, start: dt.datetime, amount: int, unit: str, roll_to_workday: bool = False) -> tuple[dt.datetime, set[int]]:
    local_day = timezone.localtime(start).date()
    if unit == DeadlineUnit.WORKING_DAYS:
        count = add_working_days(local_day, amount)
    else:
        count = add_calendar_days(local_day, amount, roll_to_workday=roll_to_workday)
    return end_of_day(count.end), count.uncovered_years


def uncovered_warning(years: set[int]) -> str:
    if not years:
        return ""
    return _("工作日历缺少 %(years)s 年数据，期限按周一至周五估算，请管理员补录节假日。") % {
        "years": "、".join(str(y) for y in sorted(years))
    }


def start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)))


def clock_for(*, case: Case, state: State, entered_at: dt.datetime, step_date: dt.date | None = None) -> Clock:
    """The clock of `state`. A rule that starts on the step's own date (the day the resident received the answer,
    the day a review request was received) runs only once that date is recorded (`step_date`)."""
    rule = rule_for(case=case, state=state)
    if rule is None:
        return Clock(rule=None, started_at=None, due_at=None, warn_at=None)
    if rule.start_event == ClockStart.STEP_DATE:
        if step_date is None:
            return Clock(rule=rule, started_at=None, due_at=None, warn_at=None)
        started = start_of_day(step_date)
    else:
        started = case.received_at if rule.start_event == ClockStart.RECEIVED else entered_at
    due, uncovered = add_period(start=started, amount=rule.duration, unit=rule.unit, roll_to_workday=rule.roll_to_workday)
    warn = started + (due - started) * float(rule.warn_ratio)
    return Clock(rule=rule, started_at=started, due_at=due, warn_at=warn, calendar_warning=uncovered_warning(uncovered))
