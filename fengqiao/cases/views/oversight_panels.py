"""Case-page forms for joint handling, supervision, 领导包案, 上报 and paused clocks: which ones this user
sees, and each one's Panel (see views.common.Panel)."""
from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.cases.choices import AssignmentStatus, StateKind
from fengqiao.cases.models import Assignment, Case, LeaderCase, Supervision
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
from fengqiao.cases.selectors import CaseDetail
from fengqiao.cases.services.joint import is_co_handler
from fengqiao.cases.services.supervision import may_reply
from fengqiao.core.viewkit import Panel


def _fmt(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"


def co_done_panel(case: Case, task: Assignment, form: CoTaskDoneForm | None = None) -> Panel:
    key = f"co-done-{task.pk}"
    return Panel(key=key, url=reverse("cases:co_task_done", args=[case.pk, task.pk]), legend=_("报告协办完成"),
                 submit=_("报告完成"), style="primary",
                 form=form or CoTaskDoneForm(initial={"version": case.version}, auto_id=f"id_{key}_%s"))


def co_waive_panel(case: Case, task: Assignment, form: CoTaskWaiveForm | None = None) -> Panel:
    key = f"co-waive-{task.pk}"
    return Panel(key=key, url=reverse("cases:co_task_waive", args=[case.pk, task.pk]), legend=_("免除协办任务"),
                 submit=_("免除"), style="caution", description=_("免除须说明理由，理由记入办理记录。"),
                 form=form or CoTaskWaiveForm(initial={"version": case.version}, auto_id=f"id_{key}_%s"))


def meeting_panel(case: Case, form: JointMeetingForm | None = None) -> Panel:
    return Panel(key="meeting", url=reverse("cases:joint_meeting_add", args=[case.pk]), legend=_("记录联席会议"),
                 submit=_("保存会议记录"),
                 form=form or JointMeetingForm(case=case, initial={"version": case.version}, auto_id="id_meeting_%s"))


def supervise_panel(case: Case, co_tasks: list[Assignment], form: SupervisionForm | None = None) -> Panel:
    return Panel(key="supervise", url=reverse("cases:supervision_add", args=[case.pk]), legend=_("督办"),
                 submit=_("发出督办"), style="caution",
                 description=_("被督办单位须在期限内通过本页书面回复。"),
                 form=form or SupervisionForm(case=case, co_tasks=co_tasks, auto_id="id_supervise_%s"))


def reply_panel(case: Case, notice: Supervision, form: SupervisionReplyForm | None = None) -> Panel:
    key = f"reply-{notice.pk}"
    due = _("请于 %(due)s 前回复。") % {"due": _fmt(notice.reply_due)} if notice.reply_due else ""
    return Panel(key=key, url=reverse("cases:supervision_reply", args=[case.pk, notice.pk]), legend=_("回复督办"),
                 submit=_("提交回复"), style="primary", description=due,
                 form=form or SupervisionReplyForm(auto_id=f"id_{key}_%s"))


def close_notice_panel(case: Case, notice: Supervision, form: SupervisionCloseForm | None = None) -> Panel:
    key = f"close-{notice.pk}"
    return Panel(key=key, url=reverse("cases:supervision_close", args=[case.pk, notice.pk]), legend=_("督办销号"),
                 submit=_("销号"),
                 description=_("尚未回复的督办销号时须说明理由。") if notice.reply_due and not notice.replied_at else "",
                 form=form or SupervisionCloseForm(auto_id=f"id_{key}_%s"))


def leader_panel(case: Case, form: LeaderCaseForm | None = None) -> Panel:
    return Panel(key="leader", url=reverse("cases:leader_assign", args=[case.pk]), legend=_("指定包案领导"),
                 submit=_("指定"), description=_("重大案件由本县（区）领导包案；原包案领导随之结束。"),
                 form=form or LeaderCaseForm(case=case, initial={"version": case.version}, auto_id="id_leader_%s"))


def leader_release_panel(case: Case, leader_case: LeaderCase, form: LeaderReleaseForm | None = None) -> Panel:
    return Panel(key="leader-release", url=reverse("cases:leader_release", args=[case.pk, leader_case.pk]),
                 legend=_("结束包案"), submit=_("结束包案"), style="caution",
                 form=form or LeaderReleaseForm(auto_id="id_leader-release_%s"))


def escalate_panel(case: Case, to_name: str, form: EscalationForm | None = None) -> Panel:
    return Panel(key="escalate", url=reverse("cases:escalate", args=[case.pk]),
                 legend=_("上报至%(region)s") % {"region": to_name}, submit=_("上报"), style="caution",
                 description=_("上报后由上一级中心协调处理，本级仍可查看。"),
                 form=form or EscalationForm(initial={"version": case.version}, auto_id="id_escalate_%s"))


def pause_panel(case: Case, form: ClockPauseForm | None = None) -> Panel:
    return Panel(key="pause", url=reverse("cases:clock_pause", args=[case.pk]), legend=_("暂停计时"),
                 submit=_("暂停计时"),
                 description=_("只有法律规定不计入期限的时间（如复核听证、调解中的鉴定评估）可以暂停本环节计时。"),
                 form=form or ClockPauseForm(case=case, initial={"version": case.version}, auto_id="id_pause_%s"))


def resume_panel(case: Case, form: ClockResumeForm | None = None) -> Panel:
    return Panel(key="resume", url=reverse("cases:clock_resume", args=[case.pk]), legend=_("恢复计时"),
                 submit=_("恢复计时"), style="primary", description=_("期限按暂停的天数（按规则的计日方式）顺延。"),
                 form=form or ClockResumeForm(initial={"version": case.version}, auto_id="id_resume_%s"))


def oversight_panels(request, detail: CaseDetail) -> dict:
    """Panels by section: per co-task and per notice lists of (object, panels), and the single forms."""
    case, data, user = detail.case, detail.oversight, request.user
    not_closed = case.state.kind != StateKind.CLOSED
    active_tasks = [t for t in data.co_tasks if t.status == AssignmentStatus.ACTIVE]
    co_tasks = []
    for task in data.co_tasks:
        panels = []
        if task.status == AssignmentStatus.ACTIVE:
            if is_co_handler(user, task) or detail.can_manage:
                panels.append(co_done_panel(case, task))
            if detail.can_manage:
                panels.append(co_waive_panel(case, task))
        co_tasks.append((task, panels))
    notices = []
    for notice in data.supervisions:
        panels = []
        if not notice.closed and notice.replied_at is None and may_reply(user, case, notice):
            panels.append(reply_panel(case, notice))
        if not notice.closed and detail.can_manage:
            panels.append(close_notice_panel(case, notice))
        notices.append((notice, panels))
    single: dict[str, Panel | None] = {
        "meeting": meeting_panel(case) if detail.can_work and not_closed else None,
        "supervise": supervise_panel(case, active_tasks)
        if detail.can_manage and not_closed and (case.lead_department_id or case.lead_user_id or active_tasks) else None,
        "leader": leader_panel(case) if detail.can_manage and not_closed else None,
        "leader_release": leader_release_panel(case, data.leader_case) if detail.can_manage and data.leader_case else None,
        "escalate": escalate_panel(case, data.escalate_to.name) if data.escalate_to is not None else None,
        "pause": pause_panel(case) if detail.can_manage and case.is_open and case.due_at and case.deadline_rule_id
        and not case.is_paused else None,
        "resume": resume_panel(case) if detail.can_manage and case.is_paused else None,
    }
    return {"co_tasks": co_tasks, "notices": notices, **single}
