"""Periods of figures and reports: years, quarters, months and ISO weeks, their bounds, labels and parts."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from fengqiao.reports.periods import (
    ALL,
    MONTH,
    QUARTER,
    WEEK,
    YEAR,
    period_parse,
    quarter_of,
    year_of,
)


@pytest.mark.parametrize(("value", "kind", "start", "end"), [
    ("2026", YEAR, dt.date(2026, 1, 1), dt.date(2027, 1, 1)),
    ("2026-Q1", QUARTER, dt.date(2026, 1, 1), dt.date(2026, 4, 1)),
    ("2026-Q3", QUARTER, dt.date(2026, 7, 1), dt.date(2026, 10, 1)),
    ("2026-Q4", QUARTER, dt.date(2026, 10, 1), dt.date(2027, 1, 1)),
    ("2026-02", MONTH, dt.date(2026, 2, 1), dt.date(2026, 3, 1)),
    ("2026-12", MONTH, dt.date(2026, 12, 1), dt.date(2027, 1, 1)),
    ("2026-W10", WEEK, dt.date(2026, 3, 2), dt.date(2026, 3, 9)),
    (" 2026-Q2 ", QUARTER, dt.date(2026, 4, 1), dt.date(2026, 7, 1)),
])
def test_each_kind_of_period_has_its_bounds(value, kind, start, end):
    period = period_parse(value)
    assert period is not None
    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert period.contains(start) and period.contains(end - dt.timedelta(days=1)) and not period.contains(end)


def test_all_time_has_no_bounds():
    period = period_parse("all")
    assert period is not None and period.kind == ALL and period.start is None and period.months() == []


@pytest.mark.parametrize("value", ["2026-Q0", "2026-Q5", "2026Q3", "2026-q3", "3000", "1989", "1989-Q4", "26",
                                   "2026-13", "2026-00", "2026-W54", "2025-W53", "last year", ""])
def test_what_names_no_period_is_refused(value):
    assert period_parse(value) is None


@pytest.mark.parametrize(("value", "label"), [("2026", "2026 年"), ("2026-Q3", "2026 年第 3 季度"),
                                              ("2026-03", "2026 年 3 月"), ("2026-W10", "2026 年第 10 周"),
                                              ("all", "全部时间")])
def test_labels(value, label):
    with translation.override("zh-hans"):
        assert period_parse(value).label == label


def test_the_months_of_a_quarter_and_a_year():
    assert period_parse("2026-Q3").months() == ["2026-07", "2026-08", "2026-09"]
    assert period_parse("2026").months() == [f"2026-{m:02d}" for m in range(1, 13)]
    assert period_parse("2026-03").months() == ["2026-03"]


def test_the_weeks_of_a_month_include_those_it_shares():
    # 1 March 2026 is a Sunday (week 9), 31 March a Tuesday (week 14)
    assert period_parse("2026-03").weeks() == ["2026-W09", "2026-W10", "2026-W11", "2026-W12", "2026-W13",
                                               "2026-W14"]


@pytest.mark.parametrize(("day", "quarter"), [(dt.date(2026, 1, 1), "2026-Q1"), (dt.date(2026, 3, 31), "2026-Q1"),
                                              (dt.date(2026, 4, 1), "2026-Q2"), (dt.date(2026, 12, 31), "2026-Q4")])
def test_the_quarter_and_year_of_a_day(day, quarter):
    assert quarter_of(day) == quarter
    assert period_parse(quarter).contains(day)
    assert year_of(day) == "2026" and period_parse(year_of(day)).contains(day)
