"""Recomputing mediation clocks when a year's holidays are entered (worktime.signals.calendar_changed), as
cases.services.recompute does for case steps: each clock still waiting whose last day falls in the year is counted
again from its start (its stored period; the rule's current roll and warning settings), and a moved last day gets
a line on the case's timeline. The 司法确认 window of an effective agreement not yet applied for is recounted too."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.mediation.choices import AgreementStatus, ClockKind
from fengqiao.mediation.deadlines import clock_rule, compute_clock
from fengqiao.mediation.models import Agreement, ClockRule, MediationClock
from fengqiao.mediation.services.common import record_event


def _in_years(field: str, years: set[int]) -> Q:
    found = Q()
    for year in years:
        found |= Q(**{f"{field}__gte": dt.date(year, 1, 1), f"{field}__lte": dt.date(year, 12, 31)})
    return found


def _rule_like(kind: str, duration: int, unit: str) -> ClockRule:
    current = clock_rule(kind)
    return ClockRule(kind=kind, duration=duration, unit=unit, roll_to_workday=current.roll_to_workday,
                     warn_ratio=current.warn_ratio, legal_basis=current.legal_basis)


def _note(label: str, years: set[int], old: dt.date, new: dt.date) -> str:
    return _("已录入%(years)s年节假日，%(label)s按工作日历重新计算：由 %(old)s 改为 %(new)s。") % {
        "years": "、".join(str(y) for y in sorted(years)), "label": label, "old": old.isoformat(), "new": new.isoformat()}


@transaction.atomic
def _recount_clock(clock: MediationClock, years: set[int], acting_user) -> bool:
    counted = compute_clock(kind=clock.kind, start_on=clock.start_on, rule=_rule_like(clock.kind, clock.duration, clock.unit))
    if (counted.end_on, counted.calendar_warning) == (clock.end_on, clock.calendar_warning):
        return False
    old = clock.end_on
    clock.end_on, clock.warn_on, clock.calendar_warning = counted.end_on, counted.warn_on, counted.calendar_warning
    clock.save(update_fields=["end_on", "warn_on", "calendar_warning"])
    if old == clock.end_on:
        return False
    record_event(clock.mediation.case, actor=acting_user, action="mediation_clock_recomputed",
                 note=_note(clock.get_kind_display(), years, old, clock.end_on),
                 data={"mediation": clock.mediation_id, "clock": clock.pk, "end_on": clock.end_on.isoformat()})
    audit_record(actor=acting_user, action="mediation.clock_recomputed", obj=clock,
                 before={"end_on": old.isoformat()}, after={"end_on": clock.end_on.isoformat(), "years": sorted(years)})
    return True


@transaction.atomic
def _recount_agreement(agreement: Agreement, years: set[int], acting_user) -> bool:
    signed_on, old = agreement.signed_on, agreement.judicial_confirmation_due
    assert signed_on is not None and old is not None  # the caller's query takes signed agreements with a due day
    rule = clock_rule(ClockKind.JUDICIAL_CONFIRMATION)
    counted = compute_clock(kind=ClockKind.JUDICIAL_CONFIRMATION, start_on=signed_on, rule=rule)
    if (counted.end_on, counted.calendar_warning) == (old, agreement.calendar_warning):
        return False
    agreement.judicial_confirmation_due, agreement.judicial_confirmation_warn_on = counted.end_on, counted.warn_on
    agreement.calendar_warning = counted.calendar_warning
    agreement.save(update_fields=["judicial_confirmation_due", "judicial_confirmation_warn_on", "calendar_warning"])
    if old == counted.end_on:
        return False
    record_event(agreement.mediation.case, actor=acting_user, action="mediation_clock_recomputed",
                 note=_note(str(ClockKind.JUDICIAL_CONFIRMATION.label), years, old, counted.end_on),
                 data={"agreement": agreement.pk, "end_on": counted.end_on.isoformat()})
    audit_record(actor=acting_user, action="mediation.clock_recomputed", obj=agreement,
                 before={"end_on": old.isoformat()}, after={"end_on": counted.end_on.isoformat(), "years": sorted(years)})
    return True


def mediation_clocks_recompute(*, years: Iterable[int], acting_user=None) -> int:
    """Recount the waiting mediation clocks and 司法确认 windows whose last day falls in `years`."""
    years = set(years)
    if not years:
        return 0
    moved = 0
    clocks = (MediationClock.objects.filter(_in_years("end_on", years), met_on__isnull=True)
              .select_related("mediation__case").order_by("pk"))
    for clock in clocks:
        moved += _recount_clock(clock, years, acting_user)
    agreements = (Agreement.objects.filter(_in_years("judicial_confirmation_due", years), status=AgreementStatus.EFFECTIVE,
                                           confirmation_applied_on__isnull=True, signed_on__isnull=False)
                  .select_related("mediation__case").order_by("pk"))
    for agreement in agreements:
        moved += _recount_agreement(agreement, years, acting_user)
    return moved
