"""Labour disputes: recording the limitation inputs (劳动争议调解仲裁法 第二十七条) and a referral to labour arbitration
with its clocks (第二十九条 5 days to accept; 第四十三条 45 days to award, +15 approved; 第四十八条、第五十条 15 days
to sue) and its outcome, each written back to the case's timeline."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases.models import Case
from fengqiao.cases.services import case_lock
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.mediation.choices import AWARD_OUTCOMES, ArbitrationOutcome, ClockKind
from fengqiao.mediation.deadlines import clock_rule, compute_clock
from fengqiao.mediation.labour import Limitation, compute_limitation
from fengqiao.mediation.models import ArbitrationReferral, LabourLimitation, Mediation, MediationClock
from fengqiao.mediation.services.common import check_past_date, clean_text, ensure_can_act, record_event


def is_labour_case(case: Case) -> bool:
    """The labour clocks apply (their rule's dispute types: seeded 劳动争议)."""
    code = case.dispute_type.code if case.dispute_type is not None else None
    rule = clock_rule(ClockKind.LABOUR_LIMITATION)
    return rule.is_active and bool(rule.dispute_type_codes) and rule.applies_to(code)


def _ensure_labour(case: Case) -> None:
    if not is_labour_case(case):
        raise TransitionRefused(_("仅劳动争议适用劳动争议调解仲裁法的时效和仲裁期限。"))


def limitation_for(case: Case, *, today: dt.date | None = None) -> Limitation | None:
    """The limitation as it stands today, or None before staff have recorded its inputs."""
    row = LabourLimitation.objects.filter(case=case).first()
    if row is None:
        return None
    recorded = [dt.date.fromisoformat(item["on"]) for item in row.interruptions or []]
    applied = list(Mediation.objects.filter(case=case).values_list("applied_on", flat=True))
    return compute_limitation(knew_on=row.knew_on, interruptions=[*recorded, *applied],
                              wage_arrears_in_employment=row.wage_arrears_in_employment,
                              employment_ended_on=row.employment_ended_on, today=today or timezone.localdate())


@transaction.atomic
def labour_limitation_record(*, case: Case, acting_user, knew_on: dt.date, wage_arrears_in_employment: bool = False,
                             employment_ended_on: dt.date | None = None, interruption_on: dt.date | None = None,
                             interruption_reason: str = "", note: str = "") -> LabourLimitation:
    """Record (or correct) what the one-year limitation counts from; optionally add one interruption."""
    ensure_can_act(acting_user, case)
    case = case_lock(case=case)
    _ensure_labour(case)
    check_past_date(knew_on, field="knew_on", label=_("知道或者应当知道权利被侵害之日"))
    if employment_ended_on is not None:
        check_past_date(employment_ended_on, field="employment_ended_on", label=_("劳动关系终止之日"))
    note = clean_text(note, field="note", label=_("说明"))
    row = LabourLimitation.objects.filter(case=case).first() or LabourLimitation(case=case, knew_on=knew_on)
    before = {"knew_on": row.knew_on.isoformat(), "interruptions": list(row.interruptions or [])} if row.pk else None
    row.knew_on, row.wage_arrears_in_employment, row.employment_ended_on = knew_on, wage_arrears_in_employment, employment_ended_on
    row.note, row.recorded_by = note, acting_user
    if interruption_on is not None:
        check_past_date(interruption_on, field="interruption_on", label=_("时效中断之日"), earliest=knew_on)
        reason = clean_text(interruption_reason, field="interruption_reason", label=_("中断事由"), required=True,
                            max_length=200)
        row.interruptions = [*(row.interruptions or []), {"on": interruption_on.isoformat(), "reason": reason}]
    row.save()
    limitation = limitation_for(case)
    assert limitation is not None  # its inputs were just saved
    record_event(case, actor=acting_user, action="labour_limitation", note=_("劳动争议仲裁时效：%(text)s") % {
        "text": limitation.explanation}, data={"knew_on": knew_on.isoformat(),
                                               "end_on": limitation.end_on.isoformat() if limitation.end_on else None})
    audit_record(actor=acting_user, action="mediation.labour_limitation", obj=row, before=before,
                 after={"knew_on": knew_on.isoformat(), "wage_arrears_in_employment": wage_arrears_in_employment,
                        "employment_ended_on": employment_ended_on.isoformat() if employment_ended_on else None,
                        "interruptions": list(row.interruptions)})
    return row


def _snapshot(referral: ArbitrationReferral) -> dict:
    return {key: (value.isoformat() if isinstance(value, dt.date) else value) for key, value in {
        "commission": referral.commission, "applied_on": referral.applied_on, "accept_due": referral.accept_due,
        "accepted_on": referral.accepted_on, "award_due": referral.award_due, "extended_on": referral.extended_on,
        "outcome": referral.outcome, "outcome_on": referral.outcome_on,
        "award_received_on": referral.award_received_on, "suit_due": referral.suit_due}.items()}


def _lock_referral(referral: ArbitrationReferral, acting_user) -> ArbitrationReferral:
    ensure_can_act(acting_user, referral.case)
    case_lock(case=referral.case)
    referral = ArbitrationReferral.objects.select_related("case").get(pk=referral.pk)
    if not referral.is_open:
        raise TransitionRefused(_("该劳动仲裁已有结果（%(outcome)s）。") % {"outcome": referral.get_outcome_display()})
    return referral


@transaction.atomic
def arbitration_refer(*, case: Case, acting_user, commission: str, applied_on: dt.date,
                      mediation: Mediation | None = None, note: str = "") -> ArbitrationReferral:
    """The party applied for labour arbitration (the commission received it on `applied_on`): the commission decides
    within 5 days whether to accept (第二十九条). The mediation's "may apply after 15 days" clock (第十四条) is met."""
    ensure_can_act(acting_user, case)
    case = case_lock(case=case)
    _ensure_labour(case)
    commission = clean_text(commission, field="commission", label=_("劳动人事争议仲裁委员会"), required=True, max_length=100)
    check_past_date(applied_on, field="applied_on", label=_("仲裁委收到申请之日"))
    note = clean_text(note, field="note", label=_("说明"))
    if ArbitrationReferral.objects.filter(case=case, outcome="").exists():
        raise TransitionRefused(_("该案件已有进行中的劳动仲裁，请先记录其结果。"))
    if mediation is None:  # the referral follows the case's latest mediation (the one that failed or was refused)
        mediation = case.mediations.order_by("-applied_on", "-pk").first()
    clock = compute_clock(kind=ClockKind.LABOUR_ACCEPTANCE, start_on=applied_on)
    referral = ArbitrationReferral.objects.create(case=case, mediation=mediation, commission=commission,
                                                  applied_on=applied_on, accept_due=clock.end_on,
                                                  calendar_warning=clock.calendar_warning, note=note,
                                                  created_by=acting_user)
    MediationClock.objects.filter(mediation__case=case, kind=ClockKind.LABOUR_ARBITRATION, met_on__isnull=True).update(
        met_on=applied_on)
    text = _("当事人已向%(commission)s申请劳动仲裁（%(applied)s收到），仲裁委应于 %(due)s 前决定是否受理"
             "（劳动争议调解仲裁法 第二十九条；逾期未决定的，可以向人民法院起诉）。") % {
        "commission": commission, "applied": applied_on.isoformat(), "due": clock.end_on.isoformat()}
    limitation = limitation_for(case, today=applied_on)
    if limitation is not None and limitation.expired and limitation.end_on is not None:  # an expired one has its end
        text += _("注意：按记录的日期，仲裁时效已于 %(end)s 届满（第二十七条），是否受理由仲裁委依法决定。") % {
            "end": limitation.end_on.isoformat()}
    record_event(case, actor=acting_user, action="arbitration_refer", note=text,
                 public_note=_("您的劳动争议已申请劳动仲裁（%(commission)s）。") % {"commission": commission},
                 data={"referral": referral.pk})
    audit_record(actor=acting_user, action="mediation.arbitration_refer", obj=referral, after=_snapshot(referral))
    return referral


@transaction.atomic
def arbitration_accept(*, referral: ArbitrationReferral, acting_user, accepted_on: dt.date) -> ArbitrationReferral:
    """The commission accepted the application: the award is due within 45 days (第四十三条)."""
    referral = _lock_referral(referral, acting_user)
    if referral.accepted_on is not None:
        raise TransitionRefused(_("已记录受理。"))
    check_past_date(accepted_on, field="accepted_on", label=_("受理之日"), earliest=referral.applied_on)
    before = _snapshot(referral)
    clock = compute_clock(kind=ClockKind.LABOUR_AWARD, start_on=accepted_on)
    referral.accepted_on, referral.award_due, referral.calendar_warning = accepted_on, clock.end_on, clock.calendar_warning
    referral.save(update_fields=["accepted_on", "award_due", "calendar_warning"])
    late = _("（晚于第二十九条的五日期限）") if accepted_on > referral.accept_due else ""
    record_event(referral.case, actor=acting_user, action="arbitration_accept",
                 note=_("%(commission)s于%(day)s受理仲裁申请%(late)s，应于 %(due)s 前结案（劳动争议调解仲裁法 第四十三条）。") % {
                     "commission": referral.commission, "day": accepted_on.isoformat(), "late": late,
                     "due": clock.end_on.isoformat()}, data={"referral": referral.pk})
    audit_record(actor=acting_user, action="mediation.arbitration_accept", obj=referral, before=before,
                 after=_snapshot(referral))
    return referral


@transaction.atomic
def arbitration_extend(*, referral: ArbitrationReferral, acting_user, extended_on: dt.date,
                       note: str) -> ArbitrationReferral:
    """The commission's chair approved an extension for a complex case: at most 15 more days, once (第四十三条)."""
    referral = _lock_referral(referral, acting_user)
    if referral.accepted_on is None:
        raise TransitionRefused(_("仲裁申请尚未受理，不能延期。"))
    if referral.extended_on is not None:
        raise TransitionRefused(_("裁决期限已延长过一次，延长期限不得超过十五日（劳动争议调解仲裁法 第四十三条）。"))
    check_past_date(extended_on, field="extended_on", label=_("批准延期之日"), earliest=referral.accepted_on)
    note = clean_text(note, field="extension_note", label=_("延期说明（经仲裁委主任批准并书面通知当事人）"), required=True,
                      max_length=300)
    before = _snapshot(referral)
    rule = clock_rule(ClockKind.LABOUR_AWARD_EXTENSION)
    assert referral.award_due is not None  # set with accepted_on when the application was accepted
    clock = compute_clock(kind=ClockKind.LABOUR_AWARD_EXTENSION, start_on=referral.award_due, rule=rule)
    referral.award_due, referral.extended_on, referral.extension_note = clock.end_on, extended_on, note
    referral.save(update_fields=["award_due", "extended_on", "extension_note"])
    record_event(referral.case, actor=acting_user, action="arbitration_extend",
                 note=_("仲裁委主任批准延期%(days)d日，裁决期限延至 %(due)s（第四十三条）：%(note)s") % {
                     "days": rule.duration, "due": clock.end_on.isoformat(), "note": note}, data={"referral": referral.pk})
    audit_record(actor=acting_user, action="mediation.arbitration_extend", obj=referral, before=before,
                 after=_snapshot(referral))
    return referral


@transaction.atomic
def arbitration_outcome(*, referral: ArbitrationReferral, acting_user, outcome: str, outcome_on: dt.date,
                        award_received_on: dt.date | None = None, note: str = "") -> ArbitrationReferral:
    """How the arbitration ended, back on the case. After an award a party may sue within 15 days of receiving it
    (第四十八条 for a final award, by the worker only; 第五十条 for other awards)."""
    referral = _lock_referral(referral, acting_user)
    if outcome not in ArbitrationOutcome.values:
        raise ValidationFailed(_("未知的仲裁结果。"), field_errors={"outcome": [_("未知")]})
    check_past_date(outcome_on, field="outcome_on", label=_("结果日期"), earliest=referral.applied_on)
    note = clean_text(note, field="note", label=_("说明"))
    if outcome != ArbitrationOutcome.NOT_ACCEPTED and outcome != ArbitrationOutcome.WITHDRAWN and referral.accepted_on is None:
        raise TransitionRefused(_("请先记录仲裁委受理仲裁申请。"))
    before = _snapshot(referral)
    referral.outcome, referral.outcome_on = outcome, outcome_on
    text = _("劳动仲裁结果（%(commission)s，%(day)s）：%(outcome)s。") % {
        "commission": referral.commission, "day": outcome_on.isoformat(), "outcome": ArbitrationOutcome(outcome).label}
    if outcome in AWARD_OUTCOMES:
        if award_received_on is None:
            raise ValidationFailed(_("请填写收到仲裁裁决书之日：起诉期限自该日起算（劳动争议调解仲裁法 第四十八条、第五十条）。"),
                                   field_errors={"award_received_on": [_("必填")]})
        check_past_date(award_received_on, field="award_received_on", label=_("收到裁决书之日"), earliest=outcome_on)
        clock = compute_clock(kind=ClockKind.LABOUR_SUIT, start_on=award_received_on)
        referral.award_received_on, referral.suit_due = award_received_on, clock.end_on
        referral.calendar_warning = clock.calendar_warning
        who = (_("劳动者不服的") if outcome == ArbitrationOutcome.FINAL_AWARD else _("当事人不服的"))
        text += _("%(who)s，可以自收到裁决书之日（%(received)s）起十五日内、即 %(due)s 前向人民法院提起诉讼；"
                  "期满不起诉的，裁决书发生法律效力。") % {"who": who, "received": award_received_on.isoformat(),
                                                 "due": clock.end_on.isoformat()}
    elif outcome == ArbitrationOutcome.NOT_ACCEPTED:
        text += _("仲裁委不予受理的，申请人可以就该劳动争议事项向人民法院提起诉讼（第二十九条）。")
    if note:
        text += note
    referral.save(update_fields=["outcome", "outcome_on", "award_received_on", "suit_due", "calendar_warning"])
    record_event(referral.case, actor=acting_user, action="arbitration_outcome", note=text,
                 public_note=_("您的劳动仲裁结果：%(outcome)s。") % {"outcome": ArbitrationOutcome(outcome).label},
                 data={"referral": referral.pk, "outcome": outcome})
    audit_record(actor=acting_user, action="mediation.arbitration_outcome", obj=referral, before=before,
                 after=_snapshot(referral))
    return referral
