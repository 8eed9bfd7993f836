"""Joint handling (联合处置): co-handlers' tasks with their own deadlines, and joint meeting records.

A case closes only when every co-handler's task is done, or waived with a reason."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases import events
from fengqiao.cases.choices import AssignmentRole, AssignmentStatus, DeadlineUnit, EventKind
from fengqiao.cases.deadlines import add_period
from fengqiao.cases.models import Assignment, Case, JointMeeting
from fengqiao.cases.permissions import can_manage, roles_for_case
from fengqiao.cases.services.common import add_event, ensure_case_visible, lock_case, save_case
from fengqiao.core.errors import NotFoundError, PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.regions.models import Department

MAX_TEXT = 5000
MAX_TASK_DAYS = 365


def clean_text(value: str | None, *, field: str, label: str, required: bool = False, max_length: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(_("请填写%(label)s。") % {"label": label}, field_errors={field: [_("必填")]})
    if len(value) > max_length:
        raise ValidationFailed(_("%(label)s过长（最多%(max)d字）。") % {"label": label, "max": max_length},
                               field_errors={field: [_("过长")]})
    return value



# ---------------------------------------------------------------- co-handlers' tasks


def co_task_due(*, start: dt.datetime, days: int | None, unit: str, fallback: dt.datetime | None) -> dt.datetime | None:
    """A co-handler's deadline: `days` in `unit` (working days by default) from `start`; without days, `fallback`."""
    if days is None:
        return fallback
    if unit not in DeadlineUnit.values:
        raise ValidationFailed(_("未知的期限单位。"), field_errors={"due_unit": [_("未知")]})
    if not 1 <= days <= MAX_TASK_DAYS:
        raise ValidationFailed(_("协办期限须在 1 至 %(max)d 日之间。") % {"max": MAX_TASK_DAYS},
                               field_errors={"due_days": [_("超出允许范围")]})
    due, _uncovered = add_period(start=start, amount=days, unit=unit)
    return due


def open_co_tasks(case: Case) -> list[Assignment]:
    return list(
        Assignment.objects.filter(case=case, role=AssignmentRole.CO, status=AssignmentStatus.ACTIVE)
        .select_related("department", "user")
        .order_by("created_at", "id")
    )


def ensure_co_tasks_finished(case: Case) -> None:
    """Refuse to close while a co-handler's task is neither done nor waived."""
    pending = open_co_tasks(case)
    if pending:
        names = "；".join(a.handler_label or str(a.pk) for a in pending)
        raise TransitionRefused(
            _("还有 %(n)d 项协办任务未完成或未免除（%(names)s），主办单位不能办结。请协办单位完成任务，或由中心说明理由后免除。")
            % {"n": len(pending), "names": names}
        )


def is_co_handler(user: User, assignment: Assignment) -> bool:
    if assignment.user_id and assignment.user_id == user.pk:
        return True
    return bool(assignment.department_id) and any(
        m.role == Role.HANDLER and m.department_id == assignment.department_id for m in user.active_memberships
    )


def _lock_task(assignment: Assignment, acting_user, expected_version: int | None) -> tuple[Case, Assignment]:
    ensure_case_visible(acting_user, assignment.case.pk)
    case = lock_case(assignment.case, expected_version)
    current = Assignment.objects.select_related("department", "user").filter(pk=assignment.pk, case=case).first()
    if current is None or current.role != AssignmentRole.CO:
        raise NotFoundError(_("未找到该协办任务。"))
    if current.status != AssignmentStatus.ACTIVE:
        raise TransitionRefused(_("该协办任务已结束（%(status)s）。") % {"status": current.get_status_display()})
    return case, current


def _finish(case: Case, task: Assignment, *, acting_user, status: str, note: str) -> None:
    task.status, task.ended_at, task.end_note, task.ended_by = status, timezone.now(), note, acting_user
    task.save(update_fields=["status", "ended_at", "end_note", "ended_by"])
    save_case(case, [])


@transaction.atomic
def case_co_task_complete(*, assignment: Assignment, acting_user, result: str,
                          expected_version: int | None = None) -> Assignment:
    """A co-handler reports its task done, with what it did (the center may record it on the co-handler's behalf)."""
    case, task = _lock_task(assignment, acting_user, expected_version)
    if not (is_co_handler(acting_user, task) or can_manage(acting_user, case)):
        raise PermissionRefused(_("只有该协办单位或中心工作人员可以报告协办任务完成。"))
    result = clean_text(result, field="result", label=_("办理结果"), required=True)
    _finish(case, task, acting_user=acting_user, status=AssignmentStatus.DONE, note=result)
    add_event(case, kind=EventKind.JOINT, actor=acting_user, action="co_task_done", note=result,
              data={"assignment": task.pk, "to": task.handler_label})
    audit_record(actor=acting_user, action="case.co_task_done", obj=case,
                 after={"assignment": task.pk, "result": result, "version": case.version})
    events.publish(events.CoTaskFinished(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None),
                                         assignment_id=task.pk, status=task.status))
    return task


