"""Pausing and resuming the current step's clock, only on a lawful ground allowed in the step (PauseGround: 听证
only in 复核, 信访工作条例 第三十六条第二款; 鉴定评估 or the parties' agreement in mediation ...).

While paused the case shows "已暂停" instead of green/yellow/red and is never overdue. On resume the step's
deadline moves later by the time paused, counted in the rule's unit: working days paused for a working-day
rule (holidays are not counted), calendar days for a calendar-day rule."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases import events
from fengqiao.cases.choices import DeadlineUnit, EventKind, StateKind
from fengqiao.cases.deadlines import add_period, uncovered_warning
from fengqiao.cases.models import Case, ClockPause, PauseGround
from fengqiao.cases.permissions import can_manage
from fengqiao.cases.services.common import add_event, ensure_case_visible, lock_case, save_case, snapshot
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.worktime.calendar import working_days_between

MAX_TEXT = 2000
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def _fmt(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def paused_days(*, unit: str, started_at: dt.datetime, ended_at: dt.datetime) -> int:
    """Days a pause took, in the rule's unit: the working days (or calendar days) after the day it began, up to
    and including the day it ended. A pause that begins and ends on the same day moves nothing."""
    start, end = _local_date(started_at), _local_date(ended_at)
    if unit == DeadlineUnit.WORKING_DAYS:
        return working_days_between(start, end)
    return max((end - start).days, 0)


def _aware(value: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    if value is None:
        return now
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _prepare(case: Case, acting_user, expected_version: int | None) -> Case:
    ensure_case_visible(acting_user, case.pk)
    case = lock_case(case, expected_version)
    if not can_manage(acting_user, case):
        raise PermissionRefused(_("只有中心工作人员或领导可以暂停或恢复计时。"))
    return case


def pause_grounds_for(state_id: int) -> list[PauseGround]:
    """The lawful grounds for pausing the clock of this step."""
    return list(PauseGround.objects.filter(states__id=state_id, is_active=True).order_by("order", "id"))


def _lawful_ground(case: Case, code: str) -> PauseGround:
    """The ground named, if the law allows it in the case's step; a pause without one is refused."""
    allowed = pause_grounds_for(case.state_id)
    bases = "；".join(f"{g.name}：{g.legal_basis}" for g in allowed)
    if not code:
        hint = _("本环节可选的事由：%(list)s") % {"list": bases} if allowed else _("本环节没有可以暂停计时的法定事由")
        raise ValidationFailed(
            _("暂停计时须有法定事由（如信访工作条例 第三十六条第二款：听证所需时间不计算在复核期限内）。%(hint)s。")
            % {"hint": hint}, field_errors={"ground": [_("必填")]})
    ground = PauseGround.objects.filter(code=code, is_active=True).first()
    if ground is None:
        raise ValidationFailed(_("未知的暂停事由。"), field_errors={"ground": [_("未知")]})
    if ground not in allowed:
        raise TransitionRefused(
            _("“%(ground)s”不能在“%(state)s”环节暂停计时（%(basis)s）。") % {
                "ground": ground.name, "state": case.state.name, "basis": ground.legal_basis})
    return ground


@transaction.atomic
def case_clock_pause(*, case: Case, acting_user, reason: str, ground: str = "",
                     paused_at: dt.datetime | None = None, expected_version: int | None = None) -> ClockPause:
    """Pause the current step's clock on a lawful `ground` (a PauseGround code allowed in this step), e.g. a
    复核 hearing begins. `paused_at` records a pause that began earlier."""
    case = _prepare(case, acting_user, expected_version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("请填写暂停计时的理由。"), field_errors={"reason": [_("必填")]})
    if len(reason) > MAX_TEXT:
        raise ValidationFailed(_("理由过长（最多2000字）。"), field_errors={"reason": [_("过长")]})
    if case.state.kind != StateKind.OPEN or case.due_at is None or case.deadline_rule is None:
        raise TransitionRefused(_("当前环节没有正在计时的期限，无需暂停。"))
    if case.clock_paused_at is not None:
        raise TransitionRefused(_("本环节计时已于 %(at)s 暂停。") % {"at": _fmt(case.clock_paused_at)})
    lawful = _lawful_ground(case, ground)
    now = timezone.now()
    started = _aware(paused_at, now)
    if started > now + FUTURE_TOLERANCE:
        raise ValidationFailed(_("暂停时间不能晚于现在。"), field_errors={"paused_at": [_("不能晚于现在")]})
    if case.clock_started_at and started < case.clock_started_at:
        raise ValidationFailed(_("暂停时间不能早于本环节起算时间 %(at)s。") % {"at": _fmt(case.clock_started_at)},
                               field_errors={"paused_at": [_("日期过早")]})
    if started > case.due_at:
        raise TransitionRefused(_("本环节已于 %(due)s 到期，到期后不能再暂停计时。") % {"due": _fmt(case.due_at)})
    before = snapshot(case)
    pause = ClockPause.objects.create(case=case, state=case.state, started_at=started, reason=reason, ground=lawful,
                                      unit=case.deadline_rule.unit, started_by=acting_user)
    case.clock_paused_at = started
    save_case(case, ["clock_paused_at"])
    add_event(case, kind=EventKind.CLOCK, actor=acting_user, action="clock_pause", note=reason,
              public_note=_("自 %(at)s 起暂停计时（%(ground)s：%(reason)s；%(basis)s），暂停期间不计入办理期限。") % {
                  "at": _local_date(started).isoformat(), "ground": lawful.name, "reason": reason,
                  "basis": lawful.legal_basis},
              data={"pause": pause.pk, "ground": lawful.code, "started_at": started.isoformat()})
    audit_record(actor=acting_user, action="case.clock_pause", obj=case, before=before,
                 after={**snapshot(case), "paused_at": started.isoformat(), "ground": lawful.code, "reason": reason})
    events.publish(events.CaseClockPaused(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None), at=now, ground=lawful.code))
    return pause


