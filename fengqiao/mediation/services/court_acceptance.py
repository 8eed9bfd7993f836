"""The organisation confirms it accepts a court's referral (确认接受委派/委托, 人民法院在线调解规则 第12条); the
mediation period runs from that day (第24条: 30 days before filing, 15 or 7 after)."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.core.errors import TransitionRefused
from fengqiao.mediation.choices import COURT_PERIOD_CLOCKS, ClockKind
from fengqiao.mediation.models import Mediation, MediationClock
from fengqiao.mediation.services.common import (
    check_past_date,
    ensure_active,
    lock_mediation,
    record_event,
    start_clock,
)
from fengqiao.mediation.services.start import snapshot


@transaction.atomic
def mediation_confirm_court_acceptance(*, mediation: Mediation, acting_user,
                                       accepted_on: dt.date | None = None) -> MediationClock:
    """Record the acceptance once: the acceptance clock is met on that day and the mediation period starts.
    Returns the mediation-period clock."""
    mediation = lock_mediation(mediation, acting_user)
    ensure_active(mediation)
    if not mediation.is_court_entrusted:
        raise TransitionRefused(_("该调解不是法院委派/委托的调解，无需确认接受。"))
    if mediation.court_accepted_on is not None:
        raise TransitionRefused(
            _("已于 %(date)s 确认接受委派/委托，不能重复确认。") % {"date": mediation.court_accepted_on.isoformat()}
        )
    accepted_on = accepted_on or timezone.localdate()
    check_past_date(accepted_on, field="accepted_on", label=_("确认接受日期"), earliest=mediation.court_received_on)
    before = snapshot(mediation)
    mediation.court_accepted_on = accepted_on
    mediation.save(update_fields=["court_accepted_on"])
    acceptance = mediation.clocks.filter(kind=ClockKind.COURT_ACCEPTANCE).first()
    if acceptance is not None:
        acceptance.met_on = accepted_on
        acceptance.save(update_fields=["met_on"])
    period = start_clock(mediation, kind=COURT_PERIOD_CLOCKS[mediation.court_referral_kind], start_on=accepted_on,
                         acting_user=acting_user, target_name=mediation.referring_court)
    late = acceptance is not None and accepted_on > acceptance.end_on
    text = _("%(date)s确认接受%(court)s的%(kind)s%(late)s；调解期限自该日起算，至 %(end)s 届满（各方当事人同意延长的除外）。") % {
        "date": accepted_on.isoformat(), "court": mediation.referring_court, "kind": mediation.get_court_referral_kind_display(),
        "late": _("（超过确认期限 %(end)s）") % {"end": acceptance.end_on.isoformat()} if late and acceptance is not None else "",
        "end": period.end_on.isoformat()}
    record_event(mediation.case, actor=acting_user, action="mediation_court_accepted", note=text,
                 data={"mediation": mediation.pk, "accepted_on": accepted_on.isoformat()})
    audit_record(actor=acting_user, action="mediation.court_accept", obj=mediation, before=before,
                 after={**snapshot(mediation), "period_kind": period.kind, "period_end": period.end_on.isoformat()})
    return period
