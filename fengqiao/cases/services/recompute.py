"""Recomputing open due dates when the calendar of a year is entered or changed (worktime.signals.calendar_changed).

A due date that falls in a year the calendar did not cover was counted Monday-Friday and carries a warning. Once an
administrator enters that year's holidays, every open step whose due date falls in the year is counted again from
its own start, with the approved extensions and the pauses of the step added as they were added; a due date that
moves gets a timeline event, and the warning goes when no uncovered year is left. A due date a person chose
(Case.due_set_by, an earlier day set when 交办) is never recounted: the calendar does not move it."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases import events
from fengqiao.cases.choices import EventKind, ExtensionStatus, StateKind
from fengqiao.cases.deadlines import add_period, uncovered_warning
from fengqiao.cases.models import Case, ClockPause, DeadlineExtension
from fengqiao.cases.services.common import add_event, lock_case, save_case


def _year_bounds(year: int) -> Q:
    start = timezone.make_aware(dt.datetime(year, 1, 1))
    end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
    return Q(due_at__gte=start, due_at__lt=end)


def recount_due(case: Case) -> tuple[dt.datetime, set[int]] | None:
    """The current step's due date counted again on today's calendar: the rule's period from the clock's start,
    then each approved extension of this step, then each finished pause (days in the rule's unit)."""
    rule = case.deadline_rule
    if rule is None or case.clock_started_at is None:
        return None
    due, uncovered = add_period(start=case.clock_started_at, amount=rule.duration, unit=rule.unit,
                                roll_to_workday=rule.roll_to_workday)
    extensions = DeadlineExtension.objects.filter(case=case, state_id=case.state_id, status=ExtensionStatus.APPROVED,
                                                  decided_at__gte=case.clock_started_at).order_by("decided_at", "pk")
    additions = [extension.days for extension in extensions]
    pauses = ClockPause.objects.filter(case=case, state_id=case.state_id, ended_at__isnull=False,
                                       started_at__gte=case.clock_started_at).order_by("started_at", "pk")
    additions += [pause.days_added for pause in pauses if pause.days_added]
    for days in additions:
        due, more = add_period(start=due, amount=days, unit=rule.unit)
        uncovered |= more
    return due, uncovered


@transaction.atomic
def case_due_date_recompute(*, case_id: int, years: set[int], acting_user=None) -> bool:
    """Recount one open case's due date; True when it moved (with a timeline event and an audit row)."""
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return False
    case = lock_case(case, None)
    if case.state.kind != StateKind.OPEN or case.due_at is None or case.due_set_by_id is not None:
        return False
    counted = recount_due(case)
    if counted is None:
        return False
    due, uncovered = counted
    warning = uncovered_warning(uncovered)
    old_due, old_warning = case.due_at, case.calendar_warning
    if due == old_due and warning == old_warning:
        return False
    case.due_at = due
    if case.warn_at:
        case.warn_at = case.warn_at + (due - old_due)
    case.calendar_warning = warning
    save_case(case, ["due_at", "warn_at", "calendar_warning"])
    if due == old_due:
        return False
    events.publish(events.CaseDeadlineChanged(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None),
                                              reason="calendar", due_at=due))
    years_text = "、".join(str(y) for y in sorted(years))
    old_day, new_day = timezone.localtime(old_due).date().isoformat(), timezone.localtime(due).date().isoformat()
    note = _("已录入%(years)s年节假日，本环节期限按工作日历重新计算：由 %(old)s 改为 %(new)s。") % {
        "years": years_text, "old": old_day, "new": new_day}
    public = _("根据%(years)s年法定节假日安排，本环节办理期限调整为 %(new)s。") % {"years": years_text, "new": new_day}
    add_event(case, kind=EventKind.DEADLINE, actor=acting_user, action="deadline_recomputed", note=note,
              public_note=public, data={"years": sorted(years), "old_due_at": old_due.isoformat(),
                                        "due_at": due.isoformat()})
    audit_record(actor=acting_user, action="case.deadline_recomputed", obj=case,
                 before={"due_at": old_due.isoformat(), "calendar_warning": old_warning},
                 after={"due_at": due.isoformat(), "calendar_warning": warning, "years": sorted(years)})
    return True


def case_due_dates_recompute(*, years: Iterable[int], acting_user=None) -> int:
    """Recount every open case whose current due date falls in one of `years`; each case in its own transaction.
    Returns how many due dates moved."""
    years = set(years)
    if not years:
        return 0
    within = Q()
    for year in years:
        within |= _year_bounds(year)
    ids = list(Case.objects.filter(within, state__kind=StateKind.OPEN, deadline_rule__isnull=False,
                                   due_set_by__isnull=True)
               .order_by("pk").values_list("pk", flat=True))
    return sum(case_due_date_recompute(case_id=pk, years=years, acting_user=acting_user) for pk in ids)
