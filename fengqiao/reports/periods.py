"""The period of figures and reports: everything, a year ("2026"), a quarter ("2026-Q3"), a month ("2026-03") or
an ISO week ("2026-W10"). A period runs from `start` to the day before `end`."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

YEAR_RE = re.compile(r"^(\d{4})$")
QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
ALL = "all"
YEAR, QUARTER, MONTH, WEEK = "year", "quarter", "month", "week"
FIRST_YEAR, LAST_YEAR = 1990, 2100


@dataclass(frozen=True)
class Period:
    param: str  # as in the URL: "all", "2026", "2026-Q3", "2026-03", "2026-W10"
    start: dt.date | None = None  # None: since the first case
    end: dt.date | None = None  # the day after the last one

    @property
    def kind(self) -> str:
        """ALL, YEAR, QUARTER, MONTH or WEEK."""
        for kind, pattern in ((YEAR, YEAR_RE), (QUARTER, QUARTER_RE), (MONTH, MONTH_RE), (WEEK, WEEK_RE)):
            if pattern.match(self.param):
                return kind
        return ALL

    @property
    def label(self) -> str:
        kind = self.kind
        if self.start is None or kind == ALL:
            return _("全部时间")
        if kind == WEEK:
            return _("%(year)s 年第 %(week)s 周") % {"year": self.param[:4], "week": int(self.param[6:])}
        if kind == YEAR:
            return _("%(year)s 年") % {"year": self.start.year}
        if kind == QUARTER:
            return _("%(year)s 年第 %(quarter)s 季度") % {"year": self.start.year, "quarter": int(self.param[-1])}
        return _("%(year)s 年 %(month)s 月") % {"year": self.start.year, "month": self.start.month}

    def contains(self, day: dt.date) -> bool:
        return self.start is None or self.end is None or self.start <= day < self.end

    def months(self) -> list[str]:
        """The months the period covers ("2026-07", …), oldest first; none for all time."""
        if self.start is None or self.end is None:
            return []
        found, first = [], self.start.replace(day=1)
        while first < self.end:
            found.append(month_of(first))
            first = _next_month(first)
        return found

    def weeks(self) -> list[str]:
        """The ISO weeks with a day in the period ("2026-W09", …), oldest first; none for all time."""
        if self.start is None or self.end is None:
            return []
        found: list[str] = []
        day = self.start
        while day < self.end:
            if week_of(day) not in found:
                found.append(week_of(day))
            day += dt.timedelta(days=1)
        return found


def _next_month(first: dt.date) -> dt.date:
    return (first + dt.timedelta(days=32)).replace(day=1)


def month_of(day: dt.date) -> str:
    return day.strftime("%Y-%m")


def week_of(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def year_of(day: dt.date) -> str:
    return str(day.year)


def _year(text: str) -> int | None:
    year = int(text)
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def period_parse(value: str) -> Period | None:
    """The period named by `value`, or None when it names none (a bad month, week 54, quarter 5, the year 3000...)."""
    value = value.strip()
    if value == ALL:
        return Period(param=ALL)
    if match := YEAR_RE.match(value):
        if (year := _year(match.group(1))) is None:
            return None
        return Period(param=value, start=dt.date(year, 1, 1), end=dt.date(year + 1, 1, 1))
    if match := QUARTER_RE.match(value):
        if (year := _year(match.group(1))) is None:
            return None
        start = dt.date(year, 3 * int(match.group(2)) - 2, 1)
        return Period(param=value, start=start, end=_next_month(_next_month(_next_month(start))))
    if match := MONTH_RE.match(value):
        year, number = _year(match.group(1)), int(match.group(2))
        if year is None or not 1 <= number <= 12:
            return None
        start = dt.date(year, number, 1)
        return Period(param=value, start=start, end=_next_month(start))
    if match := WEEK_RE.match(value):
        if (year := _year(match.group(1))) is None:
            return None
        try:
            start = dt.date.fromisocalendar(year, int(match.group(2)), 1)
        except ValueError:
            return None
        return Period(param=value, start=start, end=start + dt.timedelta(days=7))
    return None
