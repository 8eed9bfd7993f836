"""The daily sweep over court-entrusted mediations: a referral not accepted in time, or a mediation period that
ran out, raises one supervision notice (人民法院在线调解规则 第12条、第24条: the court waits on both)."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.mediation.choices import COURT_PERIOD_CLOCKS, ClockKind, MediationStatus
from fengqiao.mediation.models import MediationClock
from fengqiao.mediation.selectors import supervision_recipients
from fengqiao.mediation.services.common import NOTICE_SUPERVISION, record_event, send_notice
from fengqiao.mediation.services.start import mediation_url


def _watched() -> Q:
    """The clocks the organisation itself must beat: accepting the referral, and the entrusted period (an
    outbound referral's pre-filing clock runs at the court, not here)."""
    periods = Q()
    for referral_kind, clock_kind in COURT_PERIOD_CLOCKS.items():
        periods |= Q(kind=clock_kind, mediation__court_referral_kind=referral_kind)
    return Q(kind=ClockKind.COURT_ACCEPTANCE) | periods


def _message(clock: MediationClock) -> tuple[str, str]:
    mediation, case = clock.mediation, clock.mediation.case
    values = {"case": case.reference, "court": mediation.referring_court, "end": clock.end_on.isoformat()}
    if clock.kind == ClockKind.COURT_ACCEPTANCE:
        return (_("法院委派/委托的调解未按期确认接受"),
                _("%(case)s 由%(court)s委派/委托，应于 %(end)s 前确认接受，至今未确认。请确认接受或退回法院。") % values)
    return (_("法院委派/委托的调解期限已届满"),
            _("%(case)s 由%(court)s委派/委托，调解期限已于 %(end)s 届满，调解仍未结束。"
              "各方当事人同意延长的，请记录；否则请结束调解并退回法院。") % values)


@transaction.atomic
def court_clock_overdue_sweep(*, today: dt.date | None = None) -> int:
    """Court clocks of active mediations past their last day and not met: one supervision notice each, to the
    center staff of the case's area, the case's lead and the mediator. Returns how many were sent."""
    today = today or timezone.localdate()
    overdue = (
        MediationClock.objects.select_for_update(of=("self",))
        .filter(_watched(), mediation__status=MediationStatus.ACTIVE, met_on__isnull=True, end_on__lt=today,
                overdue_notified_at__isnull=True)
        .select_related("mediation__case", "mediation__mediator__user")
        .order_by("end_on", "pk")
    )
    sent = 0
    for clock in overdue:
        mediation, case = clock.mediation, clock.mediation.case
        title, body = _message(clock)
        if not send_notice(recipients=supervision_recipients(case=case, mediation=mediation), kind=NOTICE_SUPERVISION,
                           title=title, body=body, case=case, url=mediation_url(mediation), urgent=True,
                           acting_user=None):
            continue
        clock.overdue_notified_at = timezone.now()
        clock.save(update_fields=["overdue_notified_at"])
        record_event(case, actor=None, action="mediation_court_clock_overdue", note=body,
                     data={"mediation": mediation.pk, "clock": clock.kind})
        audit_record(actor=None, action="mediation.court_clock_overdue_notice", obj=clock,
                     after={"kind": clock.kind, "end_on": clock.end_on.isoformat()})
        sent += 1
    return sent
