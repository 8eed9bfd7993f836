"""Following up the performance of an agreement (履行回访; 人民调解法 第31条: the committee supervises
performance), and the periodic sweep: overdue instalments and session reminders."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.mediation.choices import AgreementStatus, InstalmentStatus, PerformanceResult, SessionStatus
from fengqiao.mediation.models import Instalment, MediationSession, PerformanceCheck
from fengqiao.mediation.selectors import supervision_recipients
from fengqiao.mediation.services.common import (
    NOTICE_SESSION,
    NOTICE_SUPERVISION,
    check_past_date,
    clean_text,
    ensure_can_act,
    record_event,
    send_notice,
)
from fengqiao.mediation.services.start import mediation_url

REMINDER_HOURS = 24


def _supervision_notice(instalment: Instalment, *, acting_user, reason: str) -> bool:
    mediation = instalment.agreement.mediation
    case = mediation.case
    return send_notice(
        recipients=supervision_recipients(case=case, mediation=mediation), kind=NOTICE_SUPERVISION,
        title=_("调解协议未按期履行，请督促履行"),
        body=_("%(case)s 调解协议书 %(number)s 第%(n)d期（%(what)s）应于 %(due)s 前履行，目前：%(status)s。") % {
            "case": case.reference, "number": instalment.agreement.number, "n": instalment.number,
            "what": instalment.description, "due": instalment.due_on.isoformat(),
            "status": instalment.get_status_display()},
        case=case, url=mediation_url(mediation), urgent=True, acting_user=acting_user,
    )


@transaction.atomic
def performance_check_record(*, instalment: Instalment, acting_user, result: str, note: str = "",
                             checked_on: dt.date | None = None) -> PerformanceCheck:
    ensure_can_act(acting_user, instalment.agreement.mediation.case)
    instalment = Instalment.objects.select_for_update(of=("self",)).select_related(
        "agreement__mediation__case", "agreement__mediation__mediator__user"
    ).get(pk=instalment.pk)
    agreement = instalment.agreement
    if not agreement.is_effective:
        raise TransitionRefused(_("调解协议生效后才能进行履行回访。"))
    if result not in PerformanceResult.values:
        raise ValidationFailed(_("请选择履行情况。"), field_errors={"result": [_("必选")]})
    checked_on = checked_on or timezone.localdate()
    check_past_date(checked_on, field="checked_on", label=_("回访日期"), earliest=agreement.signed_on)
    note = clean_text(note, field="note", label=_("回访情况"), required=result != PerformanceResult.PERFORMED)
    before = {"status": instalment.status, "last_checked_on": str(instalment.last_checked_on or "")}
    check = PerformanceCheck.objects.create(instalment=instalment, result=result, note=note, checked_on=checked_on,
                                            recorded_by=acting_user)
    instalment.status = result
    instalment.last_checked_on = checked_on
    fields = ["status", "last_checked_on"]
    broken = result != PerformanceResult.PERFORMED and checked_on >= instalment.due_on
    if broken and _supervision_notice(instalment, acting_user=acting_user, reason="check"):
        instalment.overdue_notified_at = timezone.now()
        fields.append("overdue_notified_at")
    instalment.save(update_fields=fields)
    text = _("履行回访（调解协议书 %(number)s 第%(n)d期，%(due)s 到期）：%(result)s。") % {
        "number": agreement.number, "n": instalment.number, "due": instalment.due_on.isoformat(),
        "result": check.get_result_display()}
    if broken:
        text += _("未按期全部履行，已提请督促履行。")
    record_event(agreement.mediation.case, actor=acting_user, action="mediation_performance_check",
                 note=f"{text}{note}", data={"agreement": agreement.pk, "instalment": instalment.pk, "result": result})
    audit_record(actor=acting_user, action="mediation.performance_check", obj=instalment, before=before,
                 after={"status": instalment.status, "checked_on": checked_on.isoformat(), "result": result})
    return check


@transaction.atomic
def performance_overdue_sweep(*, today: dt.date | None = None) -> int:
    """Instalments past their date and not performed: one supervision notice each (run daily by the system)."""
    today = today or timezone.localdate()
    overdue = (
        Instalment.objects.select_for_update(of=("self",))
        .filter(agreement__status=AgreementStatus.EFFECTIVE, due_on__lt=today, overdue_notified_at__isnull=True)
        .exclude(status=InstalmentStatus.PERFORMED)
        .select_related("agreement__mediation__case", "agreement__mediation__mediator__user")
    )
    count = 0
    for instalment in overdue:
        if not _supervision_notice(instalment, acting_user=None, reason="sweep"):
            continue
        instalment.overdue_notified_at = timezone.now()
        instalment.save(update_fields=["overdue_notified_at"])
        case = instalment.agreement.mediation.case
        record_event(case, actor=None, action="mediation_performance_overdue",
                     note=_("调解协议书 %(number)s 第%(n)d期应于 %(due)s 前履行，逾期未回访确认履行，已提请督促。") % {
                         "number": instalment.agreement.number, "n": instalment.number,
                         "due": instalment.due_on.isoformat()},
                     data={"instalment": instalment.pk})
        audit_record(actor=None, action="mediation.performance_overdue_notice", obj=instalment,
                     after={"due_on": instalment.due_on.isoformat(), "status": instalment.status})
        count += 1
    return count


@transaction.atomic
def session_reminders_send(*, now: dt.datetime | None = None, hours: int = REMINDER_HOURS) -> int:
    """Remind the staff taking part (and the mediator) of sessions in the next `hours` hours, once each."""
    now = now or timezone.now()
    upcoming = (
        MediationSession.objects.select_for_update(of=("self",))
        .filter(status=SessionStatus.SCHEDULED, reminder_sent_at__isnull=True, scheduled_at__gt=now,
                scheduled_at__lte=now + dt.timedelta(hours=hours))
        .select_related("mediation__case", "mediation__mediator__user")
    )
    count = 0
    for session in upcoming:
        mediation = session.mediation
        recipients = list(session.staff_participants.all())
        if mediation.mediator is not None and mediation.mediator.user is not None:
            recipients.append(mediation.mediator.user)
        when = timezone.localtime(session.scheduled_at).strftime("%Y-%m-%d %H:%M")
        queued = send_notice(
            recipients=recipients, kind=NOTICE_SESSION, title=_("调解会议提醒"),
            body=_("%(case)s 第%(n)d次调解：%(when)s，%(place)s。") % {
                "case": mediation.case.reference, "n": session.number, "when": when, "place": session.place},
            case=mediation.case, url=mediation_url(mediation),
        )
        if queued:
            session.reminder_sent_at = now
            session.save(update_fields=["reminder_sent_at"])
            count += 1
    return count
