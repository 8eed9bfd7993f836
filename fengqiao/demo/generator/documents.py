"""What the case services ask of a step besides its action, added to the generated steps as staff would give it:
the channel a refusal or redirection notice names, the routes told after a failed mediation, the written answer
of a petition step (delivered in person that day), the day a 复查/复核 request came and the body reviewing it
(a handler of that body writes its opinion), and the report of each co-task before the case closes.

No random draws: a seed gives the same cases with or without this step.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone

from fengqiao.cases.seed import HEAD_APPROVAL, PROCESSES
from fengqiao.demo.generator.county import County
from fengqiao.demo.generator.specs import (
    ASSIGN_CO,
    CO_TASK_DONE,
    EXTENSION_APPROVE,
    EXTENSION_REQUEST,
    NON_TRANSITIONS,
    AnswerSpec,
    CaseSpec,
    ReviewSpec,
    StepSpec,
)

# (process, action): the notice channel's code and detail (cases.seed notice channels)
NOTICE_CHANNELS = {
    ("dispute", "decline"): ("arbitration", ""),
    ("petition", "decline"): ("litigation", ""),
    ("petition", "refer_legal"): ("court", ""),
    ("workorder", "to_emergency"): ("110", ""),
    ("workorder", "redirect"): ("market", "消费者协会"),
}
FAILED_MEDIATION_ROUTES = ("arbitration", "administrative", "litigation")
# bodies that take a 复查, then a 复核, in order of preference (never one that answered the matter before)
REVIEWING_BODIES = ("qx-xfj", "qx-sfj", "qx-mzj", "qx-zhzf")
CO_TASK_RESULT = "已按要求完成协办事项，书面意见已反馈主办单位。"
ANSWER_DELIVERY = "in_person"
ANSWER_OUTCOME = "explain"
OVERRIDE_NOTE = "答复已载明事实、依据和处理意见，经承办单位负责人审核后出具。"


def _states(process: str) -> tuple[str, dict[tuple[str, str], str], set[str]]:
    _name, _description, states, transitions = PROCESSES[process]
    table = {(source, action): target for action, _n, source, target, _roles, _note in transitions}
    closed = {code for code, _label, kind in states if kind == "closed"}
    return states[0][0], table, closed


def with_documents(spec: CaseSpec, county: County) -> CaseSpec:
    """`spec` with the documents, channels, routes and co-task reports its steps need."""
    state, table, closed = _states(spec.process)
    steps: list[StepSpec] = []
    open_co: list[StepSpec] = []
    answered_by: list[str] = []  # bodies that answered, by department code ("" for the lead at the time)
    lead, reviewer, reviewed_from = "", "", ""  # reviewed_from: the body that led before the first 复查
    for step in spec.steps:
        if step.action in NON_TRANSITIONS:
            if step.action == ASSIGN_CO:
                open_co.append(step)
            if step.action == EXTENSION_APPROVE and (spec.process, state) in HEAD_APPROVAL and lead:
                step = _approved_by_head(steps, step, county.handlers(lead))
            steps.append(step)
            continue
        target = table.get((state, step.action), "")
        if target in closed and open_co:
            before = steps[-1].at if steps else spec.received_at
            at = before + (step.at - before) / 2
            steps += [StepSpec(CO_TASK_DONE, at.replace(microsecond=0), co.actor, to_department=co.to_department,
                               note=CO_TASK_RESULT) for co in open_co]
            open_co = []
        step = _documented(spec.process, state, target, step, county, answered_by, lead, reviewer)
        if step.action == "close" and reviewed_from and step.actor in county.handlers(reviewed_from):
            # after a 复查 the reviewing body leads the matter: one of its handlers closes it, not the first body's
            step = dataclasses.replace(step, actor=county.handlers(reviewer)[0])
        if step.to_department:
            lead = step.to_department
        if step.review is not None:
            reviewed_from = reviewed_from or lead
            lead = reviewer = step.review.body
        if step.answer is not None:
            answered_by.append(step.answer.body or lead)
        steps.append(step)
        state = target
    return dataclasses.replace(spec, steps=steps)


def _documented(process: str, state: str, target: str, step: StepSpec, county: County, answered_by: list[str],
                lead: str, reviewer: str) -> StepSpec:
    day = timezone.localtime(step.at).date()
    if (process, step.action) in NOTICE_CHANNELS:
        channel, detail = NOTICE_CHANNELS[(process, step.action)]
        return dataclasses.replace(step, channel=channel, channel_detail=detail)
    if process == "dispute" and step.action == "fail" and state == "mediating":
        return dataclasses.replace(step, routes=FAILED_MEDIATION_ROUTES)
    if process != "petition":
        return step
    if step.action in ("request_review", "request_re_review"):
        taken = {*answered_by, lead}
        body = next(code for code in REVIEWING_BODIES if code not in taken)
        return dataclasses.replace(step, review=ReviewSpec(received_on=day, body=body))
    issues = step.action == "answer" or (state == "re_review" and target == "closed")
    if not issues:
        return step
    actor = step.actor
    if state in ("review", "re_review") and reviewer:
        # the reviewing body writes its opinion; nobody of a body that answered before (信访工作条例 第二十八条)
        actor = county.handlers(reviewer)[0]
    answer = AnswerSpec(text=step.note, outcome=ANSWER_OUTCOME, delivery_method=ANSWER_DELIVERY,
                        delivered_on=_delivered(step.at), override_note=OVERRIDE_NOTE)
    return dataclasses.replace(step, actor=actor, answer=answer)


def _approved_by_head(steps: list[StepSpec], step: StepSpec, handlers: list[str]) -> StepSpec:
    """Where the law asks a 负责人 of the handling body to approve (信访工作条例 第三十四条), the department's head (its
    first handler) approves; a request the head made is made by a colleague instead (nobody approves their own)."""
    head = handlers[0]
    request = next((n for n in range(len(steps) - 1, -1, -1) if steps[n].action == EXTENSION_REQUEST), None)
    if request is not None and steps[request].actor == head and len(handlers) > 1:
        steps[request] = dataclasses.replace(steps[request], actor=handlers[1])
    return dataclasses.replace(step, actor=head)


def _delivered(at: dt.datetime) -> dt.date:
    """Handed over in person the day it was issued."""
    return timezone.localtime(at).date()
