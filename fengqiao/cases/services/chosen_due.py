"""A due date a person chooses when handing a case on (交办/转办): the rule's date is the limit, an earlier day is
allowed, a later one refused. The chosen date is stored with who chose it (Case.due_set_by, Assignment.due_set_by)
and is never recounted afterwards (cases.services.recompute leaves it alone)."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.cases.deadlines import Clock, end_of_day
from fengqiao.cases.models import Case
from fengqiao.core.errors import ValidationFailed


def _refuse(message: str, short: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={"due_on": [short]})


def check_chosen_due(*, due_on: dt.date, rule_clock: Clock, state_name: str, now: dt.datetime) -> dt.datetime:
    """The end of `due_on` if the rule allows it: the step has a running clock, the day is not past and not later
    than the rule's due date. Refused with a message naming the rule's date and its legal basis otherwise."""
    if rule_clock.due_at is None:
        raise _refuse(_("“%(state)s”环节没有按规则计算的期限，不能另行设定期限。") % {"state": state_name},
                      _("本环节无期限"))
    if due_on < timezone.localtime(now).date():
        raise _refuse(_("期限不能早于今天。"), _("早于今天"))
    chosen = end_of_day(due_on)
    if chosen > rule_clock.due_at:
        limit = timezone.localtime(rule_clock.due_at).date().isoformat()
        basis = rule_clock.rule.legal_basis if rule_clock.rule is not None else ""
        raise _refuse(
            _("所选期限 %(chosen)s 晚于规则规定的期限 %(limit)s（%(basis)s）：只能提前，不能延后。") % {
                "chosen": due_on.isoformat(), "limit": limit, "basis": basis or _("时限规则")},
            _("不能晚于 %(limit)s") % {"limit": limit},
        )
    return chosen


def apply_chosen_due(case: Case, *, due_at: dt.datetime, acting_user) -> list[str]:
    """Put a checked, chosen due date on the case's current step (its clock already started by the rule): the
    reminder moves with it at the rule's ratio; the calendar warning goes (the day is the person's, not a count)."""
    started, rule = case.clock_started_at, case.deadline_rule
    case.due_at = due_at
    if started is not None and rule is not None:
        case.warn_at = started + (due_at - started) * float(rule.warn_ratio)
    case.calendar_warning = ""
    case.due_set_by = acting_user
    return ["due_at", "warn_at", "calendar_warning", "due_set_by"]


def chosen_due_data(*, rule_due: dt.datetime | None, case: Case) -> dict[str, object]:
    """What the timeline event and the audit row keep of a chosen date: the date, the rule's date, who chose it."""
    return {
        "due_at": case.due_at.isoformat() if case.due_at else None,
        "rule_due_at": rule_due.isoformat() if rule_due else None,
        "due_set_by": case.due_set_by_id,
    }
