"""The mediation agreement (调解协议书): draft, signature (the effective date starts the judicial-confirmation
window of 人民调解法 第33条), and the judicial confirmation itself."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases.choices import TransitionEffect
from fengqiao.cases.services import case_transition
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.mediation.choices import (
    AgreementStatus,
    ClockKind,
    ConfirmationResult,
    MediationStatus,
)
from fengqiao.mediation.deadlines import clock_rule, compute_clock
from fengqiao.mediation.models import Agreement, Instalment, Mediation, Organisation
from fengqiao.mediation.services.common import (
    MAX_LONG_TEXT,
    NOTICE_FOLLOWUP,
    check_past_date,
    clean_text,
    ensure_active,
    ensure_can_act,
    lock_mediation,
    record_event,
    send_notice,
)
from fengqiao.mediation.services.court_referral import close_court_period
from fengqiao.mediation.services.start import (
    cancel_open_sessions,
    case_step,
    mediation_url,
    snapshot,
)

MAX_TERMS = 50
MAX_TERM_LENGTH = 2000
MAX_INSTALMENTS = 60
LONGEST_PERFORMANCE = dt.timedelta(days=3660)


@dataclass(frozen=True)
class InstalmentInput:
    due_on: dt.date
    description: str


def agreement_snapshot(agreement: Agreement) -> dict:
    return {
        "number": agreement.number, "status": agreement.status, "terms": len(agreement.terms or []),
        "performance_deadline": agreement.performance_deadline.isoformat() if agreement.performance_deadline else None,
        "signed_on": agreement.signed_on.isoformat() if agreement.signed_on else None,
        "judicial_confirmation_due": agreement.judicial_confirmation_due.isoformat()
        if agreement.judicial_confirmation_due else None,
        "confirmation_applied_on": agreement.confirmation_applied_on.isoformat()
        if agreement.confirmation_applied_on else None,
        "confirmation_result": agreement.confirmation_result,
    }


def _clean_terms(terms: Iterable[str]) -> list[str]:
    cleaned = [t.strip() for t in (terms or []) if t and t.strip()]
    if not cleaned:
        raise ValidationFailed(_("调解协议至少要写明一条协议内容。"), field_errors={"terms": [_("必填")]})
    if len(cleaned) > MAX_TERMS:
        raise ValidationFailed(_("协议内容最多%(n)d条。") % {"n": MAX_TERMS}, field_errors={"terms": [_("过多")]})
    if any(len(t) > MAX_TERM_LENGTH for t in cleaned):
        raise ValidationFailed(_("每条协议内容最多%(n)d字。") % {"n": MAX_TERM_LENGTH}, field_errors={"terms": [_("过长")]})
    return cleaned


def _check_performance_date(value: dt.date, *, field: str, earliest: dt.date) -> None:
    if value < earliest:
        raise ValidationFailed(
            _("履行期限不能早于%(date)s。") % {"date": earliest.isoformat()}, field_errors={field: [_("日期过早")]}
        )
    if value > timezone.localdate() + LONGEST_PERFORMANCE:
        raise ValidationFailed(_("履行期限不能超过十年。"), field_errors={field: [_("日期过晚")]})


def _clean_instalments(instalments: Iterable[InstalmentInput], *, deadline: dt.date | None, method: str,
                       earliest: dt.date) -> list[InstalmentInput]:
    items = list(instalments or [])
    if len(items) > MAX_INSTALMENTS:
        raise ValidationFailed(_("分期最多%(n)d期。") % {"n": MAX_INSTALMENTS}, field_errors={"instalments": [_("过多")]})
    cleaned = []
    for item in items:
        description = clean_text(item.description, field="instalments", label=_("分期履行内容"), required=True,
                                 max_length=300)
        _check_performance_date(item.due_on, field="instalments", earliest=earliest)
        cleaned.append(InstalmentInput(due_on=item.due_on, description=description))
    if not cleaned:
        if deadline is None:
            raise ValidationFailed(
                _("请填写履行期限（一次履行）或分期履行安排。"), field_errors={"performance_deadline": [_("必填")]}
            )
        cleaned = [InstalmentInput(due_on=deadline, description=method[:300])]
    cleaned.sort(key=lambda i: i.due_on)
    if deadline is not None and cleaned[-1].due_on > deadline:
        raise ValidationFailed(_("分期履行的日期不能晚于履行期限。"), field_errors={"instalments": [_("晚于履行期限")]})
    return cleaned


def _next_number(organisation: Organisation, year: int) -> str:
    if connection.features.has_select_for_update:
        Organisation.objects.select_for_update().only("pk").filter(pk=organisation.pk).first()
    prefix = f"（{year}）{organisation.document_prefix}调字第"
    sequence = Agreement.objects.filter(number__startswith=prefix).count() + 1
    while Agreement.objects.filter(number=f"{prefix}{sequence:04d}号").exists():
        sequence += 1
    return f"{prefix}{sequence:04d}号"


@transaction.atomic
def agreement_draft(*, mediation: Mediation, acting_user, facts: str, terms: Iterable[str],
                    performance_method: str, performance_deadline: dt.date | None = None,
                    instalments: Iterable[InstalmentInput] = ()) -> Agreement:
    """Write (or rewrite) the agreement to be signed. It takes effect only when signed (agreement_sign)."""
    mediation = lock_mediation(mediation, acting_user)
    ensure_active(mediation)
    existing = Agreement.objects.filter(mediation=mediation).first()
    if existing is not None and existing.is_effective:
        raise TransitionRefused(_("调解协议已生效，不能再修改。"))
    facts = clean_text(facts, field="facts", label=_("纠纷事实"), required=True, max_length=MAX_LONG_TEXT)
    cleaned_terms = _clean_terms(terms)
    method = clean_text(performance_method, field="performance_method", label=_("履行方式"), required=True,
                        max_length=MAX_TERM_LENGTH)
    if performance_deadline is not None:
        _check_performance_date(performance_deadline, field="performance_deadline", earliest=mediation.applied_on)
    plan = _clean_instalments(instalments, deadline=performance_deadline, method=method, earliest=mediation.applied_on)
    now = timezone.now()
    before = agreement_snapshot(existing) if existing else None
    agreement = existing or Agreement(
        mediation=mediation, number=_next_number(mediation.organisation, timezone.localdate().year)
    )
    agreement.facts = facts
    agreement.terms = cleaned_terms
    agreement.performance_method = method
    agreement.performance_deadline = performance_deadline or plan[-1].due_on
    agreement.drafted_by = acting_user
    agreement.drafted_at = now
    agreement.save()
    agreement.instalments.all().delete()
    Instalment.objects.bulk_create([
        Instalment(agreement=agreement, number=i, description=item.description, due_on=item.due_on)
        for i, item in enumerate(plan, start=1)
    ])
    record_event(mediation.case, actor=acting_user, action="mediation_agreement_draft",
                 note=_("%(verb)s调解协议书 %(number)s（共%(terms)d条，%(n)d期履行），待各方签署。") % {
                     "verb": _("修改") if existing else _("制作"), "number": agreement.number,
                     "terms": len(cleaned_terms), "n": len(plan)},
                 data={"mediation": mediation.pk, "agreement": agreement.pk})
    audit_record(actor=acting_user, action="mediation.agreement_draft", obj=agreement, before=before,
                 after=agreement_snapshot(agreement))
    return agreement


def _lock_agreement(agreement: Agreement, acting_user) -> tuple[Mediation, Agreement]:
    mediation = lock_mediation(agreement.mediation, acting_user)
    return mediation, Agreement.objects.get(pk=agreement.pk)


@transaction.atomic
def agreement_sign(*, agreement: Agreement, acting_user, signed_on: dt.date) -> Agreement:
    """Record that every party signed and the committee sealed the agreement on `signed_on` (人民调解法 第29条):
    the agreement takes effect, the mediation succeeds, the judicial-confirmation window opens and the case
    moves to 调解成功 where its process allows."""
    mediation, agreement = _lock_agreement(agreement, acting_user)
    ensure_active(mediation)
    if agreement.is_effective:
        raise TransitionRefused(_("调解协议已生效。"))
    if not isinstance(signed_on, dt.date):
        raise ValidationFailed(_("请填写签署日期。"), field_errors={"signed_on": [_("必填")]})
    check_past_date(signed_on, field="signed_on", label=_("签署日期"), earliest=mediation.applied_on)
    first_due = agreement.instalments.order_by("due_on").values_list("due_on", flat=True).first()
    if first_due is not None and first_due < signed_on:
        raise ValidationFailed(
            _("履行期限（%(date)s）早于签署日期，请先修改协议。") % {"date": first_due.isoformat()},
            field_errors={"signed_on": [_("晚于履行期限")]},
        )
    before = agreement_snapshot(agreement)
    rule = clock_rule(ClockKind.JUDICIAL_CONFIRMATION)
    agreement.status = AgreementStatus.EFFECTIVE
    agreement.signed_on = signed_on
    agreement.signed_recorded_by = acting_user
    if rule.is_active:
        clock = compute_clock(kind=ClockKind.JUDICIAL_CONFIRMATION, start_on=signed_on, rule=rule)
        agreement.judicial_confirmation_due = clock.end_on
        agreement.judicial_confirmation_warn_on = clock.warn_on
        agreement.judicial_confirmation_basis = clock.legal_basis
        agreement.calendar_warning = clock.calendar_warning
    agreement.save()
    mediation_before = snapshot(mediation)
    mediation.status = MediationStatus.SUCCEEDED
    mediation.ended_at = timezone.now()
    mediation.ended_by = acting_user
    mediation.save(update_fields=["status", "ended_at", "ended_by"])
    cancel_open_sessions(mediation, _("已达成调解协议"))
    close_court_period(mediation, ended_on=signed_on)
    case = mediation.case
    note = _("调解成功：调解协议书 %(number)s 于 %(date)s 签署生效。") % {
        "number": agreement.number, "date": signed_on.isoformat()}
    if agreement.judicial_confirmation_due:
        note += _("双方认为有必要的，可在 %(due)s 前共同向人民法院申请司法确认。") % {
            "due": agreement.judicial_confirmation_due.isoformat()}
    public = _("调解成功，调解协议已于%(date)s生效。") % {"date": signed_on.isoformat()}
    step = case_step(case, TransitionEffect.SETTLE)
    if step is not None:
        case_transition(case=case, action=step.action, acting_user=acting_user, note=note, public_note=public)
    else:
        record_event(case, actor=acting_user, action="mediation_agreement_effective", note=note, public_note=public,
                     data={"mediation": mediation.pk, "agreement": agreement.pk})
    audit_record(actor=acting_user, action="mediation.agreement_sign", obj=agreement, before=before,
                 after=agreement_snapshot(agreement))
    audit_record(actor=acting_user, action="mediation.succeed", obj=mediation, before=mediation_before,
                 after=snapshot(mediation))
    mediator = mediation.mediator
    recipients = [mediator.user] if mediator is not None and mediator.user is not None else []
    if case.lead_user is not None:
        recipients.append(case.lead_user)
    send_notice(
        recipients=[u for u in recipients if u.pk != acting_user.pk], kind=NOTICE_FOLLOWUP,
        title=_("调解协议已生效"), body=note, case=case, url=mediation_url(mediation), acting_user=acting_user,
    )
    return agreement


@transaction.atomic
def agreement_record_confirmation(*, agreement: Agreement, acting_user, applied_on: dt.date, court: str,
                                  result: str = ConfirmationResult.PENDING, result_on: dt.date | None = None,
                                  note: str = "") -> Agreement:
    """Record the joint application for judicial confirmation (and later the court's ruling)."""
    ensure_can_act(acting_user, agreement.mediation.case)
    agreement = Agreement.objects.select_related("mediation__case").get(pk=agreement.pk)
    if not agreement.is_effective:
        raise TransitionRefused(_("调解协议生效后才能申请司法确认。"))
    if not isinstance(applied_on, dt.date):
        raise ValidationFailed(_("请填写申请日期。"), field_errors={"applied_on": [_("必填")]})
    check_past_date(applied_on, field="applied_on", label=_("申请日期"), earliest=agreement.signed_on)
    court = clean_text(court, field="court", label=_("受理法院"), required=True, max_length=100)
    if result not in ConfirmationResult.values:
        raise ValidationFailed(_("未知的司法确认结果。"), field_errors={"result": [_("未知")]})
    if result == ConfirmationResult.PENDING:
        result_on = None
    else:
        if result_on is None:
            raise ValidationFailed(_("请填写法院裁定日期。"), field_errors={"result_on": [_("必填")]})
        check_past_date(result_on, field="result_on", label=_("裁定日期"), earliest=applied_on)
    note = clean_text(note, field="note", label=_("说明"))
    before = agreement_snapshot(agreement)
    agreement.confirmation_applied_on = applied_on
    agreement.confirmation_court = court
    agreement.confirmation_result = result
    agreement.confirmation_result_on = result_on
    agreement.confirmation_note = note
    agreement.save(update_fields=["confirmation_applied_on", "confirmation_court", "confirmation_result",
                                  "confirmation_result_on", "confirmation_note"])
    due = agreement.judicial_confirmation_due
    late = due is not None and applied_on > due
    text = _("%(date)s 向%(court)s申请司法确认（%(result)s）。") % {
        "date": applied_on.isoformat(), "court": court, "result": agreement.get_confirmation_result_display()}
    if late and due is not None:
        text += _("注意：申请日晚于 %(due)s 的申请期限。") % {"due": due.isoformat()}
    record_event(agreement.mediation.case, actor=acting_user, action="mediation_judicial_confirmation",
                 note=f"{text}{note}", data={"agreement": agreement.pk, "result": result, "late": late})
    audit_record(actor=acting_user, action="mediation.judicial_confirmation", obj=agreement, before=before,
                 after={**agreement_snapshot(agreement), "late": late})
    return agreement
