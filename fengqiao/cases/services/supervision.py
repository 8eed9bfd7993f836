"""督办: automatic notices for overdue steps and co-handlers' tasks, and formal notices asking for a written reply.

The periodic check (tasks.supervise_overdue) raises at most one automatic notice per case step and due date
(and per co-handler task and due date); a constraint keeps it so even when two checks run at once."""
from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases import events
from fengqiao.cases.choices import (
    AssignmentRole,
    AssignmentStatus,
    DeadlineUnit,
    EventKind,
    StateKind,
    SupervisionKind,
)
from fengqiao.cases.deadlines import add_period
from fengqiao.cases.models import Assignment, Case, Supervision
from fengqiao.cases.permissions import can_manage
from fengqiao.cases.services.common import add_event, ensure_case_visible, lock_case
from fengqiao.cases.services.joint import clean_text, is_co_handler
from fengqiao.cases.services.notices import (
    NOTICE_SUPERVISION,
    case_handlers,
    notify_after_commit,
    superiors,
    task_handlers,
)
from fengqiao.core.errors import NotFoundError, PermissionRefused, TransitionRefused, ValidationFailed

logger = logging.getLogger("fengqiao.cases")
MAX_REPLY_DAYS = 30


def _fmt(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"


# ---------------------------------------------------------------- automatic (the periodic check)


def _overdue_steps(now: dt.datetime):
    noticed = Supervision.objects.filter(case_id=OuterRef("pk"), kind=SupervisionKind.AUTO, assignment__isnull=True,
                                         state_id=OuterRef("state_id"), step_due_at=OuterRef("due_at"))
    return (
        Case.objects.filter(state__kind=StateKind.OPEN, due_at__lt=now, clock_paused_at__isnull=True)
        .exclude(Exists(noticed))
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)
    )


def _overdue_tasks(now: dt.datetime):
    noticed = Supervision.objects.filter(assignment_id=OuterRef("pk"), kind=SupervisionKind.AUTO,
                                         step_due_at=OuterRef("due_at"))
    return (
        Assignment.objects.filter(role=AssignmentRole.CO, status=AssignmentStatus.ACTIVE, due_at__lt=now,
                                  case__state__kind=StateKind.OPEN)
        .exclude(Exists(noticed))
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)
    )


def sweep_batch(what: str, now: dt.datetime) -> str:
    """The batch of one run of the check: its notices show as one line of each recipient's inbox."""
    return f"overdue-{what}:{now.isoformat(timespec='seconds')}"


def _create_once(**values) -> Supervision | None:
    try:
        with transaction.atomic():
            return Supervision.objects.create(**values)
    except IntegrityError:  # another check raised the same notice first
        return None


@transaction.atomic
def _raise_for_step(*, case_id: int, now: dt.datetime) -> Supervision | None:
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return None
    case = lock_case(case, None)
    if case.state.kind != StateKind.OPEN or case.due_at is None or case.due_at >= now or case.clock_paused_at:
        return None
    late = now - case.due_at
    reason = _("“%(state)s”环节已于 %(due)s 到期，超期 %(days)d 日仍未办结，请抓紧办理并说明情况。") % {
        "state": case.state.name, "due": _fmt(case.due_at), "days": late.days}
    notice = _create_once(case=case, kind=SupervisionKind.AUTO, state=case.state, step_due_at=case.due_at,
                          to_department=case.lead_department, to_user=case.lead_user, raised_at=now, reason=reason)
    if notice is None:
        return None
    add_event(case, kind=EventKind.SUPERVISION, actor=None, action="supervision_auto", note=reason,
              data={"supervision": notice.pk, "state": case.state.code, "due_at": case.due_at.isoformat()})
    audit_record(actor=None, action="case.supervision_auto", obj=case,
                 after={"supervision": notice.pk, "state": case.state.code, "due_at": case.due_at.isoformat()})
    notify_after_commit(
        recipients=[*case_handlers(case), *superiors(case)], kind=NOTICE_SUPERVISION, case=case,
        title=_("超期督办：%(ref)s %(state)s") % {"ref": case.reference, "state": case.state.name}, body=reason,
        batch=sweep_batch("steps", now), batch_url=f"{reverse('cases:list')}?overdue=1",
    )
    events.publish(events.SupervisionRaised(case_id=case.pk, at=now, supervision_id=notice.pk, kind=notice.kind))
    return notice


