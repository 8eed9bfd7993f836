"""Ending a mediation without agreement (人民调解法 第26条): the routes the parties were told about, and the
referrals with their own clocks (诉调对接: 人民法院在线调解规则 第24条; 劳动争议: 劳动争议调解仲裁法 第14条)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases.choices import TransitionEffect
from fengqiao.cases.remedies import clean_routes, routes_text
from fengqiao.cases.services import case_transition
from fengqiao.core.errors import ValidationFailed
from fengqiao.mediation.choices import ClockKind, MediationStatus, OrganisationKind, Route
from fengqiao.mediation.models import Mediation, MediationClock, Organisation
from fengqiao.mediation.selectors import supervision_recipients
from fengqiao.mediation.services.common import (
    NOTICE_SYSTEM,
    check_past_date,
    clean_text,
    ensure_active,
    lock_mediation,
    record_event,
    send_notice,
    start_clock,
)
from fengqiao.mediation.services.court_referral import close_court_period, refuse_second_court_referral
from fengqiao.mediation.services.start import (
    cancel_open_sessions,
    case_step,
    mediation_url,
    snapshot,
    start_labour_clock,
)
from fengqiao.regions.paths import county_path


def _court_referral(mediation: Mediation, *, acting_user, organisation: Organisation | None, court_name: str,
                    accepted_on: dt.date | None) -> MediationClock:
    if organisation is not None:
        if organisation.kind != OrganisationKind.COURT_CENTER or not organisation.is_active:
            raise ValidationFailed(_("请选择法院诉调对接中心。"), field_errors={"court_organisation": [_("不是诉调对接中心")]})
        if not organisation.region.path.startswith(county_path(mediation.case.region_path)):
            raise ValidationFailed(_("请选择本县（区）的法院。"), field_errors={"court_organisation": [_("不在本县")]})
        court_name = court_name or organisation.name
    if not court_name:
        raise ValidationFailed(_("诉调对接须写明移送的人民法院。"), field_errors={"court_name": [_("必填")]})
    accepted_on = accepted_on or timezone.localdate()
    check_past_date(accepted_on, field="court_accepted_on", label=_("法院委派（受理）日期"), earliest=mediation.applied_on)
    return start_clock(mediation, kind=ClockKind.COURT_PRE_FILING, start_on=accepted_on, acting_user=acting_user,
                       target_name=court_name, target_organisation=organisation)


@transaction.atomic
def mediation_fail(*, mediation: Mediation, acting_user, reason: str, routes: Iterable[str],
                   refer_to_court: bool = False, court_organisation: Organisation | None = None,
                   court_name: str = "", court_accepted_on: dt.date | None = None) -> Mediation:
    mediation = lock_mediation(mediation, acting_user)
    ensure_active(mediation)
    reason = clean_text(reason, field="reason", label=_("调解不成的原因"), required=True)
    court_name = clean_text(court_name, field="court_name", label=_("法院名称"), max_length=100)
    chosen = clean_routes(routes, required=False)
    if refer_to_court:
        refuse_second_court_referral(mediation)
    if (refer_to_court or mediation.is_court_entrusted) and Route.LITIGATION not in chosen:
        chosen.append(Route.LITIGATION)
    if not chosen:
        raise ValidationFailed(
            _("调解不成的，应当告知当事人可以通过仲裁、行政、司法等途径维护权利（人民调解法第二十六条），请勾选已告知的途径。"),
            field_errors={"routes": [_("必选")]},
        )
    before = snapshot(mediation)
    mediation.status = MediationStatus.FAILED
    mediation.failure_reason = reason
    mediation.routes_offered = [r for r in Route.values if r in chosen]
    mediation.ended_at = timezone.now()
    mediation.ended_by = acting_user
    mediation.save(update_fields=["status", "failure_reason", "routes_offered", "ended_at", "ended_by"])
    cancel_open_sessions(mediation, _("调解不成"))
    close_court_period(mediation, ended_on=timezone.localdate())
    court_clock = None
    if refer_to_court:
        court_clock = _court_referral(mediation, acting_user=acting_user, organisation=court_organisation,
                                      court_name=court_name, accepted_on=court_accepted_on)
    labour_clock = start_labour_clock(mediation, acting_user=acting_user) or mediation.clocks.filter(
        kind=ClockKind.LABOUR_ARBITRATION).first()
    route_names = routes_text(mediation.routes_offered)
    note = _("调解不成：%(reason)s。已告知当事人可通过%(routes)s途径维护权利。") % {"reason": reason, "routes": route_names}
    public = _("调解未能达成协议。您可以依法通过%(routes)s等途径维护自己的权利。") % {"routes": route_names}
    if court_clock is not None:
        note += _("已移送%(court)s诉前调解（诉调对接），%(start)s起算，调解期限至 %(end)s。") % {
            "court": court_clock.target_name, "start": court_clock.start_on.isoformat(), "end": court_clock.end_on.isoformat()}
        public += _("您的纠纷已转至%(court)s进行诉前调解。") % {"court": court_clock.target_name}
    if mediation.is_court_entrusted:
        note += _("本调解由%(court)s%(kind)s，调解不成，退回该法院依法处理。") % {
            "court": mediation.referring_court, "kind": mediation.get_court_referral_kind_display()}
        public += _("您的纠纷将退回%(court)s依法处理。") % {"court": mediation.referring_court}
    if labour_clock is not None:
        note += _("劳动争议：自 %(start)s 收到调解申请起十五日内未达成协议，当事人可于 %(end)s 后申请劳动仲裁。") % {
            "start": labour_clock.start_on.isoformat(), "end": labour_clock.end_on.isoformat()}
    case = mediation.case
    step = case_step(case, TransitionEffect.FAIL)
    if step is not None:
        case_transition(case=case, action=step.action, acting_user=acting_user, note=note, public_note=public,
                        routes=mediation.routes_offered)
    else:
        record_event(case, actor=acting_user, action="mediation_failed", note=note, public_note=public,
                     data={"mediation": mediation.pk, "routes": mediation.routes_offered})
    audit_record(actor=acting_user, action="mediation.fail", obj=mediation, before=before,
                 after={**snapshot(mediation), "court_referral": court_clock.end_on.isoformat() if court_clock else None,
                        **({"returned_to_court": mediation.referring_court} if mediation.is_court_entrusted else {}),
                        "labour_arbitration_from": labour_clock.end_on.isoformat() if labour_clock else None})
    send_notice(
        recipients=[u for u in supervision_recipients(case=case, mediation=mediation) if u.pk != acting_user.pk],
        kind=NOTICE_SYSTEM, title=_("调解不成"), body=f"{case.reference} {note}", case=case,
        url=mediation_url(mediation), acting_user=acting_user,
    )
    return mediation
