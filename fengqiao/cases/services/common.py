"""Helpers shared by the case services: locking with a version check, snapshots, timeline rows."""
from __future__ import annotations

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.deadlines import clock_for
from fengqiao.cases.models import Case, CaseEvent, State
from fengqiao.core.errors import NotFoundError, StaleVersionError


def ensure_case_visible(acting_user, case_id: int) -> None:
    """Every write starts here: a case outside the actor's scope is "not found", exactly like a missing one."""
    if not Case.objects.visible_to(acting_user).filter(pk=case_id).exists():
        raise NotFoundError(_("未找到该案件。"))


def lock_case(case: Case, expected_version: int | None) -> Case:
    """Re-read the case inside the transaction (row-locked on PostgreSQL) and check the caller's version."""
    # Lock the bare row first: a FOR UPDATE over a join would drop the row on PostgreSQL when a
    # concurrent writer changed the joined key (state) before we got the lock.
    try:
        if connection.features.has_select_for_update:
            Case.objects.select_for_update().only("pk").get(pk=case.pk)
        current = Case.objects.select_related("state", "process", "region").get(pk=case.pk)
    except Case.DoesNotExist as exc:
        raise NotFoundError(_("未找到该案件。")) from exc
    if expected_version is not None and current.version != expected_version:
        raise StaleVersionError(_("该案件已被他人修改，请刷新后重试。"))
    return current


def save_case(case: Case, fields: list[str]) -> None:
    """Save with the version bumped; a concurrent writer that got in first makes this fail loudly."""
    previous = case.version
    case.version = previous + 1
    case.updated_at = timezone.now()
    values = {f: getattr(case, f) for f in fields}
    values.update(version=case.version, updated_at=case.updated_at)
    updated = Case.objects.filter(pk=case.pk, version=previous).update(**values)
    if updated != 1:
        raise StaleVersionError(_("该案件已被他人修改，请刷新后重试。"))


def snapshot(case: Case) -> dict:
    return {
        "state": case.state.code if case.state_id else None,
        "lead_department": case.lead_department_id,
        "lead_user": case.lead_user_id,
        "due_at": case.due_at.isoformat() if case.due_at else None,
        "due_set_by": case.due_set_by_id,
        "category": case.category_id,
        "dispute_type": case.dispute_type_id,
        "urgency": case.urgency,
        "version": case.version,
    }


def start_clock(case: Case, state: State, entered_at, step_date=None) -> list[str]:
    """Set the clock of the step `case` enters; `step_date` is the resident's own date where the rule starts there
    (the day the answer was received, the day a review request was received)."""
    clock = clock_for(case=case, state=state, entered_at=entered_at, step_date=step_date)
    case.deadline_rule = clock.rule
    case.clock_started_at = clock.started_at
    case.due_at = clock.due_at
    case.warn_at = clock.warn_at
    case.calendar_warning = clock.calendar_warning
    case.due_set_by = None  # a new step runs on its rule until someone chooses an earlier day
    return ["deadline_rule", "clock_started_at", "due_at", "warn_at", "calendar_warning", "due_set_by"]


def add_event(case: Case, *, kind: str, actor, note: str = "", public_note: str = "", action: str = "",
              from_state: State | None = None, to_state: State | None = None, data: dict | None = None) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, kind=kind, actor=actor if getattr(actor, "pk", None) else None, note=note, public_note=public_note,
        action=action, from_state=from_state, to_state=to_state, data=data or {}, created_at=timezone.now(),
    )
