"""Writes from the case page for joint handling, supervision, 领导包案, 上报 and paused clocks. Each posts one
small form and calls one service, answering like views.case_actions (the page, or the form with its errors)."""
from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fengqiao.cases import services
from fengqiao.cases.choices import AssignmentStatus
from fengqiao.cases.oversight_forms import (
    ClockPauseForm,
    ClockResumeForm,
    CoTaskDoneForm,
    CoTaskWaiveForm,
    EscalationForm,
    JointMeetingForm,
    LeaderCaseForm,
    LeaderReleaseForm,
    SupervisionCloseForm,
    SupervisionForm,
    SupervisionReplyForm,
)
from fengqiao.cases.selectors import (
    case_get_visible,
    co_task_get_visible,
    leader_case_get_visible,
    supervision_get_visible,
)
from fengqiao.cases.views.case_actions import _submit
from fengqiao.cases.views.oversight_panels import (
    close_notice_panel,
    co_done_panel,
    co_waive_panel,
    escalate_panel,
    leader_panel,
    leader_release_panel,
    meeting_panel,
    pause_panel,
    reply_panel,
    resume_panel,
    supervise_panel,
)
from fengqiao.core.viewkit import staff_view


@staff_view
@require_POST
def co_task_done(request: HttpRequest, pk: int, assignment_id: int) -> HttpResponse:
    task = co_task_get_visible(user=request.user, case_id=pk, assignment_id=assignment_id)
    case = task.case
    panel = co_done_panel(case, task, CoTaskDoneForm(request.POST, auto_id=f"id_co-done-{task.pk}_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_co_task_complete(assignment=task, acting_user=request.user, result=data["result"],
                                              expected_version=data["version"])

    return _submit(request, case, panel, perform, _("已报告协办任务完成。"))


@staff_view
@require_POST
def co_task_waive(request: HttpRequest, pk: int, assignment_id: int) -> HttpResponse:
    task = co_task_get_visible(user=request.user, case_id=pk, assignment_id=assignment_id)
    case = task.case
    panel = co_waive_panel(case, task, CoTaskWaiveForm(request.POST, auto_id=f"id_co-waive-{task.pk}_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_co_task_waive(assignment=task, acting_user=request.user, reason=data["reason"],
                                           expected_version=data["version"])

    return _submit(request, case, panel, perform, _("已免除协办任务。"))


@staff_view
@require_POST
def joint_meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = meeting_panel(case, JointMeetingForm(request.POST, case=case, auto_id="id_meeting_%s"))

    def perform(data: dict[str, Any]) -> object:
        meeting = services.JointMeetingInput(
            held_at=data["held_at"], place=data["place"], chaired_by=data["chaired_by"], minutes=data["minutes"],
            decisions=data["decisions"], departments=list(data["departments"]),
            other_attendees=data.get("other_attendees", ""),
        )
        return services.case_joint_meeting_record(case=case, acting_user=request.user, data=meeting,
                                                  expected_version=data["version"])

    return _submit(request, case, panel, perform, _("联席会议记录已保存。"))


@staff_view
@require_POST
def supervision_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    co_tasks = list(case.assignments.filter(role="co", status=AssignmentStatus.ACTIVE).select_related("department", "user"))
    form = SupervisionForm(request.POST, case=case, co_tasks=co_tasks, auto_id="id_supervise_%s")
    panel = supervise_panel(case, co_tasks, form)

    def perform(data: dict[str, Any]) -> object:
        target = form.assignment_id()
        task = next((t for t in co_tasks if t.pk == target), None)
        return services.case_supervision_raise(case=case, acting_user=request.user, reason=data["reason"],
                                               reply_days=data["reply_days"], assignment=task)

    return _submit(request, case, panel, perform, _("督办已发出。"))


@staff_view
@require_POST
def supervision_reply(request: HttpRequest, pk: int, supervision_id: int) -> HttpResponse:
    notice = supervision_get_visible(user=request.user, case_id=pk, supervision_id=supervision_id)
    case = notice.case
    panel = reply_panel(case, notice, SupervisionReplyForm(request.POST, auto_id=f"id_reply-{notice.pk}_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_supervision_reply(supervision=notice, acting_user=request.user, reply=data["reply"])

    return _submit(request, case, panel, perform, _("督办回复已提交。"))


@staff_view
@require_POST
def supervision_close(request: HttpRequest, pk: int, supervision_id: int) -> HttpResponse:
    notice = supervision_get_visible(user=request.user, case_id=pk, supervision_id=supervision_id)
    case = notice.case
    panel = close_notice_panel(case, notice, SupervisionCloseForm(request.POST, auto_id=f"id_close-{notice.pk}_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_supervision_close(supervision=notice, acting_user=request.user, note=data.get("note", ""))

    return _submit(request, case, panel, perform, _("督办已销号。"))


@staff_view
@require_POST
def leader_assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = leader_panel(case, LeaderCaseForm(request.POST, case=case, auto_id="id_leader_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_leader_assign(case=case, acting_user=request.user, leader=data["leader"],
                                           note=data.get("note", ""), expected_version=data["version"])

    return _submit(request, case, panel, perform, _("已指定包案领导。"))


@staff_view
@require_POST
def leader_release(request: HttpRequest, pk: int, leader_case_id: int) -> HttpResponse:
    leader_case = leader_case_get_visible(user=request.user, case_id=pk, leader_case_id=leader_case_id)
    case = leader_case.case
    panel = leader_release_panel(case, leader_case, LeaderReleaseForm(request.POST, auto_id="id_leader-release_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_leader_release(leader_case=leader_case, acting_user=request.user, note=data["note"])

    return _submit(request, case, panel, perform, _("包案已结束。"))


@staff_view
@require_POST
def escalate(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    upper = case.current_handling_region.parent
    panel = escalate_panel(case, upper.name if upper else "—", EscalationForm(request.POST, auto_id="id_escalate_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_escalate(case=case, acting_user=request.user, reason=data["reason"],
                                      expected_version=data["version"])

    return _submit(request, case, panel, perform, _("已上报。"))


@staff_view
@require_POST
def clock_pause(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = pause_panel(case, ClockPauseForm(request.POST, case=case, auto_id="id_pause_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_clock_pause(case=case, acting_user=request.user, reason=data["reason"],
                                         ground=data.get("ground", ""),
                                         paused_at=data.get("paused_at"), expected_version=data["version"])

    return _submit(request, case, panel, perform, _("本环节计时已暂停。"))


@staff_view
@require_POST
def clock_resume(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = resume_panel(case, ClockResumeForm(request.POST, auto_id="id_resume_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_clock_resume(case=case, acting_user=request.user, note=data.get("note", ""),
                                          resumed_at=data.get("resumed_at"), expected_version=data["version"])

    return _submit(request, case, panel, perform, _("已恢复计时，期限已顺延。"))
