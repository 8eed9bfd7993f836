"""The loader's cached clock arithmetic gives the same due dates as cases.deadlines."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.cases.deadlines import add_period
from fengqiao.cases.stepclocks import StepClocks

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("unit", ["working_days", "calendar_days"])
def test_period_matches_worktime(unit):
    clocks = StepClocks(first_day=dt.date(2024, 11, 1), last_day=dt.date(2026, 11, 29))
    start = timezone.make_aware(dt.datetime(2024, 12, 20, 10, 30))
    for offset in range(0, 720, 7):
        at = start + dt.timedelta(days=offset)
        for amount in (1, 3, 5, 15, 30, 60):
            due, warning = clocks.period(at, amount, unit, roll=(amount == 15))
            expected, uncovered = add_period(start=at, amount=amount, unit=unit, roll_to_workday=(amount == 15))
            assert due == expected, (at, amount, unit)
            assert bool(warning) == bool(uncovered)