@transaction.atomic
def case_co_task_waive(*, assignment: Assignment, acting_user, reason: str,
                       expected_version: int | None = None) -> Assignment:
    """Center staff or a leader releases a co-handler from its task, with a reason on the record."""
    case, task = _lock_task(assignment, acting_user, expected_version)
    if not can_manage(acting_user, case):
        raise PermissionRefused(_("只有中心工作人员或领导可以免除协办任务。"))
    reason = clean_text(reason, field="reason", label=_("免除理由"), required=True)
    _finish(case, task, acting_user=acting_user, status=AssignmentStatus.WAIVED, note=reason)
    add_event(case, kind=EventKind.JOINT, actor=acting_user, action="co_task_waived", note=reason,
              data={"assignment": task.pk, "to": task.handler_label})
    audit_record(actor=acting_user, action="case.co_task_waived", obj=case,
                 after={"assignment": task.pk, "reason": reason, "version": case.version})
    events.publish(events.CoTaskFinished(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None),
                                         assignment_id=task.pk, status=task.status))
    return task


# ---------------------------------------------------------------- joint meetings


@dataclass
class JointMeetingInput:
    held_at: dt.datetime | None
    place: str
    chaired_by: str
    minutes: str
    decisions: str
    departments: list[Department] = field(default_factory=list)
    other_attendees: str = ""


def _meeting_errors(data: JointMeetingInput, case: Case) -> dict[str, list[str]]:
    from fengqiao.cases.selectors import departments_for_case

    errors: dict[str, list[str]] = {}
    if data.held_at is None:
        errors["held_at"] = [_("请填写会议时间。")]
    else:
        if timezone.is_naive(data.held_at):
            data.held_at = timezone.make_aware(data.held_at)
        if data.held_at > timezone.now() + dt.timedelta(minutes=5):
            errors["held_at"] = [_("会议时间不能晚于现在（请在会后记录）。")]
        elif data.held_at < case.received_at - dt.timedelta(days=1):
            errors["held_at"] = [_("会议时间不能早于收到诉求的时间。")]
    allowed = set(departments_for_case(case=case).values_list("pk", flat=True))
    if any(d.pk not in allowed for d in data.departments):
        errors["departments"] = [_("参会部门须为本县（区）的有效部门。")]
    if not data.departments and not (data.other_attendees or "").strip():
        errors["departments"] = [_("请选择参会部门或填写其他参会单位。")]
    return errors


@transaction.atomic
def case_joint_meeting_record(*, case: Case, acting_user, data: JointMeetingInput,
                              expected_version: int | None = None) -> JointMeeting:
    """Record a joint meeting held about the case: when, where, who chaired, who attended, minutes and decisions."""
    ensure_case_visible(acting_user, case.pk)
    case = lock_case(case, expected_version)
    if not roles_for_case(acting_user, case):
        raise PermissionRefused(_("您在该案件中没有办理职责，不能记录联席会议。"))
    place = clean_text(data.place, field="place", label=_("会议地点"), required=True, max_length=200)
    chaired_by = clean_text(data.chaired_by, field="chaired_by", label=_("主持人"), required=True, max_length=100)
    minutes = clean_text(data.minutes, field="minutes", label=_("会议纪要"), required=True, max_length=20000)
    decisions = clean_text(data.decisions, field="decisions", label=_("议定事项"), required=True, max_length=MAX_TEXT)
    others = clean_text(data.other_attendees, field="other_attendees", label=_("其他参会单位或人员"), max_length=500)
    errors = _meeting_errors(data, case)
    if errors:
        raise ValidationFailed(_("联席会议记录有误，请检查标出的字段。"), field_errors=errors)
    assert data.held_at is not None  # _meeting_errors refuses a meeting without its time
    meeting = JointMeeting.objects.create(
        case=case, held_at=data.held_at, place=place, chaired_by=chaired_by, other_attendees=others,
        minutes=minutes, decisions=decisions, recorded_by=acting_user,
    )
    meeting.departments.set(data.departments)
    save_case(case, [])
    add_event(case, kind=EventKind.JOINT, actor=acting_user, action="joint_meeting", note=decisions,
              data={"meeting": meeting.pk, "place": place, "held_at": meeting.held_at.isoformat(),
                    "departments": [d.name for d in data.departments]})
    audit_record(actor=acting_user, action="case.joint_meeting", obj=case,
                 after={"meeting": meeting.pk, "held_at": meeting.held_at.isoformat(), "place": place,
                        "departments": [d.pk for d in data.departments], "version": case.version})
    return meeting
