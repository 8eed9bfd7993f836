"""What the pages show about a mediation's clocks and follow-ups: colours and labels computed for today."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from fengqiao.mediation.choices import ClockKind, ClockStatus, InstalmentStatus
from fengqiao.mediation.deadlines import date_status
from fengqiao.mediation.models import Agreement, Instalment, MediationClock

INSTALMENT_WARN_DAYS = 3


@dataclass
class ClockView:
    label: str
    start_on: dt.date | None
    end_on: dt.date | None
    status: str
    status_label: str
    legal_basis: str
    target: str = ""
    calendar_warning: str = ""


def judicial_confirmation_view(agreement: Agreement, *, today: dt.date) -> ClockView | None:
    if not agreement.is_effective or agreement.judicial_confirmation_due is None:
        return None
    applied = agreement.confirmation_applied_on is not None
    status = date_status(end_on=agreement.judicial_confirmation_due, warn_on=agreement.judicial_confirmation_warn_on,
                         today=today, done=applied)
    labels = {
        ClockStatus.DONE: _("已于 %(date)s 申请（%(result)s）") % {
            "date": agreement.confirmation_applied_on.isoformat() if applied else "",
            "result": agreement.get_confirmation_result_display()},
        ClockStatus.RED: _("申请期限已过"),
        ClockStatus.YELLOW: _("即将届满（剩 %(n)d 日）") % {"n": (agreement.judicial_confirmation_due - today).days},
        ClockStatus.GREEN: _("可申请（剩 %(n)d 日）") % {"n": (agreement.judicial_confirmation_due - today).days},
    }
    return ClockView(
        label=str(ClockKind.JUDICIAL_CONFIRMATION.label), start_on=agreement.signed_on,
        end_on=agreement.judicial_confirmation_due, status=status, status_label=str(labels[status]),
        legal_basis=agreement.judicial_confirmation_basis, target=agreement.confirmation_court,
        calendar_warning=agreement.calendar_warning,
    )


# Clocks of a court-entrusted mediation whose lapse is named by the clock itself (the pre-filing period keeps its
# own wording).
COURT_ENTRUSTED_CLOCKS = {ClockKind.COURT_APPOINTMENT, ClockKind.COURT_ACCEPTANCE, ClockKind.COURT_POST_FILING_ORDINARY,
                          ClockKind.COURT_POST_FILING_SIMPLIFIED}


def met_label(clock: MediationClock) -> str:
    late = (clock.met_on - clock.end_on).days
    if late > 0:
        return _("已于 %(date)s 完成（超期 %(n)d 日）") % {"date": clock.met_on.isoformat(), "n": late}
    return _("已于 %(date)s 完成") % {"date": clock.met_on.isoformat()}


def clock_view(clock: MediationClock, *, today: dt.date, mediation_active: bool) -> ClockView:
    if clock.met_on is not None:
        status, label = ClockStatus.DONE, met_label(clock)
    elif clock.kind in COURT_ENTRUSTED_CLOCKS and not mediation_active:
        # The mediation ended before the thing this clock waited for (e.g. it ended before acceptance was
        # confirmed): nothing is running any more, and nothing can be missed.
        status, label = ClockStatus.NONE, _("调解已结束，不再计算")
    elif clock.kind == ClockKind.LABOUR_ARBITRATION:
        # Not a deadline the staff can miss: the date from which a party may take the dispute to arbitration.
        if today > clock.end_on:
            status, label = ClockStatus.YELLOW if mediation_active else ClockStatus.NONE, _("已可申请劳动仲裁")
        else:
            status = date_status(end_on=clock.end_on, warn_on=clock.warn_on, today=today)
            label = _("调解期内（剩 %(n)d 日）") % {"n": (clock.end_on - today).days}
    else:
        status = date_status(end_on=clock.end_on, warn_on=clock.warn_on, today=today)
        if status == ClockStatus.RED and clock.kind in COURT_ENTRUSTED_CLOCKS:
            label = _("%(clock)s已届满") % {"clock": clock.get_kind_display()}
        elif status == ClockStatus.RED:
            label = _("诉前调解期限已届满")
        else:
            label = _("剩 %(n)d 日") % {"n": (clock.end_on - today).days}
    return ClockView(label=clock.get_kind_display(), start_on=clock.start_on, end_on=clock.end_on, status=status,
                     status_label=str(label), legal_basis=clock.legal_basis, target=clock.target_name,
                     calendar_warning=clock.calendar_warning)


def instalment_status(instalment: Instalment, *, today: dt.date) -> str:
    """Performed: done. Otherwise red once the date has passed (a missed instalment), yellow a few days ahead."""
    if instalment.status == InstalmentStatus.PERFORMED:
        return ClockStatus.DONE
    if today > instalment.due_on:
        return ClockStatus.RED
    if (instalment.due_on - today).days <= INSTALMENT_WARN_DAYS:
        return ClockStatus.YELLOW
    return ClockStatus.GREEN
