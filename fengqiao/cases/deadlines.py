"""Computing a step's clock from the deadline rules and the working-day calendar."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.cases.choices import ClockStart, DeadlineUnit
from fengqiao.cases.models import Case, DeadlineRule, State
from fengqiao.worktime.calendar import DayCount, SpanCalendar, add_days

T = TypeVar("T")


@dataclass
class Clock:
    rule: DeadlineRule | None
    started_at: dt.datetime | None
    due_at: dt.datetime | None
    warn_at: dt.datetime | None
    calendar_warning: str = ""


def choose_rule(candidates: Iterable[tuple[T, str | None]], region_path: str) -> T | None:
    """The one rule chooser: of (rule, region path or None for all regions) pairs, the rule of the deepest region
    that contains `region_path` beats its parents' and the default. The figures and the bulk loader call it too."""
    best, best_depth = None, -1
    for rule, path in candidates:
        if path is None:
            depth = 0
        elif region_path.startswith(path):
            depth = path.count("/")
        else:
            continue
        if depth > best_depth:
            best, best_depth = rule, depth
    return best


def rule_for(*, case: Case, state: State) -> DeadlineRule | None:
    """The most specific active rule: a rule for the case's own region beats its street's, which beats the default."""
    rules = DeadlineRule.objects.filter(process_id=case.process_id, state=state, is_active=True).select_related("region")
    return choose_rule(((rule, rule.region.path if rule.region_id else None) for rule in rules), case.region_path)


def end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def period_end(day: dt.date, amount: int, unit: str, *, roll_to_workday: bool = False,
               calendar: SpanCalendar | None = None) -> DayCount:
    """The last day of a period of `amount` days of `unit` after `day` (the day itself not counted): the one place
    that turns a rule's unit into worktime arithmetic, for case steps, mediation clocks and the figures alike."""
    working = unit == DeadlineUnit.WORKING_DAYS
    if calendar is not None:
        return calendar.add_days(day, amount, working=working, roll_to_workday=roll_to_workday)
    return add_days(day, amount, working=working, roll_to_workday=roll_to_workday)


def add_period(*, start: dt.datetime, amount: int, unit: str, roll_to_workday: bool = False,
               calendar: SpanCalendar | None = None) -> tuple[dt.datetime, set[int]]:
    count = period_end(timezone.localtime(start).date(), amount, unit, roll_to_workday=roll_to_workday,
                       calendar=calendar)
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