@transaction.atomic
def case_clock_resume(*, case: Case, acting_user, note: str = "", resumed_at: dt.datetime | None = None,
                      expected_version: int | None = None) -> ClockPause:
    """Resume the clock; the deadline moves later by the days paused in the rule's unit."""
    case = _prepare(case, acting_user, expected_version)
    note = (note or "").strip()[:MAX_TEXT]
    pause = ClockPause.objects.filter(case=case, ended_at__isnull=True).first()
    if pause is None or case.clock_paused_at is None:
        raise TransitionRefused(_("本环节计时没有暂停。"))
    now = timezone.now()
    ended = _aware(resumed_at, now)
    if ended > now + FUTURE_TOLERANCE:
        raise ValidationFailed(_("恢复时间不能晚于现在。"), field_errors={"resumed_at": [_("不能晚于现在")]})
    if ended < pause.started_at:
        raise ValidationFailed(_("恢复时间不能早于暂停时间 %(at)s。") % {"at": _fmt(pause.started_at)},
                               field_errors={"resumed_at": [_("日期过早")]})
    before = snapshot(case)
    unit = pause.unit or (case.deadline_rule.unit if case.deadline_rule else DeadlineUnit.CALENDAR_DAYS)
    days = paused_days(unit=unit, started_at=pause.started_at, ended_at=ended)
    fields = ["clock_paused_at"]
    if days and case.due_at:
        old_due = case.due_at
        new_due, uncovered = add_period(start=old_due, amount=days, unit=unit)
        case.due_at = new_due
        if case.warn_at:
            case.warn_at = case.warn_at + (new_due - old_due)
        fields += ["due_at", "warn_at"]
        if uncovered:
            case.calendar_warning = uncovered_warning(uncovered)
            fields.append("calendar_warning")
    case.clock_paused_at = None
    pause.ended_at, pause.ended_by, pause.end_note, pause.days_added = ended, acting_user, note, days
    pause.save(update_fields=["ended_at", "ended_by", "end_note", "days_added"])
    save_case(case, fields)
    unit_label = DeadlineUnit(unit).label
    public = _("恢复计时：暂停 %(days)d 个%(unit)s不计入期限，本环节期限顺延至 %(due)s。") % {
        "days": days, "unit": unit_label, "due": _local_date(case.due_at).isoformat()} if case.due_at else ""
    add_event(case, kind=EventKind.CLOCK, actor=acting_user, action="clock_resume", note=note, public_note=public,
              data={"pause": pause.pk, "days": days, "unit": unit, "ended_at": ended.isoformat()})
    audit_record(actor=acting_user, action="case.clock_resume", obj=case, before=before,
                 after={**snapshot(case), "days": days, "unit": unit, "resumed_at": ended.isoformat()})
    events.publish(events.CaseClockResumed(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None), at=now))
    return pause


def end_pause_on_step_change(case: Case, *, acting_user, now: dt.datetime) -> list[str]:
    """A step that ends while paused closes its pause (the next step starts its own clock). Returns changed fields."""
    if case.clock_paused_at is None:
        return []
    ClockPause.objects.filter(case=case, ended_at__isnull=True).update(
        ended_at=now, ended_by=acting_user if getattr(acting_user, "pk", None) else None,
        end_note=_("环节已变更，暂停随之结束。"),
    )
    case.clock_paused_at = None
    return ["clock_paused_at"]