@transaction.atomic
def _raise_for_task(*, assignment_id: int, now: dt.datetime) -> Supervision | None:
    task = Assignment.objects.select_related("case", "department", "user").filter(pk=assignment_id).first()
    if task is None:
        return None
    case = lock_case(task.case, None)
    task.refresh_from_db(fields=["status", "due_at"])
    if task.status != AssignmentStatus.ACTIVE or task.due_at is None or task.due_at >= now or case.state.kind != StateKind.OPEN:
        return None
    reason = _("协办任务（%(who)s）已于 %(due)s 到期仍未完成：%(task)s") % {
        "who": task.handler_label, "due": _fmt(task.due_at), "task": task.task or task.note or _("配合主办单位处置")}
    notice = _create_once(case=case, kind=SupervisionKind.AUTO, state=case.state, step_due_at=task.due_at, assignment=task,
                          to_department=task.department, to_user=task.user, raised_at=now, reason=reason)
    if notice is None:
        return None
    add_event(case, kind=EventKind.SUPERVISION, actor=None, action="supervision_auto", note=reason,
              data={"supervision": notice.pk, "assignment": task.pk, "due_at": task.due_at.isoformat()})
    audit_record(actor=None, action="case.supervision_auto", obj=case,
                 after={"supervision": notice.pk, "assignment": task.pk, "due_at": task.due_at.isoformat()})
    notify_after_commit(
        recipients=[*task_handlers(task), *case_handlers(case), *superiors(case)], kind=NOTICE_SUPERVISION, case=case,
        title=_("协办超期督办：%(ref)s") % {"ref": case.reference}, body=reason,
        batch=sweep_batch("tasks", now), batch_url=reverse("cases:my_work"),
    )
    events.publish(events.SupervisionRaised(case_id=case.pk, at=now, supervision_id=notice.pk, kind=notice.kind,
                                            assignment_id=task.pk))
    return notice


def _close_stale(now: dt.datetime) -> int:
    """Automatic notices whose step or task has moved on are closed (销号) by the system."""
    stale_steps = Q(assignment__isnull=True) & (
        ~Q(case__state__kind=StateKind.OPEN) | ~Q(case__state_id=F("state_id")) | ~Q(case__due_at=F("step_due_at"))
    )
    stale_tasks = Q(assignment__isnull=False) & ~Q(assignment__status=AssignmentStatus.ACTIVE)
    ids = list(
        Supervision.objects.filter(kind=SupervisionKind.AUTO, closed=False).filter(stale_steps | stale_tasks)
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    return Supervision.objects.filter(pk__in=ids).update(
        closed=True, closed_at=now, close_note=_("环节已推进或任务已结束，系统自动销号。")
    )


def supervision_raise_overdue(*, now: dt.datetime | None = None) -> int:
    """Raise the automatic notices due now; returns how many were raised. Each case is its own transaction,
    so one failing case does not hold back the others."""
    now = now or timezone.now()
    raised = 0
    for case_id in list(_overdue_steps(now)):
        try:
            raised += _raise_for_step(case_id=case_id, now=now) is not None
        except Exception:  # one bad case must not stop the sweep; it is tried again next time
            logger.exception("automatic supervision failed for case %s", case_id)
    for assignment_id in list(_overdue_tasks(now)):
        try:
            raised += _raise_for_task(assignment_id=assignment_id, now=now) is not None
        except Exception:
            logger.exception("automatic supervision failed for co-task %s", assignment_id)
    _close_stale(now)
    return raised


# ---------------------------------------------------------------- formal 督办


def _addressees(case: Case, assignment: Assignment | None) -> tuple:
    if assignment is not None:
        return assignment.department, assignment.user
    return case.lead_department, case.lead_user


@transaction.atomic
def case_supervision_raise(*, case: Case, acting_user, reason: str, reply_days: int,
                           reply_unit: str = DeadlineUnit.WORKING_DAYS,
                           assignment: Assignment | None = None) -> Supervision:
    """Formal 督办 by center staff or a leader: to the lead (or one co-handler), with a date for a written reply."""
    ensure_case_visible(acting_user, case.pk)
    case = lock_case(case, None)
    if not can_manage(acting_user, case):
        raise PermissionRefused(_("只有中心工作人员或领导可以督办。"))
    if case.state.kind == StateKind.CLOSED:
        raise TransitionRefused(_("案件已办结，不能再督办。"))
    reason = clean_text(reason, field="reason", label=_("督办事由"), required=True)
    if reply_unit not in DeadlineUnit.values:
        raise ValidationFailed(_("未知的期限单位。"), field_errors={"reply_unit": [_("未知")]})
    if not isinstance(reply_days, int) or not 1 <= reply_days <= MAX_REPLY_DAYS:
        raise ValidationFailed(_("回复期限须在 1 至 %(max)d 日之间。") % {"max": MAX_REPLY_DAYS},
                               field_errors={"reply_days": [_("超出允许范围")]})
    if assignment is not None:
        assignment = Assignment.objects.filter(pk=assignment.pk, case=case, role=AssignmentRole.CO,
                                               status=AssignmentStatus.ACTIVE).select_related("department", "user").first()
        if assignment is None:
            raise ValidationFailed(_("该协办任务不存在或已结束。"), field_errors={"target": [_("无效")]})
    department, user = _addressees(case, assignment)
    if department is None and user is None:
        raise TransitionRefused(_("案件尚未交办，没有督办对象；请先分流交办。"))
    now = timezone.now()
    reply_due, _uncovered = add_period(start=now, amount=reply_days, unit=reply_unit)
    notice = Supervision.objects.create(
        case=case, kind=SupervisionKind.FORMAL, state=case.state, step_due_at=case.due_at, assignment=assignment,
        to_department=department, to_user=user, raised_by=acting_user, raised_at=now, reason=reason, reply_due=reply_due,
    )
    add_event(case, kind=EventKind.SUPERVISION, actor=acting_user, action="supervision_formal", note=reason,
              data={"supervision": notice.pk, "to": notice.addressee_label, "reply_due": reply_due.isoformat()})
    audit_record(actor=acting_user, action="case.supervision_formal", obj=case,
                 after={"supervision": notice.pk, "reason": reason, "reply_due": reply_due.isoformat(),
                        "to_department": getattr(department, "pk", None), "to_user": getattr(user, "pk", None)})
    recipients = task_handlers(assignment) if assignment is not None else case_handlers(case)
    notify_after_commit(
        recipients=recipients, kind=NOTICE_SUPERVISION, case=case, acting_user=acting_user,
        title=_("督办：%(ref)s，请于 %(due)s 前书面回复") % {"ref": case.reference, "due": _fmt(reply_due)}, body=reason,
    )
    events.publish(events.SupervisionRaised(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None), at=now,
                                            supervision_id=notice.pk, kind=notice.kind, assignment_id=notice.assignment_id))
    return notice


