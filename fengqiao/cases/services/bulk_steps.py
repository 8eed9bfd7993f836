"""The in-memory half of the bulk path (services/bulk.py): a CaseSpec's steps taken as the services take them.

Each step does to an in-memory case what its service does to a stored one, in the same order: `case_transition`
(leads ended and named, clocks, closing, 复查/复核 and the final review, written answers, review requests, notices,
routes), `case_assign` for a co-handler, `case_co_task_complete`, `case_add_note`, `case_extension_request` and
`case_extension_decide`. Rows are plain dicts keyed by attribute name; documents an event names (a notice, an
answer, a co-task) are linked to its row and filled in once written (services/bulk.py). The workflow, channels,
routes and documents are checked as the services check them; who may take a step is the spec's author's concern.
"""
from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import Membership, User
from fengqiao.cases.choices import (
    LEAD_EFFECTS,
    RETURN_EFFECTS,
    AssignmentRole,
    AssignmentStatus,
    EventKind,
    ExtensionStatus,
    NoticeKind,
    StateKind,
    TransitionEffect,
)
from fengqiao.cases.models import Case, Category, DisputeType, NoticeChannel, Process, State, Transition
from fengqiao.cases.models.case import TRACKING_ALPHABET
from fengqiao.cases.permissions import ASSIGNEE
from fengqiao.cases.petition_choices import AnswerStage
from fengqiao.cases.querysets import REGIONAL_ROLES
from fengqiao.cases.remedies import clean_routes, routes_text
from fengqiao.cases.services.parties import party_row_values
from fengqiao.cases.services.petition import check_answer_text
from fengqiao.cases.services.review import CONTESTED_STAGE, REVIEW_REQUEST_EFFECTS
from fengqiao.cases.specs import (
    ASSIGN_CO,
    CO_TASK_DONE,
    EXTENSION_APPROVE,
    EXTENSION_REQUEST,
    NOTE,
    BulkNames,
    CaseSpec,
    StepSpec,
)
from fengqiao.cases.stepclocks import StepClocks
from fengqiao.core.errors import ServiceError

Row = dict[str, Any]
MAX_NOTE = 5000  # as services.workflow


class BulkLoadError(RuntimeError):
    """A spec the services would refuse: the message names the case's key and the step."""


@dataclass
class BuiltCase:
    """One case in memory with its dependent rows (their case_id is filled in once the case is written)."""

    case: SimpleNamespace  # the Case row: its field attnames, plus `deadline_rule` for in-memory use
    spec: CaseSpec
    parties: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    assignments: list[Row] = field(default_factory=list)
    extensions: list[Row] = field(default_factory=list)
    answers: list[Row] = field(default_factory=list)
    requests: list[Row] = field(default_factory=list)
    notices: list[Row] = field(default_factory=list)


def tracking_code() -> str:
    """A public tracking code like cases.models.case.new_tracking_code: 10 characters from a CSPRNG (one read)."""
    return "".join(TRACKING_ALPHABET[b % len(TRACKING_ALPHABET)] for b in secrets.token_bytes(10))


def _clean(text: str) -> str:
    return (text or "").strip()


