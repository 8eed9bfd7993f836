"""The bulk loader: turns generated CaseSpecs into Case, Party, Assignment, CaseEvent rows quickly.

It does what the case services do, step by step, but in memory and written in bulk:
- each step must be a transition of the seeded workflow from the case's current state
  (a path the workflow does not allow stops the load, naming the case);
- every state change restarts the clock as `cases.deadlines.clock_for` does (clocks.py);
- assignments (主办/协办) open and end as `case_transition` and `case_assign` leave them;
- an approved extension moves the due date as `case_extension_decide` does;
- every case gets its timeline (created, transitions, assignments, notes, extensions) and one
  audit row, action "case.import_demo", by the system.
Rows are written in batches, each batch in one transaction (nested in the caller's, if any).
"""
from __future__ import annotations

import datetime as dt
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from types import SimpleNamespace
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.choices import (
    LEAD_EFFECTS,
    AssignmentRole,
    AssignmentStatus,
    EventKind,
    ExtensionStatus,
    StateKind,
    TransitionEffect,
)
from fengqiao.cases.models import (
    Assignment,
    Case,
    CaseEvent,
    Category,
    DeadlineExtension,
    DisputeType,
    Party,
    Process,
    State,
    Transition,
)
from fengqiao.cases.models.case import TRACKING_ALPHABET
from fengqiao.core.masking import mask_text
from fengqiao.demo.clocks import StepClocks
from fengqiao.demo.generator.specs import (
    ASSIGN_CO,
    EXTENSION_APPROVE,
    EXTENSION_REQUEST,
    NOTE,
    CaseSpec,
    StepSpec,
)
from fengqiao.demo.reference import Directory
from fengqiao.demo.rows import RowWriter

IMPORT_ACTION = "case.import_demo"
Row = dict[str, Any]


class LoadError(RuntimeError):
    pass


@dataclass
class LoadReport:
    cases: int = 0
    parties: int = 0
    events: int = 0
    assignments: int = 0
    extensions: int = 0
    seconds: float = 0.0


@dataclass
class _Built:
    """One case in memory with its dependent rows (their case_id is filled in once the case is written)."""

    case: SimpleNamespace  # the Case row: its field attnames, plus `deadline_rule` for in-memory use
    spec: CaseSpec
    parties: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    assignments: list[Row] = field(default_factory=list)
    extensions: list[Row] = field(default_factory=list)


