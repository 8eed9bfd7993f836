"""Dated legal clocks of mediation, computed on the project's working-day calendar.

A clock runs from a start date (the start day itself is not counted) for the rule's number of calendar or
working days; its colour follows the case deadlines: green, yellow from the rule's warning ratio, red once
the last day has passed.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from fengqiao.cases.deadlines import period_end, uncovered_warning
from fengqiao.mediation.choices import ClockStatus
from fengqiao.mediation.models import ClockRule
from fengqiao.mediation.seed import seed_defaults


@dataclass(frozen=True)
class DateClock:
    kind: str
    start_on: dt.date
    end_on: dt.date
    warn_on: dt.date
    duration: int
    unit: str
    legal_basis: str
    calendar_warning: str = ""


def clock_rule(kind: str) -> ClockRule:
    """The rule row for a clock; a missing row (e.g. deleted by mistake) is seeded again from the defaults."""
    rule = ClockRule.objects.filter(kind=kind).first()
    if rule is None:
        rule = ClockRule.objects.create(kind=kind, **seed_defaults(kind))
    return rule


def compute_clock(*, kind: str, start_on: dt.date, rule: ClockRule | None = None) -> DateClock:
    rule = rule or clock_rule(kind)
    count = period_end(start_on, rule.duration, rule.unit, roll_to_workday=rule.roll_to_workday)
    span = (count.end - start_on).days
    warn_on = start_on + dt.timedelta(days=math.floor(span * float(rule.warn_ratio)))
    return DateClock(
        kind=kind, start_on=start_on, end_on=count.end, warn_on=warn_on, duration=rule.duration, unit=rule.unit,
        legal_basis=rule.legal_basis, calendar_warning=uncovered_warning(count.uncovered_years),
    )


def date_status(*, end_on: dt.date | None, warn_on: dt.date | None, today: dt.date, done: bool = False) -> str:
    """green / yellow / red like a case deadline; `done` once the thing the clock waits for has happened."""
    if done:
        return ClockStatus.DONE
    if end_on is None:
        return ClockStatus.NONE
    if today > end_on:
        return ClockStatus.RED
    if warn_on is not None and today >= warn_on:
        return ClockStatus.YELLOW
    return ClockStatus.GREEN