class CaseBuilder:
    """The workflow, reference rows and staff in memory, and the steps of one spec applied to them."""

    def __init__(self, names: BulkNames, *, first_day: dt.date, last_day: dt.date) -> None:
        self.names = names
        self.processes = {p.code: p for p in Process.objects.all()}
        self.state_by_id = {s.pk: s for s in State.objects.all()}
        self.initial = {s.process_id: s for s in self.state_by_id.values() if s.is_initial}
        active = Transition.objects.filter(is_active=True).select_related("from_state", "to_state")
        self.transitions = {(t.process_id, t.from_state_id, t.action): t for t in active}
        # the state each review request leads to, and the stage it opens (services.review.issuing_stage_of)
        self.opened_by = {(t.process_id, t.to_state_id): REVIEW_REQUEST_EFFECTS[t.effect]
                          for t in Transition.objects.filter(effect__in=REVIEW_REQUEST_EFFECTS)}
        self.re_review_states = {(p, s) for (p, s), stage in self.opened_by.items() if stage == AnswerStage.RE_REVIEW}
        self.channels = {(c.notice_kind, c.code): c for c in NoticeChannel.objects.filter(is_active=True)}
        self.categories = dict(Category.objects.values_list("code", "id"))
        self.dispute_types = dict(DisputeType.objects.values_list("code", "id"))
        self.department_names = {pk: name for pk, name in names.departments.values()}
        self.users = {u.pk: u for u in User.objects.filter(pk__in=names.users.values())}
        self.memberships: dict[int, list[Membership]] = {}
        for m in (Membership.objects.filter(user_id__in=self.users, is_active=True)
                  .select_related("region", "department").order_by("pk")):
            self.memberships.setdefault(m.user_id, []).append(m)
        self.clocks = StepClocks(first_day=first_day, last_day=last_day)

    # -- names -----------------------------------------------------------------------------------
    def user_id(self, username: str) -> int | None:
        if not username:
            return None
        try:
            return self.names.users[username]
        except KeyError as exc:
            raise BulkLoadError(f"unknown user {username!r}") from exc

    def department(self, code: str) -> tuple[int, str]:
        try:
            return self.names.departments[code]
        except KeyError as exc:
            raise BulkLoadError(f"unknown department {code!r}") from exc

    def user_label(self, user_id: int) -> str:
        return str(self.users[user_id])

    def roles(self, built: BuiltCase, user_id: int | None) -> set[str]:
        """cases.permissions.roles_for_case on the in-memory case (a new case is under no leader: no LeaderCase)."""
        user = self.users.get(user_id) if user_id else None
        if user is None:
            return set()
        case = built.case
        roles: set[str] = {Role.ADMIN} if user.is_superuser else set()
        active = [a for a in built.assignments if a["status"] == AssignmentStatus.ACTIVE]
        departments = {a["department_id"] for a in active if a["department_id"]}
        if case.lead_department_id:
            departments.add(case.lead_department_id)
        for m in self.memberships.get(user.pk, []):
            if m.role in REGIONAL_ROLES and case.region_path.startswith(m.region.path):
                roles.add(m.role)
            elif m.role == Role.HANDLER and m.department_id in departments:
                roles.add(Role.HANDLER)
        if case.lead_user_id == user.pk or any(a["user_id"] == user.pk for a in active):
            roles.add(ASSIGNEE)
        return roles

    def _own_departments(self, user_id: int | None) -> list[int]:
        return [m.department_id for m in self.memberships.get(user_id or 0, []) if m.department_id]

    # -- one case --------------------------------------------------------------------------------
    def build(self, spec: CaseSpec) -> BuiltCase:
        try:
            process = self.processes[spec.process]
            region_id, region_path = self.names.regions[spec.region]
        except KeyError as exc:
            raise BulkLoadError(f"{spec.key}: unknown process or region ({exc})") from exc
        state = self.initial[process.pk]
        registrar = self.user_id(spec.registered_by)
        case = SimpleNamespace(
            pk=None, tracking_code=tracking_code(), process_id=process.pk, state_id=state.pk, channel=spec.channel,
            title=spec.title.strip(), narrative=spec.narrative.strip(), region_id=region_id, region_path=region_path,
            address=spec.address.strip(), latitude=Decimal(spec.latitude) if spec.latitude else None,
            longitude=Decimal(spec.longitude) if spec.longitude else None,
            category_id=self.categories.get(spec.category), dispute_type_id=self.dispute_types.get(spec.dispute_type),
            urgency=spec.urgency, party_count=spec.party_count, external_ref=spec.external_ref.strip(),
            received_at=spec.received_at, registered_by_id=registrar, lead_department_id=None, lead_user_id=None,
            clock_started_at=None, warn_at=None, due_at=None, deadline_rule=None, deadline_rule_id=None,
            calendar_warning="", version=1, closed_at=None, is_final_review=False, created_at=spec.received_at,
            updated_at=spec.received_at,
        )
        self.clocks.start(case, state.pk, spec.received_at)
        built = BuiltCase(case=case, spec=spec)
        built.parties = [
            party_row_values(kind=p.kind, role=p.role, name=p.name, id_number=p.id_number, phone=p.phone,
                             address=p.address, is_representative=p.is_representative)
            for p in spec.parties
        ]
        built.events.append({
            "kind": EventKind.CREATED, "actor_id": registrar, "to_state_id": state.pk, "created_at": spec.received_at,
            "public_note": _("您的诉求已登记，查询码 %(code)s。") % {"code": case.tracking_code}, "data": {},
        })
        for step in spec.steps:
            if step.at < case.updated_at:
                raise BulkLoadError(f"{spec.key}: step {step.action} at {step.at} is earlier than the step before")
            try:
                state = self.apply(built, state, step)
            except ServiceError as exc:  # a check shared with the services refused the step
                raise BulkLoadError(f"{spec.key}: {step.action} at {step.at}: {exc}") from exc
            case.updated_at = step.at
        case.state_id = state.pk
        return built

    def _end(self, built: BuiltCase, at: dt.datetime, status: str, note: str = "",
             roles: tuple[str, ...] = (AssignmentRole.LEAD,)) -> None:
        for row in built.assignments:
            if row["status"] == AssignmentStatus.ACTIVE and row["role"] in roles:
                row.update(status=status, ended_at=at, end_note=note)

    def _assign(self, built: BuiltCase, step: StepSpec, role: str, department_id: int | None, user_id: int | None,
                note: str, **values: Any) -> Row:
        row = {"role": role, "department_id": department_id, "user_id": user_id, "status": AssignmentStatus.ACTIVE,
               "note": note, "task": "", "due_at": built.case.due_at, "assigned_by_id": self.user_id(step.actor),
               "created_at": step.at, "ended_at": None, "end_note": "", "ended_by_id": None}
        row.update(values)
        built.assignments.append(row)
        return row

    def _event(self, built: BuiltCase, step: StepSpec, kind: str, actor: int | None, **values: Any) -> Row:
        row: Row = {"kind": kind, "actor_id": actor, "note": "", "public_note": "", "action": "", "created_at": step.at,
                    "from_state_id": None, "to_state_id": None, "data": {}}
        row.update(values)
        built.events.append(row)
        return row

    def apply(self, built: BuiltCase, state: State, step: StepSpec) -> State:
        """One step, as its service takes it; returns the state after it."""
        actor = self.user_id(step.actor)
        note = _clean(step.note)
        if len(note) > MAX_NOTE or len(_clean(step.public_note)) > MAX_NOTE:
            raise BulkLoadError(f"{built.spec.key}: a note over {MAX_NOTE} characters")
        if step.action == NOTE:
            self._notes(built, step, actor)
        elif step.action == ASSIGN_CO:
            self._co_task(built, step, actor)
        elif step.action == CO_TASK_DONE:
            self._co_task_done(built, step, actor)
        elif step.action == EXTENSION_REQUEST:
            built.extensions.append({"state_id": state.pk, "days": step.days, "reason": note, "requested_by_id": actor,
                                     "requested_at": step.at, "status": ExtensionStatus.PENDING})
            self._event(built, step, EventKind.EXTENSION, actor, action="extension_request", note=note,
                        data={"days": step.days})
        elif step.action == EXTENSION_APPROVE:
            self._approve(built, state, step, actor)
        else:
            return self._transition(built, state, step, actor)
        return state

    def _notes(self, built: BuiltCase, step: StepSpec, actor: int | None) -> None:
        """case_add_note: the internal note, then the public one (each a call of its own)."""
        for text, public in ((_clean(step.note), False), (_clean(step.public_note), True)):
            if text:
                built.case.version += 1
                self._event(built, step, EventKind.NOTE, actor, note="" if public else text,
                            public_note=text if public else "")

    def _co_task(self, built: BuiltCase, step: StepSpec, actor: int | None) -> None:
        """case_assign(role=co): a co-handling department with its task, due with the step unless days are given."""
        case, note = built.case, _clean(step.note)
        if self.state_by_id[case.state_id].kind == StateKind.CLOSED:
            raise BulkLoadError(f"{built.spec.key}: a co-handler added to a closed case")
        department_id, name = self.department(step.to_department)
        roles = sorted(self.roles(built, actor))
        # as stored: a due date counted here keeps its zone, the step's own (read back from the database) is in UTC
        due_at = self.clocks.period(step.at, step.days, "working_days")[0] if step.days else case.due_at
        stamp = due_at.astimezone(dt.UTC) if due_at and not step.days else due_at
        self._assign(built, step, AssignmentRole.CO, department_id, None, note, task=note, due_at=due_at)
        case.version += 1
        self._event(built, step, EventKind.ASSIGNED, actor, action="assign_co", note=note,
                    data={"to": name, "role": AssignmentRole.CO, "actor_roles": roles, "task": note,
                          "due_at": stamp.isoformat() if stamp else None})

    def _co_task_done(self, built: BuiltCase, step: StepSpec, actor: int | None) -> None:
        """case_co_task_complete: the department's open co-task reported done, with its result."""
        department_id, name = self.department(step.to_department)
        task = next((a for a in built.assignments if a["role"] == AssignmentRole.CO and
                     a["status"] == AssignmentStatus.ACTIVE and a["department_id"] == department_id), None)
        if task is None or not _clean(step.note):
            raise BulkLoadError(f"{built.spec.key}: no open co-task of {step.to_department!r}, or no result")
        task.update(status=AssignmentStatus.DONE, ended_at=step.at, end_note=_clean(step.note), ended_by_id=actor)
        built.case.version += 1
        self._event(built, step, EventKind.JOINT, actor, action="co_task_done", note=_clean(step.note),
                    data={"to": name}, assignment=task)

    def _approve(self, built: BuiltCase, state: State, step: StepSpec, actor: int | None) -> None:
        case, note = built.case, _clean(step.note)
        pending = [e for e in built.extensions if e["status"] == ExtensionStatus.PENDING]
        if not pending or not note:
            raise BulkLoadError(f"{built.spec.key}: extension approved without a request or a note")
        extension = pending[-1]
        extension.update(status=ExtensionStatus.APPROVED, decided_by_id=actor, decided_at=step.at, decision_note=note)
        if extension["state_id"] == state.pk and case.due_at and case.deadline_rule:
            case.due_at, warning = self.clocks.period(case.due_at, extension["days"], case.deadline_rule.unit)
            case.calendar_warning = warning or case.calendar_warning
        case.version += 1
        public = _("办理期限延长 %(days)d 日，理由：%(reason)s") % {"days": extension["days"], "reason": extension["reason"]}
        self._event(built, step, EventKind.EXTENSION, actor, action="extension_approve", note=note, public_note=public,
                    data={"days": extension["days"]})

    # -- transitions -----------------------------------------------------------------------------
    def _transition(self, built: BuiltCase, state: State, step: StepSpec, actor: int | None) -> State:
        case, key = built.case, built.spec.key
        transition = self.transitions.get((case.process_id, state.pk, step.action))
        if transition is None:
            raise BulkLoadError(f"{key}: the workflow has no action {step.action!r} from {state.code!r}")
        note, public_note = _clean(step.note), _clean(step.public_note)
        if transition.requires_note and not note:
            raise BulkLoadError(f"{key}: {step.action!r} needs a note")
        channel = self._notice_channel(key, transition, step)
        told = clean_routes(step.routes, required=transition.requires_routes, action=transition.name)
        if told and not public_note:
            public_note = _("您可以依法通过%(routes)s等途径维护自己的权利。") % {"routes": routes_text(told)}
        target = transition.to_state
        if target.kind == StateKind.CLOSED and any(
                a["role"] == AssignmentRole.CO and a["status"] == AssignmentStatus.ACTIVE for a in built.assignments):
            raise BulkLoadError(f"{key}: closed with a co-task neither done nor waived")
        issued_stage = self._issuing_stage(transition)
        request_stage = REVIEW_REQUEST_EFFECTS.get(transition.effect)
        answer = self._answer(built, step, issued_stage, actor) if issued_stage else None
        step_date = answer["delivered_on"] if answer else None
        request = self._request(built, step, request_stage) if request_stage else None
        if request is not None:
            step_date = request["received_on"]
        effect = transition.effect
        if effect in LEAD_EFFECTS:
            self._end(built, step.at, AssignmentStatus.TRANSFERRED if effect == TransitionEffect.TRANSFER
                      else AssignmentStatus.DONE, note)
        elif request_stage:
            self._end(built, step.at, AssignmentStatus.DONE, note)
        elif effect in RETURN_EFFECTS:
            self._end(built, step.at, AssignmentStatus.RETURNED, note)
            case.lead_user_id = case.lead_department_id = None
        elif effect == TransitionEffect.ACCEPT:
            lead = next((a for a in built.assignments
                         if a["role"] == AssignmentRole.LEAD and a["status"] == AssignmentStatus.ACTIVE), None)
            if lead is None:
                self._assign(built, step, AssignmentRole.LEAD, None, actor, note)
                case.lead_user_id, case.lead_department_id = actor, None
            elif lead["user_id"] is None:
                lead["user_id"] = actor
                case.lead_user_id = actor
        if target.kind == StateKind.CLOSED:
            self._end(built, step.at, AssignmentStatus.DONE, roles=(AssignmentRole.LEAD, AssignmentRole.CO))
            case.closed_at = step.at
        elif effect == TransitionEffect.REOPEN:
            case.closed_at = None
        case.is_final_review = target.kind == StateKind.CLOSED and (
            case.is_final_review or (case.process_id, state.pk) in self.re_review_states)
        self.clocks.start(case, target.pk, step.at, step_date)
        data: dict[str, Any] = {}
        if effect in LEAD_EFFECTS:
            to_user = self.user_id(step.to_user) if step.to_user else None
            department_id, department_name = self.department(step.to_department) if step.to_department else (None, "")
            if to_user is None and department_id is None:
                raise BulkLoadError(f"{key}: {step.action!r} names no department or user")
            self._assign(built, step, AssignmentRole.LEAD, department_id, to_user, note)
            case.lead_department_id, case.lead_user_id = department_id, to_user
            data = {"to": department_name or self.user_label(cast(int, to_user))}
        elif request is not None:
            self._assign(built, step, AssignmentRole.LEAD, request["body_id"], None, note)
            case.lead_department_id, case.lead_user_id = request["body_id"], None
            data = {"to": self.department_names[request["body_id"]]}
        case.version += 1
        if answer is not None:
            answer["issued_at"] = step.at
            answer["delivery_recorded_at"] = step.at if answer["delivered_on"] else None
            built.answers.append(answer)
            public_note = public_note or answer["text"]
            data.update(_answer_data(answer, self.department_names))
        if request is not None:
            request["created_at"] = step.at
            built.requests.append(request)
        if told:
            data["routes"] = told
        event = self._event(built, step, EventKind.TRANSITION, actor, action=step.action, note=note,
                            public_note=public_note, from_state_id=state.pk, to_state_id=target.pk, data=data,
                            answer=answer)
        if channel is not None:
            notice = self._notice(built, transition, step, channel, actor, note)
            event.update(public_note=public_note or notice["public_note"], notice=notice)
            data.update(channel=channel.code)  # the notice's id is added once it is written
        return target

    def _issuing_stage(self, transition: Transition) -> str | None:
        stage = self.opened_by.get((transition.process_id, transition.from_state_id))
        if transition.effect == TransitionEffect.ANSWER:
            return stage or AnswerStage.ANSWER
        if stage == AnswerStage.RE_REVIEW and transition.to_state.kind == StateKind.CLOSED:
            return AnswerStage.RE_REVIEW
        return None

    def _notice_channel(self, key: str, transition: Transition, step: StepSpec) -> NoticeChannel | None:
        if not transition.notice_kind:
            return None
        channel = self.channels.get((transition.notice_kind, step.channel))
        if channel is None or (channel.needs_detail and not _clean(step.channel_detail)):
            raise BulkLoadError(f"{key}: {step.action!r} needs a notice channel of {transition.notice_kind!r}"
                                f"{' with its detail' if channel is not None else ''}")
        return channel

    def _notice(self, built: BuiltCase, transition: Transition, step: StepSpec, channel: NoticeChannel,
                actor: int | None, reason: str) -> Row:
        """services.refusals.issue_notice; the number and text need the case's id and are finished when written."""
        case = built.case
        if case.lead_department_id:
            issuer = self.department_names[case.lead_department_id]
        else:
            own = [m.department.name for m in self.memberships.get(actor or 0, []) if m.department is not None]
            issuer = own[0] if own else ""  # "" : the case's region, filled in when written
        notice = {"kind": transition.notice_kind, "state_id": transition.to_state_id, "reason": reason,
                  "channel_id": channel.pk, "channel": channel, "channel_name": channel.name,
                  "channel_detail": _clean(step.channel_detail), "legal_basis": channel.legal_basis,
                  "issuer": issuer, "issued_by_id": actor, "issued_at": step.at, "order": len(built.notices) + 1}
        detail = f"（{notice['channel_detail']}）" if notice["channel_detail"] else ""
        kind_label = NoticeKind(transition.notice_kind).label
        notice["public_note"] = _("%(kind)s：%(reason)s；告知途径：%(channel)s。") % {
            "kind": kind_label, "reason": reason.rstrip("。"), "channel": channel.name + detail}
        built.notices.append(notice)
        return notice

    def _answer(self, built: BuiltCase, step: StepSpec, stage: str, actor: int | None) -> Row:
        """services.petition_answers.check_answer and record_answer, on the in-memory case."""
        key, spec = built.spec.key, step.answer
        if spec is None or not _clean(spec.text):
            raise BulkLoadError(f"{key}: {step.action!r} issues a written answer and needs one")
        case = built.case
        body_id: int | None
        if spec.body:
            body_id = self.department(spec.body)[0]
        elif stage != AnswerStage.ANSWER:
            requests = [r for r in built.requests if r["stage"] == stage]
            body_id = requests[-1]["body_id"] if requests else case.lead_department_id
        else:
            own = set(self._own_departments(actor))
            body_id = case.lead_department_id or (own.pop() if len(own) == 1 else None)
        if body_id is None:
            raise BulkLoadError(f"{key}: no body issues the answer")
        if stage != AnswerStage.ANSWER:
            earlier = {a["body_id"] for a in built.answers if a["stage"] in _earlier_stages(stage)}
            if body_id in earlier or earlier & set(self._own_departments(actor)):
                raise BulkLoadError(f"{key}: the {stage} opinion comes from a body (or a member of one) that answered")
        if spec.delivered_on is not None and spec.delivered_on != timezone.localtime(step.at).date():
            # services.petition_answers.clean_delivery: not before the day it is issued, nor after that day
            raise BulkLoadError(f"{key}: an answer received on another day than it was issued")
        # the check sees the case as the service reads it back from the database: its due date in UTC
        stored = SimpleNamespace(**{**vars(case), "due_at": case.due_at.astimezone(dt.UTC) if case.due_at else None})
        summary = check_answer_text(cast(Case, stored), spec.text.strip(), step.at)
        sent_anyway = bool(summary is not None and not summary["passed"])
        if sent_anyway and not _clean(spec.override_note):
            raise BulkLoadError(f"{key}: the answer fails its check ({summary and summary['failed']}) with no reason")
        delivered = spec.delivered_on is not None
        return {"stage": stage, "body_id": body_id, "text": spec.text.strip(), "outcome": spec.outcome,
                "check_result": (summary or {}).get("result", {}), "sent_anyway": sent_anyway,
                # what services.petition_answers.answer_event_data keeps as failed: the result's own list, if any
                "failed": (summary or {}).get("result", {}).get("failed", []),
                "override_note": _clean(spec.override_note) if sent_anyway else "", "issued_by_id": actor,
                "delivery_method": spec.delivery_method if delivered else "", "delivered_on": spec.delivered_on,
                "delivery_note": "", "delivery_recorded_by_id": actor if delivered else None}

    def _request(self, built: BuiltCase, step: StepSpec, stage: str) -> Row:
        """services.review.check_review_request's record of a 复查/复核 request (services.petition_answers)."""
        if step.review is None:
            raise BulkLoadError(f"{built.spec.key}: {step.action!r} needs the day it was received and its body")
        body_id = self.department(step.review.body)[0]
        contested = [a for a in built.answers if a["stage"] == CONTESTED_STAGE[stage]]
        if body_id in {a["body_id"] for a in built.answers if a["stage"] in _earlier_stages(stage)}:
            raise BulkLoadError(f"{built.spec.key}: the reviewing body answered this matter before")
        if contested and contested[-1]["delivered_on"] and step.review.received_on < contested[-1]["delivered_on"]:
            raise BulkLoadError(f"{built.spec.key}: a review request received before the answer was")
        return {"stage": stage, "contested": contested[-1] if contested else None, "received_on": step.review.received_on,
                "body_id": body_id, "created_by_id": self.user_id(step.actor)}


def _earlier_stages(stage: str) -> tuple[str, ...]:
    return (AnswerStage.ANSWER,) if stage == AnswerStage.REVIEW else (AnswerStage.ANSWER, AnswerStage.REVIEW)


def _answer_data(answer: Row, department_names: dict[int, str]) -> dict[str, Any]:
    """services.petition_answers.answer_event_data without the answer's id (added once it is written)."""
    data: dict[str, Any] = {"stage": answer["stage"], "outcome": answer["outcome"],
                            "body": department_names[answer["body_id"]]}
    if answer["sent_anyway"]:
        data.update(sent_anyway=True, failed=answer["failed"], override_note=answer["override_note"])
    return data
