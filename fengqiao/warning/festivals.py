"""When the Spring Festival falls: the first day of each 春节 holiday in the working-day calendar (an editable
table), or in the chinese-calendar package for years the table does not have."""
from __future__ import annotations

import datetime as dt

from fengqiao.worktime.models import CalendarDay

FESTIVAL_NAME = "春节"


def _block_starts(days: list[dt.date]) -> list[dt.date]:
    ordered = sorted(set(days))
    return [day for i, day in enumerate(ordered) if i == 0 or (day - ordered[i - 1]).days > 1]


def spring_festival_starts() -> list[dt.date]:
    """The first day of every Spring Festival holiday known, oldest first."""
    table = list(CalendarDay.objects.filter(name__contains=FESTIVAL_NAME, is_workday=False)
                 .values_list("date", flat=True))
    known_years = {d.year for d in table}
    try:
        from chinese_calendar import constants
    except ImportError:  # the package is a dependency; without it the table alone answers
        package: list[dt.date] = []
    else:
        package = [d for d, name in constants.holidays.items() if name == "Spring Festival" and d.year not in known_years]
    return _block_starts(table + package)
