"""Starting a mediation, choosing its mediator, and a party's refusal (人民调解法 第17条、第19条、第23条)."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.audit.services import audit_record
from fengqiao.cases.choices import ASSIGNEE, TransitionEffect
from fengqiao.cases.models import Case, Party, Transition
from fengqiao.cases.permissions import available_transitions, roles_for_case
from fengqiao.cases.services import case_lock, case_transition
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.mediation.choices import (
    CHANNEL_ORGANISATION_KINDS,
    Channel,
    ClockKind,
    MediationStatus,
    SessionStatus,
)
from fengqiao.mediation.deadlines import clock_rule
from fengqiao.mediation.models import Mediation, MediationClock, Mediator, Organisation
from fengqiao.mediation.ranking import is_eligible, score_mediator
from fengqiao.mediation.services.common import (
    NOTICE_ASSIGNED,
    check_past_date,
    clean_text,
    ensure_active,
    ensure_can_act,
    lock_mediation,
    record_event,
    send_notice,
    start_clock,
)
from fengqiao.mediation.services.court_referral import (
    CourtReferralInput,
    clean_court_referral,
    close_court_period,
)

DISPUTE_PROCESS = "dispute"


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def snapshot(mediation: Mediation) -> dict:
    data = {
        "case": mediation.case_id, "channel": mediation.channel, "organisation": mediation.organisation_id,
        "mediator": mediation.mediator_id, "status": mediation.status,
        "applied_on": _iso(mediation.applied_on),
        "refused_by": mediation.refused_by_id, "routes_offered": list(mediation.routes_offered or []),
    }
    if mediation.court_referral_kind:
        data["court_referral"] = {
            "kind": mediation.court_referral_kind, "court": mediation.referring_court,
            "applied_on": _iso(mediation.court_applied_on), "received_on": _iso(mediation.court_received_on),
            "accepted_on": _iso(mediation.court_accepted_on),
        }
    return data


def mediation_url(mediation: Mediation) -> str:
    from django.urls import reverse

    return reverse("mediation:detail", args=[mediation.pk])


def case_can_take(case: Case, effect: str, acting_user) -> Transition | None:
    """The dispute process's step with `effect` from the case's state that this user may take, if any."""
    if case.process.code != DISPUTE_PROCESS:
        return None
    return next((t for t in available_transitions(acting_user, case) if t.effect == effect), None)


def should_accept(case: Case, acting_user) -> Transition | None:
    """Starting a mediation takes the case into 调解中 by its own accept step: from the initial state for
    anyone allowed to, from a dispatched state only for the one it was dispatched to (never taking over another
    department's assignment). The step to take, or None."""
    step = case_can_take(case, TransitionEffect.ACCEPT, acting_user)
    if step is None:
        return None
    if case.state.is_initial or (case.lead_user_id is None and case.lead_department_id is None):
        return step  # nobody holds the case: e.g. returned to the center after a party refused mediation
    return step if roles_for_case(acting_user, case) & {ASSIGNEE, Role.HANDLER} else None


def case_step(case: Case, effect: str) -> Transition | None:
    """The dispute process's active step with `effect` from the case's state (whoever may take it), if any."""
    if case.process.code != DISPUTE_PROCESS:
        return None
    return Transition.objects.filter(process_id=case.process_id, from_state_id=case.state_id, effect=effect,
                                     is_active=True).order_by("id").first()


def start_labour_clock(mediation: Mediation, *, acting_user) -> MediationClock | None:
    """劳动争议调解仲裁法 第14条: no agreement within 15 days of the application and arbitration may be sought."""
    if mediation.channel == Channel.JUDICIAL or mediation.clocks.filter(kind=ClockKind.LABOUR_ARBITRATION).exists():
        return None
    rule = clock_rule(ClockKind.LABOUR_ARBITRATION)
    code = mediation.case.dispute_type.code if mediation.case.dispute_type is not None else None
    if not rule.is_active or not rule.dispute_type_codes or not rule.applies_to(code):
        return None
    return start_clock(mediation, kind=ClockKind.LABOUR_ARBITRATION, start_on=mediation.applied_on, rule=rule,
                       acting_user=acting_user, target_name=_("劳动人事争议仲裁委员会"))


def _check_mediator(mediator: Mediator, *, case: Case, organisation: Organisation) -> None:
    if not is_eligible(mediator, case=case, organisation=organisation):
        raise ValidationFailed(
            _("该调解员不能承办此案：须在岗，且属于本调解组织或服务区域包含案件所在地。"),
            field_errors={"mediator": [_("不符合条件")]},
        )


def _mediator_reason(mediator: Mediator, *, case: Case, organisation: Organisation, reason: str) -> str:
    suggestion = score_mediator(mediator, case=case, organisation=organisation)
    summary = _("得分 %(score)d：%(reasons)s") % {"score": suggestion.score, "reasons": "；".join(suggestion.reasons)}
    return (f"{reason}｜{summary}" if reason else summary)[:300]


def start_court_clocks(mediation: Mediation, *, acting_user) -> tuple[MediationClock, MediationClock | None]:
    """第12条: the organisation confirms acceptance within 3 working days of receiving the referral; 第10条: the
    court appoints within 3 working days of the party's application (met on the day the referral arrived)."""
    received_on = mediation.court_received_on
    assert received_on is not None  # clean_court_referral refuses a referral without the day it arrived
    acceptance = start_clock(mediation, kind=ClockKind.COURT_ACCEPTANCE, start_on=received_on,
                             acting_user=acting_user, target_name=mediation.organisation.name)
    appointment = None
    if mediation.court_applied_on is not None:
        appointment = start_clock(mediation, kind=ClockKind.COURT_APPOINTMENT, start_on=mediation.court_applied_on,
                                  met_on=received_on, acting_user=acting_user,
                                  target_name=mediation.referring_court)
    return acceptance, appointment


def _court_start_note(mediation: Mediation, acceptance: MediationClock, appointment: MediationClock | None) -> str:
    text = _("%(court)s%(kind)s，%(received)s收到，应于 %(end)s 前确认接受。") % {
        "court": mediation.referring_court, "kind": mediation.get_court_referral_kind_display(),
        "received": acceptance.start_on.isoformat(), "end": acceptance.end_on.isoformat()}
    if appointment is not None:
        timely = appointment.met_on is not None and appointment.met_on <= appointment.end_on  # met on arrival
        text += (_("当事人于%(applied)s向法院申请，法院按期（%(end)s前）委派。") if timely
                 else _("当事人于%(applied)s向法院申请，法院委派晚于期限（%(end)s）。")) % {
            "applied": appointment.start_on.isoformat(), "end": appointment.end_on.isoformat()}
    return text


@transaction.atomic
def mediation_start(*, case: Case, acting_user, channel: str, organisation: Organisation,
                    mediator: Mediator | None = None, applied_on: dt.date | None = None, note: str = "",
                    court_referral: CourtReferralInput | None = None) -> Mediation:
    """Start a mediation; `court_referral` when a court sent the dispute here (法院委派/委托调解)."""
    ensure_can_act(acting_user, case)
    case = case_lock(case=case)
    if not case.is_open:
        raise TransitionRefused(_("已化解或已办结的案件不能开始调解。"))
    if channel not in Channel.values:
        raise ValidationFailed(_("未知的调解方式。"), field_errors={"channel": [_("未知")]})
    if not organisation.is_active:
        raise ValidationFailed(_("该调解组织已停用。"), field_errors={"organisation": [_("已停用")]})
    if organisation.kind not in CHANNEL_ORGANISATION_KINDS[channel]:
        raise ValidationFailed(
            _("“%(org)s”不能进行%(channel)s。") % {"org": organisation.name, "channel": Channel(channel).label},
            field_errors={"organisation": [_("类型与调解方式不符")]},
        )
    if not case.region_path.startswith(organisation.region.path):
        raise ValidationFailed(_("该调解组织不管辖案件所在地。"), field_errors={"organisation": [_("不管辖案件所在地")]})
    if Mediation.objects.filter(case=case, status=MediationStatus.ACTIVE).exists():
        raise TransitionRefused(_("该案件已有进行中的调解，请先结束该调解。"))
    applied_on = applied_on or timezone.localdate()
    check_past_date(applied_on, field="applied_on", label=_("申请调解日期"),
                    earliest=timezone.localtime(case.received_at).date())
    note = clean_text(note, field="note", label=_("说明"))
    if court_referral is not None:
        court_referral = clean_court_referral(court_referral)
    now = timezone.now()
    mediation = Mediation(case=case, channel=channel, organisation=organisation, applied_on=applied_on, note=note,
                          started_by=acting_user, started_at=now)
    if court_referral is not None:
        mediation.court_referral_kind = court_referral.kind
        mediation.referring_court = court_referral.court_name
        mediation.court_received_on = court_referral.received_on
        mediation.court_applied_on = court_referral.applied_on
    if mediator is not None:
        _check_mediator(mediator, case=case, organisation=organisation)
        mediation.mediator = mediator
        mediation.mediator_assigned_at = now
        mediation.mediator_reason = _mediator_reason(mediator, case=case, organisation=organisation, reason=_("发起时指定"))
    try:
        with transaction.atomic():
            mediation.save()
    except IntegrityError as exc:  # a concurrent start got in first
        raise TransitionRefused(_("该案件已有进行中的调解，请先结束该调解。")) from exc
    labour_clock = start_labour_clock(mediation, acting_user=acting_user)
    court_clocks = start_court_clocks(mediation, acting_user=acting_user) if court_referral is not None else None
    accept = should_accept(case, acting_user)
    if accept is not None:
        case_transition(case=case, action=accept.action, acting_user=acting_user,
                        note=_("开始%(channel)s：%(org)s") % {"channel": mediation.get_channel_display(), "org": organisation.name})
    who = _("；调解员：%(name)s") % {"name": mediator.name} if mediator else ""
    text = _("开始%(channel)s，调解组织：%(org)s%(who)s。") % {
        "channel": mediation.get_channel_display(), "org": organisation.name, "who": who}
    if labour_clock is not None:
        text += _("劳动争议：自%(start)s收到调解申请起十五日内未达成协议的，当事人可于%(end)s后申请仲裁。") % {
            "start": labour_clock.start_on.isoformat(), "end": labour_clock.end_on.isoformat()}
    if court_clocks is not None:
        text += _court_start_note(mediation, *court_clocks)
    record_event(case, actor=acting_user, action="mediation_start", note=text,
                 public_note=_("您的纠纷已进入%(channel)s程序（%(org)s）。") % {
                     "channel": mediation.get_channel_display(), "org": organisation.name},
                 data={"mediation": mediation.pk})
    audit_record(actor=acting_user, action="mediation.start", obj=mediation, after=snapshot(mediation))
    if mediator is not None and mediator.user_id:
        send_notice(
            recipients=[mediator.user], kind=NOTICE_ASSIGNED, title=_("新的调解任务"),
            body=_("%(case)s 已指派您调解。") % {"case": case.reference}, case=case, url=mediation_url(mediation),
            acting_user=acting_user,
        )
    return mediation


@transaction.atomic
def mediation_assign_mediator(*, mediation: Mediation, mediator: Mediator, acting_user,
                              reason: str = "") -> Mediation:
    mediation = lock_mediation(mediation, acting_user)
    ensure_active(mediation)
    reason = clean_text(reason, field="reason", label=_("指派理由"), max_length=200)
    if mediation.mediator_id == mediator.pk:
        raise ValidationFailed(_("该调解员已在承办本调解。"), field_errors={"mediator": [_("未变化")]})
    _check_mediator(mediator, case=mediation.case, organisation=mediation.organisation)
    before = snapshot(mediation)
    previous = mediation.mediator
    mediation.mediator = mediator
    mediation.mediator_assigned_at = timezone.now()
    mediation.mediator_reason = _mediator_reason(mediator, case=mediation.case, organisation=mediation.organisation,
                                                 reason=reason)
    mediation.save(update_fields=["mediator", "mediator_assigned_at", "mediator_reason"])
    text = (_("调解员由%(old)s改为%(new)s。") % {"old": previous.name, "new": mediator.name} if previous
            else _("指派调解员：%(new)s。") % {"new": mediator.name})
    record_event(mediation.case, actor=acting_user, action="mediation_mediator", note=f"{text}{mediation.mediator_reason}",
                 data={"mediation": mediation.pk, "mediator": mediator.pk})
    audit_record(actor=acting_user, action="mediation.assign_mediator", obj=mediation, before=before,
                 after={**snapshot(mediation), "reason": mediation.mediator_reason})
    if mediator.user_id:
        send_notice(
            recipients=[mediator.user], kind=NOTICE_ASSIGNED, title=_("新的调解任务"),
            body=_("%(case)s 已指派您调解。") % {"case": mediation.case.reference}, case=mediation.case,
            url=mediation_url(mediation), acting_user=acting_user,
        )
    return mediation


def cancel_open_sessions(mediation: Mediation, reason: str) -> int:
    return mediation.sessions.filter(status=SessionStatus.SCHEDULED, scheduled_at__gt=timezone.now()).update(
        status=SessionStatus.CANCELLED, cancel_reason=reason[:300]
    )


@transaction.atomic
def mediation_record_refusal(*, mediation: Mediation, party: Party, acting_user, refused_on: dt.date | None = None,
                             note: str = "") -> Mediation:
    """A party clearly refuses mediation (人民调解法 第十七条: 不得调解): this channel ends (status "refused"), its court
    period is met and the labour "may apply for arbitration" clock is met at once. Where the dispute process allows
    it, the case leaves 调解中 by its "refuse_mediation" step: the mediation clock stops (so no overdue notice is
    ever raised for it) and the case waits at the center to choose the next route."""
    mediation = lock_mediation(mediation, acting_user)
    ensure_active(mediation)
    if party.case_id != mediation.case_id:
        raise ValidationFailed(_("请选择本案的当事人。"), field_errors={"party": [_("不是本案当事人")]})
    refused_on = refused_on or timezone.localdate()
    check_past_date(refused_on, field="refused_on", label=_("拒绝日期"), earliest=mediation.applied_on)
    note = clean_text(note, field="note", label=_("拒绝情况"))
    before = snapshot(mediation)
    mediation.status = MediationStatus.REFUSED
    mediation.refused_by = party
    mediation.refused_on = refused_on
    mediation.refusal_note = note
    mediation.ended_at = timezone.now()
    mediation.ended_by = acting_user
    mediation.save(update_fields=["status", "refused_by", "refused_on", "refusal_note", "ended_at", "ended_by"])
    cancelled = cancel_open_sessions(mediation, _("当事人拒绝调解"))
    close_court_period(mediation, ended_on=refused_on)
    text = _("当事人%(party)s（%(role)s）于%(date)s明确拒绝调解，本次%(channel)s终止（人民调解法第十七条）。") % {
        "party": party.name, "role": party.get_role_display(), "date": refused_on.isoformat(),
        "channel": mediation.get_channel_display()}
    if note:
        text += note
    labour = mediation.clocks.filter(kind=ClockKind.LABOUR_ARBITRATION, met_on__isnull=True).first()
    if labour is not None:  # 劳动争议调解仲裁法 第五条: 不愿调解的, the party may apply for arbitration at once
        labour.met_on = refused_on
        labour.save(update_fields=["met_on"])
    case = mediation.case
    returned = case_can_take(case, TransitionEffect.REFUSED, acting_user)
    if returned:  # the mediation step ends and its clock stops; the center chooses the next route
        text += _("案件退回中心另选途径。")
        case_transition(case=case, action=returned.action, acting_user=acting_user, note=text,
                        public_note=_("当事人拒绝调解，本次调解终止，中心将另行选择处理途径。"))
    else:
        record_event(case, actor=acting_user, action="mediation_refused", note=text,
                     data={"mediation": mediation.pk, "party": party.pk, "cancelled_sessions": cancelled})
    audit_record(actor=acting_user, action="mediation.refusal", obj=mediation, before=before,
                 after={**snapshot(mediation), "refused_on": refused_on.isoformat(), "cancelled_sessions": cancelled})
    return mediation