def _lock_notice(supervision: Supervision, acting_user) -> tuple[Case, Supervision]:
    ensure_case_visible(acting_user, supervision.case.pk)
    case = lock_case(supervision.case, None)
    current = Supervision.objects.select_related("to_department", "to_user", "assignment").filter(
        pk=supervision.pk, case=case).first()
    if current is None:
        raise NotFoundError(_("未找到该督办。"))
    return case, current


def may_reply(user, case: Case, notice: Supervision) -> bool:
    """The addressee replies: the user it names, or a handler of the department it names."""
    if notice.to_user_id and notice.to_user_id == user.pk:
        return True
    if notice.to_department_id and any(
        m.role == "handler" and m.department_id == notice.to_department_id for m in user.active_memberships
    ):
        return True
    if notice.assignment is not None and is_co_handler(user, notice.assignment):
        return True
    return bool(user.is_superuser)


@transaction.atomic
def case_supervision_reply(*, supervision: Supervision, acting_user, reply: str) -> Supervision:
    """The handler's written reply to a supervision notice."""
    case, notice = _lock_notice(supervision, acting_user)
    if not may_reply(acting_user, case, notice):
        raise PermissionRefused(_("只有被督办的单位或承办人可以回复督办。"))
    if notice.closed:
        raise TransitionRefused(_("该督办已销号。"))
    if notice.replied_at is not None:
        raise TransitionRefused(_("该督办已于 %(at)s 回复。") % {"at": _fmt(notice.replied_at)})
    reply = clean_text(reply, field="reply", label=_("书面回复"), required=True)
    now = timezone.now()
    notice.reply, notice.replied_at, notice.replied_by = reply, now, acting_user
    notice.save(update_fields=["reply", "replied_at", "replied_by"])
    late = notice.reply_due is not None and now > notice.reply_due
    add_event(case, kind=EventKind.SUPERVISION, actor=acting_user, action="supervision_reply", note=reply,
              data={"supervision": notice.pk, "late": late})
    audit_record(actor=acting_user, action="case.supervision_reply", obj=case,
                 after={"supervision": notice.pk, "reply": reply, "late": late})
    notify_after_commit(
        recipients=[notice.raised_by] if notice.raised_by_id else superiors(case), kind=NOTICE_SUPERVISION, case=case,
        acting_user=acting_user, title=_("督办已回复：%(ref)s") % {"ref": case.reference}, body=reply,
    )
    events.publish(events.SupervisionReplied(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None),
                                             at=now, supervision_id=notice.pk, late=late))
    return notice


@transaction.atomic
def case_supervision_close(*, supervision: Supervision, acting_user, note: str = "") -> Supervision:
    """销号: center staff or a leader closes a notice (after the reply, or with a note saying why without one)."""
    case, notice = _lock_notice(supervision, acting_user)
    if not can_manage(acting_user, case):
        raise PermissionRefused(_("只有中心工作人员或领导可以督办销号。"))
    if notice.closed:
        raise TransitionRefused(_("该督办已销号。"))
    note = clean_text(note, field="note", label=_("销号说明"), required=notice.reply_due is not None and not notice.replied_at)
    notice.closed, notice.closed_at, notice.closed_by, notice.close_note = True, timezone.now(), acting_user, note
    notice.save(update_fields=["closed", "closed_at", "closed_by", "close_note"])
    add_event(case, kind=EventKind.SUPERVISION, actor=acting_user, action="supervision_close", note=note,
              data={"supervision": notice.pk})
    audit_record(actor=acting_user, action="case.supervision_close", obj=case, after={"supervision": notice.pk, "note": note})
    events.publish(events.SupervisionClosed(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None),
                                            at=notice.closed_at, supervision_id=notice.pk))
    return notice
