"""The period of a figures page: everything, a month ("2026-03") or an ISO week ("2026-W10")."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
ALL = "all"
FIRST_YEAR, LAST_YEAR = 1990, 2100


@dataclass(frozen=True)
class Period:
    param: str  # as in the URL: "all", "2026-03", "2026-W10"
    start: dt.date | None = None  # None: since the first case
    end: dt.date | None = None  # the day after the last one

    @property
    def label(self) -> str:
        if self.start is None:
            return _("全部时间")
        if WEEK_RE.match(self.param):
            return _("%(year)s 年第 %(week)s 周") % {"year": self.param[:4], "week": int(self.param[6:])}
        return _("%(year)s 年 %(month)s 月") % {"year": self.start.year, "month": self.start.month}

    def contains(self, day: dt.date) -> bool:
        return self.start is None or self.end is None or self.start <= day < self.end


def month_of(day: dt.date) -> str:
    return day.strftime("%Y-%m")


def week_of(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def period_parse(value: str) -> Period | None:
    """The period named by `value`, or None when it names none (a bad month, week 54, the year 3000...)."""
    value = value.strip()
    if value == ALL:
        return Period(param=ALL)
    month = MONTH_RE.match(value)
    if month:
        year, number = int(month.group(1)), int(month.group(2))
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= number <= 12):
            return None
        start = dt.date(year, number, 1)
        return Period(param=value, start=start, end=(start + dt.timedelta(days=32)).replace(day=1))
    week = WEEK_RE.match(value)
    if week:
        year, number = int(week.group(1)), int(week.group(2))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None
        try:
            start = dt.date.fromisocalendar(year, number, 1)
        except ValueError:
            return None
        return Period(param=value, start=start, end=start + dt.timedelta(days=7))
    return None