class CaseLoader:
    def __init__(self, directory: Directory, *, batch_size: int = 500, first_day: dt.date | None = None) -> None:
        self.directory = directory
        self.batch_size = batch_size
        self.processes = {p.code: p for p in Process.objects.all()}
        self.state_by_id = {s.pk: s for s in State.objects.all()}
        self.initial = {s.process_id: s for s in self.state_by_id.values() if s.is_initial}
        active = list(Transition.objects.filter(is_active=True))
        self.transitions = {(t.process_id, t.from_state_id, t.action): self.state_by_id[t.to_state_id] for t in active}
        self.effects = {(t.process_id, t.from_state_id, t.action): t.effect for t in active}
        self.categories = dict(Category.objects.values_list("code", "id"))
        self.dispute_types = dict(DisputeType.objects.values_list("code", "id"))
        today = timezone.localdate()
        self.clocks = StepClocks(first_day=first_day or today - dt.timedelta(days=3 * 366), last_day=today)
        self.writers = {model: RowWriter(model) for model in (Case, Party, CaseEvent, Assignment, DeadlineExtension, AuditEntry)}

    def user_id(self, username: str) -> int | None:
        if not username:
            return None
        try:
            return self.directory.users[username]
        except KeyError as exc:
            raise LoadError(f"unknown user {username!r}") from exc

    def department(self, code: str) -> tuple[int, str]:
        try:
            return self.directory.departments[code]
        except KeyError as exc:
            raise LoadError(f"unknown department {code!r}") from exc

    # -- one case --------------------------------------------------------------------------------
    def build(self, spec: CaseSpec) -> _Built:
        try:
            process = self.processes[spec.process]
            region_id, region_path = self.directory.regions[spec.region]
        except KeyError as exc:
            raise LoadError(f"{spec.key}: unknown process or region ({exc})") from exc
        state = self.initial[process.pk]
        registrar = self.user_id(spec.registered_by)
        case = SimpleNamespace(
            pk=None, tracking_code=tracking_code(), process_id=process.pk, state_id=state.pk, channel=spec.channel,
            title=spec.title, narrative=spec.narrative, region_id=region_id, region_path=region_path, address=spec.address,
            latitude=Decimal(spec.latitude) if spec.latitude else None,
            longitude=Decimal(spec.longitude) if spec.longitude else None,
            category_id=self.categories.get(spec.category), dispute_type_id=self.dispute_types.get(spec.dispute_type),
            urgency=spec.urgency, party_count=spec.party_count, external_ref=spec.external_ref,
            received_at=spec.received_at, registered_by_id=registrar, lead_department_id=None, lead_user_id=None,
            clock_started_at=None, warn_at=None, due_at=None, deadline_rule=None, deadline_rule_id=None,
            calendar_warning="", version=1, closed_at=None, created_at=spec.received_at, updated_at=spec.received_at,
        )
        self.clocks.start(case, state.pk, spec.received_at)
        built = _Built(case=case, spec=spec)
        built.parties = [
            {"kind": p.kind, "role": p.role, "name": p.name, "id_number": p.id_number, "phone": p.phone,
             "address": p.address, "is_representative": p.is_representative}
            for p in spec.parties
        ]
        built.events.append({
            "kind": EventKind.CREATED, "actor_id": registrar, "to_state_id": state.pk, "created_at": spec.received_at,
            "public_note": _("您的诉求已登记，查询码 %(code)s。") % {"code": case.tracking_code}, "data": {},
        })
        for step in spec.steps:
            if step.at < case.updated_at:
                raise LoadError(f"{spec.key}: step {step.action} at {step.at} is earlier than the step before")
            state = self.apply(built, state, step)
            case.updated_at = step.at
        case.state_id = state.pk
        return built

    def _end(self, built: _Built, at: dt.datetime, status: str, note: str = "",
             roles: tuple[str, ...] = (AssignmentRole.LEAD,)) -> None:
        for row in built.assignments:
            if row["status"] == AssignmentStatus.ACTIVE and row["role"] in roles:
                row.update(status=status, ended_at=at, end_note=note)

    def _assign(self, built: _Built, step: StepSpec, role: str, department: str, user_id: int | None) -> None:
        built.assignments.append({
            "role": role, "department_id": self.department(department)[0] if department else None, "user_id": user_id,
            "status": AssignmentStatus.ACTIVE, "note": step.note, "due_at": built.case.due_at,
            "assigned_by_id": self.user_id(step.actor), "created_at": step.at, "ended_at": None, "end_note": "",
        })

    def _event(self, built: _Built, step: StepSpec, kind: str, actor: int | None, **values: Any) -> None:
        row = {"kind": kind, "actor_id": actor, "note": step.note, "public_note": step.public_note, "created_at": step.at,
               "data": {}}
        row.update(values)
        built.events.append(row)

    def apply(self, built: _Built, state: State, step: StepSpec) -> State:
        """One step, as the matching service would take it; returns the state after it."""
        case = built.case
        actor = self.user_id(step.actor)
        if step.action == NOTE:
            case.version += 1
            self._event(built, step, EventKind.NOTE, actor)
            return state
        if step.action == ASSIGN_CO:
            self._assign(built, step, AssignmentRole.CO, step.to_department, None)
            case.version += 1
            self._event(built, step, EventKind.ASSIGNED, actor, action="assign_co", public_note="",
                        data={"to": self.department(step.to_department)[1], "role": AssignmentRole.CO})
            return state
        if step.action == EXTENSION_REQUEST:
            built.extensions.append({"state_id": state.pk, "days": step.days, "reason": step.note, "requested_by_id": actor,
                                     "requested_at": step.at, "status": ExtensionStatus.PENDING})
            self._event(built, step, EventKind.EXTENSION, actor, action="extension_request", public_note="",
                        data={"days": step.days})
            return state
        if step.action == EXTENSION_APPROVE:
            return self._approve(built, state, step, actor)
        target = self.transitions.get((case.process_id, state.pk, step.action))
        if target is None:
            raise LoadError(f"{built.spec.key}: the workflow has no action {step.action!r} from {state.code!r}")
        action, effect = step.action, self.effects[(case.process_id, state.pk, step.action)]
        if effect in LEAD_EFFECTS:
            self._end(built, step.at, AssignmentStatus.TRANSFERRED if effect == TransitionEffect.TRANSFER
                      else AssignmentStatus.DONE, step.note)
        elif effect == TransitionEffect.RETURN:
            # As before issue 10: a party's refusal of mediation (effect "refused") keeps the lead here, while
            # case_transition ends it; the demo's mediations rely on that (left for the one-write-path work).
            self._end(built, step.at, AssignmentStatus.RETURNED, step.note)
            case.lead_user_id = case.lead_department_id = None
        elif effect == TransitionEffect.ACCEPT:
            lead = next((a for a in built.assignments
                         if a["role"] == AssignmentRole.LEAD and a["status"] == AssignmentStatus.ACTIVE), None)
            if lead is None:
                self._assign(built, step, AssignmentRole.LEAD, "", actor)
                case.lead_user_id, case.lead_department_id = actor, None
            elif lead["user_id"] is None:
                lead["user_id"] = actor
                case.lead_user_id = actor
        if target.kind == StateKind.CLOSED:
            self._end(built, step.at, AssignmentStatus.DONE, roles=(AssignmentRole.LEAD, AssignmentRole.CO))
            case.closed_at = step.at
        elif effect == TransitionEffect.REOPEN:
            case.closed_at = None
        self.clocks.start(case, target.pk, step.at)
        data = {}
        if effect in LEAD_EFFECTS:
            to_user = self.user_id(step.to_user) if step.to_user else None
            self._assign(built, step, AssignmentRole.LEAD, step.to_department, to_user)
            department_id, department_name = self.department(step.to_department) if step.to_department else (None, "")
            case.lead_department_id, case.lead_user_id = department_id, to_user
            data = {"to": department_name or step.to_user}
        case.version += 1
        self._event(built, step, EventKind.TRANSITION, actor, action=action, from_state_id=state.pk, to_state_id=target.pk,
                    data=data)
        return target

    def _approve(self, built: _Built, state: State, step: StepSpec, actor: int | None) -> State:
        case = built.case
        pending = [e for e in built.extensions if e["status"] == ExtensionStatus.PENDING]
        if not pending:
            raise LoadError(f"{built.spec.key}: extension approved without a request")
        extension = pending[-1]
        extension.update(status=ExtensionStatus.APPROVED, decided_by_id=actor, decided_at=step.at, decision_note=step.note)
        if extension["state_id"] == state.pk and case.due_at and case.deadline_rule:
            case.due_at, warning = self.clocks.period(case.due_at, extension["days"], case.deadline_rule.unit)
            case.calendar_warning = warning or case.calendar_warning
        case.version += 1
        public = _("办理期限延长 %(days)d 日，理由：%(reason)s") % {"days": extension["days"], "reason": extension["reason"]}
        self._event(built, step, EventKind.EXTENSION, actor, action="extension_approve", public_note=public,
                    data={"days": extension["days"]})
        return state

    # -- batches ---------------------------------------------------------------------------------
    def load(self, specs: Iterable[CaseSpec], progress: Callable[[int], None] | None = None) -> LoadReport:
        report = LoadReport()
        started = time.monotonic()
        for batch in _batches(iter(specs), self.batch_size):
            built = [self.build(spec) for spec in batch]
            with transaction.atomic():
                self._write(built, report)
            if progress:
                progress(report.cases)
        report.seconds = time.monotonic() - started
        return report

    def _write(self, built: list[_Built], report: LoadReport) -> None:
        self.writers[Case].write([vars(b.case) for b in built])
        codes = [b.case.tracking_code for b in built]
        ids = dict(Case.objects.filter(tracking_code__in=codes).values_list("tracking_code", "id"))
        now = timezone.now()
        parties, events, assignments, extensions, audits = [], [], [], [], []
        for item in built:
            case_id = item.case.pk = ids[item.case.tracking_code]
            for row in (*item.parties, *item.events, *item.assignments, *item.extensions):
                row["case_id"] = case_id
            parties += item.parties
            events += item.events
            assignments += item.assignments
            extensions += item.extensions
            audits.append({
                "created_at": now, "actor_id": None, "actor_label": "system", "action": IMPORT_ACTION,
                "object_type": "cases.case", "object_id": str(case_id), "object_repr": mask_text(f"{Case.reference.fget(item.case)} {item.case.title}")[:200],
                "after": {"key": item.spec.key, "process": item.spec.process,
                          "state": self.state_by_id[item.case.state_id].code, "region": item.spec.region,
                          "parties": len(item.parties), "events": len(item.events)},
            })
        for model, rows in ((Party, parties), (CaseEvent, events), (Assignment, assignments),
                            (DeadlineExtension, extensions), (AuditEntry, audits)):
            self.writers[model].write(rows)
        report.cases += len(built)
        report.parties += len(parties)
        report.events += len(events)
        report.assignments += len(assignments)
        report.extensions += len(extensions)


def tracking_code() -> str:
    """A public tracking code like cases.models.case.new_tracking_code: 10 characters from a CSPRNG (one read, not ten)."""
    return "".join(TRACKING_ALPHABET[b % len(TRACKING_ALPHABET)] for b in secrets.token_bytes(10))


def analyze() -> None:
    """Refresh the query planner's statistics for the tables a bulk load filled (ANALYZE on both backends)."""
    tables = [m._meta.db_table for m in (Case, Party, CaseEvent, Assignment, DeadlineExtension, AuditEntry)]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _batches(items: Iterator[CaseSpec], size: int) -> Iterator[list[CaseSpec]]:
    while batch := list(islice(items, size)):
        yield batch
