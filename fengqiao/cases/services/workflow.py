"""Moving a case through its process: transitions, assignments (主办/协办), notes."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases import events
from fengqiao.cases.choices import (
    LEAD_EFFECTS,
    RETURN_EFFECTS,
    AssignmentRole,
    AssignmentStatus,
    DeadlineUnit,
    EventKind,
    StateKind,
    TransitionEffect,
)
from fengqiao.cases.deadlines import Clock, clock_for
from fengqiao.cases.models import Assignment, Case, Transition
from fengqiao.cases.permissions import can_manage, can_perform, roles_for_case
from fengqiao.cases.remedies import clean_routes, routes_text
from fengqiao.cases.services.chosen_due import apply_chosen_due, check_chosen_due, chosen_due_data
from fengqiao.cases.services.clock import end_pause_on_step_change
from fengqiao.cases.services.common import (
    add_event,
    ensure_case_visible,
    lock_case,
    save_case,
    snapshot,
    start_clock,
)
from fengqiao.cases.services.joint import co_task_due, ensure_co_tasks_finished
from fengqiao.cases.services.notices import NOTICE_ASSIGNED, notify_after_commit, task_handlers
from fengqiao.cases.services.petition import check_not_accused
from fengqiao.cases.services.petition_answers import (
    AnswerInput,
    answer_event_data,
    check_answer,
    record_answer,
    record_request,
)
from fengqiao.cases.services.publishing import publish_step
from fengqiao.cases.services.refusals import check_notice_input, issue_notice, notice_public_note
from fengqiao.cases.services.review import (
    ReviewRequestInput,
    check_review_request,
    final_review_after,
    issuing_stage_of,
    request_stage_of,
)
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.regions.models import Department

MAX_NOTE = 5000



def _clean_note(note: str, field: str = "note") -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationFailed(_("说明过长（最多5000字）。"), field_errors={field: [_("过长")]})
    return note


def _end_assignments(case: Case, *, status: str, note: str = "", roles: tuple[str, ...] = (AssignmentRole.LEAD,)) -> int:
    return Assignment.objects.filter(case=case, status=AssignmentStatus.ACTIVE, role__in=roles).update(
        status=status, ended_at=timezone.now(), end_note=note
    )


def _county_of(path: str) -> str:
    return path.strip("/").split("/")[0]


def _check_target(to_user: User | None, to_department: Department | None, case: Case | None = None) -> None:
    """A case goes only to active users and departments of its own county (never across jurisdictions)."""
    if to_user is None and to_department is None:
        raise ValidationFailed(_("请选择承办部门或承办人。"), field_errors={"to_department": [_("必填")]})
    if to_department is not None and not to_department.is_active:
        raise ValidationFailed(_("该部门已停用。"), field_errors={"to_department": [_("已停用")]})
    if to_user is not None and not to_user.is_active:
        raise ValidationFailed(_("该用户已停用。"), field_errors={"to_user": [_("已停用")]})
    if case is None:
        return
    county = _county_of(case.region_path)
    if to_department is not None and _county_of(to_department.home_region.path) != county:
        raise ValidationFailed(_("不能交办给其他辖区的部门。"), field_errors={"to_department": [_("不在本辖区")]})
    if to_user is not None and not to_user.is_superuser and not any(
        _county_of(m.region.path) == county for m in to_user.memberships.filter(is_active=True).select_related("region")
    ):
        raise ValidationFailed(_("不能交办给其他辖区的人员。"), field_errors={"to_user": [_("不在本辖区")]})


def _new_lead(case: Case, *, acting_user, to_user: User | None, to_department: Department | None, note: str) -> Assignment:
    assignment = Assignment.objects.create(
        case=case, role=AssignmentRole.LEAD, user=to_user, department=to_department, note=note, assigned_by=acting_user,
        due_at=case.due_at, due_set_by=case.due_set_by,
    )
    case.lead_user = to_user
    case.lead_department = to_department
    return assignment




@transaction.atomic
def case_transition(
    *,
    case: Case,
    action: str,
    acting_user,
    note: str = "",
    public_note: str = "",
    expected_version: int | None = None,
    to_user: User | None = None,
    to_department: Department | None = None,
    answer: AnswerInput | None = None,
    review_request: ReviewRequestInput | None = None,
    channel: str = "",
    channel_detail: str = "",
    routes: Iterable[str] | None = None,
    due_on: dt.date | None = None,
) -> Case:
    """Run one step of the case's process. A petition step that issues a written answer, 复查 or 复核 opinion needs
    `answer` (信访工作条例 第三十二条); a 复查/复核 request needs `review_request`, the day it was received and the
    reviewing body (第三十五条, 第三十六条). A refusal or redirection step (the transition names a notice kind)
    also needs `channel` (one of its kind's channels, `channel_detail` where it asks for one) and writes the
    notice (告知书). `routes`: the routes the parties were told about, required where the step says so
    (Transition.requires_routes; 人民调解法 第二十六条 for a failed mediation). `due_on`: a step that names a lead
    (交办/转办) may be given an earlier due date than its rule's, never a later one (cases.services.chosen_due)."""
    ensure_case_visible(acting_user, case.pk)
    case = lock_case(case, expected_version)
    note, public_note = _clean_note(note), _clean_note(public_note, "public_note")
    transition = (
        Transition.objects.filter(process_id=case.process_id, from_state_id=case.state_id, action=action, is_active=True)
        .select_related("from_state", "to_state")
        .first()
    )
    if transition is None:
        raise TransitionRefused(_("当前环节“%(state)s”不能执行该操作。") % {"state": case.state.name})
    if not can_perform(acting_user, case, transition):
        raise PermissionRefused(_("您无权对该案件执行“%(action)s”。") % {"action": transition.name})
    if transition.requires_note and not note:
        raise ValidationFailed(_("“%(action)s”必须填写理由。") % {"action": transition.name}, field_errors={"note": [_("必填")]})
    notice_channel, channel_detail = (
        check_notice_input(transition=transition, channel=channel, channel_detail=channel_detail)
        if transition.notice_kind else (None, "")
    )
    told = clean_routes(routes, required=transition.requires_routes, action=transition.name)
    if told and not public_note:
        public_note = _("您可以依法通过%(routes)s等途径维护自己的权利。") % {"routes": routes_text(told)}
    now = timezone.now()
    chosen_due: dt.datetime | None = None
    if due_on is not None:
        if transition.effect not in LEAD_EFFECTS:
            raise ValidationFailed(_("只有交办或转办时可以设定本环节期限。"), field_errors={"due_on": [_("不适用")]})
        rule_clock = clock_for(case=case, state=transition.to_state, entered_at=now)
        chosen_due = check_chosen_due(due_on=due_on, rule_clock=rule_clock, state_name=transition.to_state.name,
                                      now=now)
    if transition.to_state.kind == StateKind.CLOSED:
        ensure_co_tasks_finished(case)
    issued_stage, request_stage = issuing_stage_of(case, transition), request_stage_of(transition)
    issued: AnswerInput | None = None
    if issued_stage:
        body, summary = check_answer(case, issued_stage, answer, acting_user=acting_user, now=now,
                                     action_name=transition.name)
        issued = answer  # check_answer refused a missing one
    step_date = issued.delivered_on if issued is not None else None
    request_body: Department | None = None
    if request_stage:
        contested, step_date = check_review_request(case, transition, review_request, now)
        request_body = review_request.body if review_request is not None else None  # None was refused above
    before = snapshot(case)
    fields, effect = ["state"], transition.effect
    lead_before = (case.lead_user_id, case.lead_department_id)
    if effect in LEAD_EFFECTS:
        _check_target(to_user, to_department, case)
        check_not_accused(case, to_user=to_user, to_department=to_department, step=transition.name)
        _end_assignments(
            case,
            status=AssignmentStatus.TRANSFERRED if effect == TransitionEffect.TRANSFER else AssignmentStatus.DONE,
            note=note,
        )
        fields += ["lead_user", "lead_department"]
    elif request_stage:
        _end_assignments(case, status=AssignmentStatus.DONE, note=note)
        fields += ["lead_user", "lead_department"]
    elif effect in RETURN_EFFECTS:
        _end_assignments(case, status=AssignmentStatus.RETURNED, note=note)
        case.lead_user, case.lead_department = None, None
        fields += ["lead_user", "lead_department"]
    elif effect == TransitionEffect.ACCEPT:
        lead = Assignment.objects.filter(case=case, role=AssignmentRole.LEAD, status=AssignmentStatus.ACTIVE).first()
        if lead is None:
            _new_lead(case, acting_user=acting_user, to_user=acting_user, to_department=None, note=note)
        elif lead.user_id is None:
            lead.user = acting_user
            lead.save(update_fields=["user"])
            case.lead_user = acting_user
        fields += ["lead_user", "lead_department"]
    case.state = transition.to_state
    if transition.to_state.kind == StateKind.CLOSED:
        _end_assignments(case, status=AssignmentStatus.DONE, roles=(AssignmentRole.LEAD, AssignmentRole.CO))
        case.closed_at = now
        fields.append("closed_at")
    elif effect == TransitionEffect.REOPEN:
        case.closed_at = None
        fields.append("closed_at")
    final = final_review_after(case, transition)
    if final != case.is_final_review:
        case.is_final_review = final
        fields.append("is_final_review")
    fields += end_pause_on_step_change(case, acting_user=acting_user, now=now)
    fields += start_clock(case, transition.to_state, now, step_date=step_date)
    rule_due = case.due_at
    if chosen_due is not None:
        fields += apply_chosen_due(case, due_at=chosen_due, acting_user=acting_user)
    if effect in LEAD_EFFECTS:
        _new_lead(case, acting_user=acting_user, to_user=to_user, to_department=to_department, note=note)
    elif request_stage:
        to_user, to_department = None, request_body
        _new_lead(case, acting_user=acting_user, to_user=None, to_department=to_department, note=note)
    save_case(case, list(dict.fromkeys(fields)))
    if issued_stage and issued is not None:
        document = record_answer(case=case, stage=issued_stage, answer=issued, body=body, summary=summary,
                                 acting_user=acting_user, now=now)
        public_note = public_note or document.text
    if request_stage and step_date is not None and request_body is not None:
        record_request(case=case, stage=request_stage, contested=contested, received_on=step_date,
                       body=request_body, acting_user=acting_user, now=now)
    target = to_department or to_user
    data: dict[str, object] = {"to": str(target)} if target else {}
    if notice_channel is not None:
        notice = issue_notice(case=case, transition=transition, acting_user=acting_user, reason=note,
                              channel=notice_channel, detail=channel_detail, now=now)
        public_note = public_note or notice_public_note(notice)
        data.update(notice=notice.pk, channel=notice_channel.code)
    if chosen_due is not None:
        data.update(chosen_due_data(rule_due=rule_due, case=case))
    add_event(
        case, kind=EventKind.TRANSITION, actor=acting_user, action=action, note=note, public_note=public_note,
        from_state=transition.from_state, to_state=transition.to_state,
        data={**data, **(answer_event_data(document) if issued_stage else {}), **({"routes": told} if told else {})},
    )
    audit_record(actor=acting_user, action=f"case.{action}", obj=case, before=before,
                 after={**snapshot(case), "note": note,
                        **{k: data[k] for k in ("notice", "channel", "rule_due_at") if k in data},
                        **({"routes": told} if told else {})})
    publish_step(case=case, transition=transition, acting_user=acting_user, now=now,
                 lead_changed=effect in LEAD_EFFECTS or bool(request_stage)
                 or (case.lead_user_id, case.lead_department_id) != lead_before)
    return case


def lead_step(case: Case) -> Transition | None:
    """The step of the case's process that names a lead from its current state: an assign step before a
    transfer step (by effect, whatever their action codes)."""
    steps = Transition.objects.filter(process_id=case.process_id, from_state_id=case.state_id, is_active=True,
                                      effect__in=LEAD_EFFECTS)
    return min(steps, key=lambda t: (t.effect != TransitionEffect.ASSIGN, t.pk), default=None)


@transaction.atomic
def case_assign(
    *,
    case: Case,
    acting_user,
    to_user: User | None = None,
    to_department: Department | None = None,
    role: str = AssignmentRole.LEAD,
    note: str = "",
    expected_version: int | None = None,
    task: str = "",
    due_days: int | None = None,
    due_unit: str = DeadlineUnit.WORKING_DAYS,
    due_on: dt.date | None = None,
) -> Case:
    """Assign a lead (主办) — through the process's assign/transfer step where there is one — or add a co-handler
    (协办) with its own task and deadline (`due_days` in `due_unit`, working days by default; without it the
    deadline of the current step). A lead may be given `due_on`, a day no later than the step's due date."""
    ensure_case_visible(acting_user, case.pk)
    _check_target(to_user, to_department, case)
    check_not_accused(case, to_user=to_user, to_department=to_department)
    if role not in AssignmentRole.values:
        raise ValidationFailed(_("未知的承办方式。"), field_errors={"role": [_("未知")]})
    if due_on is not None and role != AssignmentRole.LEAD:
        raise ValidationFailed(_("协办期限请填写天数（due_days）。"), field_errors={"due_on": [_("不适用")]})
    current = lock_case(case, expected_version)
    if role == AssignmentRole.LEAD:
        step = lead_step(current)
        if step is not None:
            return case_transition(case=current, action=step.action, acting_user=acting_user, note=note or _("交办"),
                                   expected_version=expected_version, to_user=to_user, to_department=to_department,
                                   due_on=due_on)
        if current.state.kind != StateKind.OPEN:
            raise TransitionRefused(_("已化解或已办结的案件不能再交办。"))
    roles = roles_for_case(acting_user, current)
    is_lead = current.lead_user_id == getattr(acting_user, "pk", None)
    if not (can_manage(acting_user, current) or (role == AssignmentRole.CO and is_lead)):
        raise PermissionRefused(_("您无权交办该案件。"))
    note = _clean_note(note)
    before = snapshot(current)
    rule_due = current.due_at
    if role == AssignmentRole.LEAD:
        fields = ["lead_user", "lead_department"]
        if due_on is not None:  # no assign step: the current step's due date is the limit
            limit = Clock(rule=current.deadline_rule, started_at=current.clock_started_at, due_at=current.due_at,
                          warn_at=current.warn_at)
            chosen = check_chosen_due(due_on=due_on, rule_clock=limit, state_name=current.state.name,
                                      now=timezone.now())
            fields += apply_chosen_due(current, due_at=chosen, acting_user=acting_user)
        _end_assignments(current, status=AssignmentStatus.TRANSFERRED, note=note)
        _new_lead(current, acting_user=acting_user, to_user=to_user, to_department=to_department, note=note)
        save_case(current, fields)
    else:
        if current.state.kind == StateKind.CLOSED:
            raise TransitionRefused(_("已办结的案件不能再增加协办。"))
        task = _clean_note(task, "task") or note
        due_at = co_task_due(start=timezone.now(), days=due_days, unit=due_unit, fallback=current.due_at)
        co_task = Assignment.objects.create(case=current, role=AssignmentRole.CO, user=to_user, department=to_department,
                                            note=note, task=task, assigned_by=acting_user, due_at=due_at)
        save_case(current, [])
        notify_after_commit(
            recipients=task_handlers(co_task), kind=NOTICE_ASSIGNED, case=current, acting_user=acting_user,
            title=_("协办任务：%(ref)s") % {"ref": current.reference},
            body=_("%(task)s\n期限：%(due)s") % {
                "task": task or _("配合主办单位处置"),
                "due": timezone.localtime(due_at).strftime("%Y-%m-%d %H:%M") if due_at else _("无"),
            },
        )
    data: dict[str, object] = {"to": str(to_department or to_user), "role": role, "actor_roles": sorted(roles)}
    if due_on is not None:
        data.update(chosen_due_data(rule_due=rule_due, case=current))
    if role == AssignmentRole.CO:
        data["task"] = co_task.task
        data["due_at"] = co_task.due_at.isoformat() if co_task.due_at else None
    add_event(current, kind=EventKind.ASSIGNED, actor=acting_user, action=f"assign_{role}", note=note, data=data)
    audit_record(actor=acting_user, action=f"case.assign_{role}", obj=current, before=before,
                 after={**snapshot(current), "to_department": getattr(to_department, "pk", None), "to_user": getattr(to_user, "pk", None),
                        **({"rule_due_at": data["rule_due_at"]} if "rule_due_at" in data else {})})
    events.publish(events.CaseAssigned(case_id=current.pk, acting_user_id=getattr(acting_user, "pk", None), role=role,
                                       user_id=getattr(to_user, "pk", None), department_id=getattr(to_department, "pk", None)))
    return current


@transaction.atomic
def case_add_note(*, case: Case, acting_user, note: str, public: bool = False, expected_version: int | None = None) -> Case:
    ensure_case_visible(acting_user, case.pk)
    note = _clean_note(note)
    if not note:
        raise ValidationFailed(_("请填写内容。"), field_errors={"note": [_("必填")]})
    if not roles_for_case(acting_user, case):
        raise PermissionRefused(_("您无权为该案件添加记录。"))
    current = lock_case(case, expected_version)
    save_case(current, [])
    add_event(current, kind=EventKind.NOTE, actor=acting_user, note="" if public else note, public_note=note if public else "")
    audit_record(actor=acting_user, action="case.note", obj=current, after={"public": public, "length": len(note)})
    events.publish(events.CaseNoteAdded(case_id=current.pk, acting_user_id=getattr(acting_user, "pk", None), public=public))
    return current
