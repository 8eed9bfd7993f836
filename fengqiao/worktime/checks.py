"""A loud warning when the calendar has no data for this year or the next."""
from __future__ import annotations

from django.core.checks import Warning, register
from django.db import DatabaseError
from django.utils import timezone


def uncovered_upcoming_years() -> list[int]:
    from fengqiao.worktime.models import CalendarYear

    this_year = timezone.localdate().year
    try:
        covered = set(CalendarYear.objects.values_list("year", flat=True))
    except DatabaseError:
        return []
    return [y for y in (this_year, this_year + 1) if y not in covered]


@register()
def calendar_coverage(app_configs, **kwargs):
    missing = uncovered_upcoming_years()
    if not missing:
        return []
    years = ", ".join(str(y) for y in missing)
    return [
        Warning(
            f"The working-day calendar has no holiday data for {years}: deadlines that reach these years count "
            "Monday-Friday only. Enter the State Council's holiday notice in the admin (工作日历).",
            id="fengqiao.W001",
        )
    ]
