"""Helpers for case tests: users by role and putting a case into a given state for set-up."""
from __future__ import annotations

from fengqiao.cases.models import Case, State


def user_for_role(county, role: str):  # noqa: ANN001
    return {
        "center": county.center, "admin": county.admin, "leader": county.leader, "handler": county.handler,
        "mediator": county.mediator, "grid_worker": county.grid_worker, "assignee": county.grid_worker,
    }[role]


def put_in_state(case: Case, state_code: str, *, lead_department=None, lead_user=None) -> Case:  # noqa: ANN001
    """Test set-up only: place a case in a state without running the workflow."""
    state = State.objects.get(process_id=case.process_id, code=state_code)
    Case.objects.filter(pk=case.pk).update(state=state, lead_department=lead_department, lead_user=lead_user)
    return Case.objects.get(pk=case.pk)
