"""Seeding and editing the working-day calendar."""
from __future__ import annotations

import datetime as dt

from django.db import transaction

from fengqiao.audit.services import audit_record
from fengqiao.worktime.models import CalendarDay, CalendarYear
from fengqiao.worktime.signals import publish_calendar_changed

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争胜利70周年纪念日",
}
SEED_SOURCE = "chinese-calendar"


@transaction.atomic
def calendar_seed_from_package(*, acting_user=None) -> int:
    """Copy the years that the chinese-calendar package covers into the table; existing rows are kept."""
    from chinese_calendar import constants

    years = sorted({d.year for d in constants.holidays} | {d.year for d in constants.workdays})
    existing_days = set(CalendarDay.objects.values_list("date", flat=True))
    new_days: list[CalendarDay] = []
    for day, name in constants.holidays.items():
        if day in existing_days:
            continue
        zh = HOLIDAY_NAMES_ZH.get(name, name or "")
        new_days.append(CalendarDay(date=day, is_workday=False, name=zh, source=SEED_SOURCE))
    for day, name in constants.workdays.items():
        if day in existing_days or day.weekday() < 5:
            continue
        zh = HOLIDAY_NAMES_ZH.get(name, name or "")
        new_days.append(CalendarDay(date=day, is_workday=True, name=f"{zh}调休上班", source=SEED_SOURCE))
    CalendarDay.objects.bulk_create(new_days, ignore_conflicts=True)
    existing_years = set(CalendarYear.objects.values_list("year", flat=True))
    CalendarYear.objects.bulk_create(
        [CalendarYear(year=y, source=SEED_SOURCE) for y in years if y not in existing_years], ignore_conflicts=True
    )
    publish_calendar_changed(years=[y for y in years if y not in existing_years], acting_user=acting_user)
    if new_days:
        audit_record(
            actor=acting_user, action="calendar.seed", object_type="worktime.calendarday", object_id="seed",
            after={"days": len(new_days), "years": [y for y in years if y not in existing_years]},
        )
    return len(new_days)


@transaction.atomic
def calendar_day_set(*, acting_user, date: dt.date, is_workday: bool, name: str = "") -> CalendarDay:
    day = CalendarDay.objects.filter(date=date).first()
    before = {"is_workday": day.is_workday, "name": day.name} if day else None
    if day is None:
        day = CalendarDay(date=date)
    day.is_workday, day.name, day.source = is_workday, name, "manual"
    day.save()
    audit_record(actor=acting_user, action="calendar.day_set", obj=day, before=before, after={"is_workday": is_workday, "name": name})
    if CalendarYear.objects.filter(year=date.year).exists():  # a covered year changed: its due dates move
        publish_calendar_changed(years=[date.year], acting_user=acting_user)
    return day


@transaction.atomic
def calendar_year_mark_covered(*, acting_user, year: int, note: str = "") -> CalendarYear:
    """The administrator has entered the year's holidays and adjusted working days: the year counts as covered, and
    once this commits the open due dates in that year are recomputed (cases and mediation subscribe to
    worktime.signals.calendar_changed)."""
    row, _ = CalendarYear.objects.get_or_create(year=year, defaults={"source": "manual", "note": note})
    audit_record(actor=acting_user, action="calendar.year_covered", obj=row, after={"year": year, "note": note})
    publish_calendar_changed(years=[year], acting_user=acting_user)
    return row
