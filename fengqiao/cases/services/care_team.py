"""A counsellor on the case's care team: a co-handler task (协办) the platform gives without a case manager.

When the platform assigns the counsellor on call, or a counsellor of the area takes an unassigned referral,
there is nobody who may manage the case to call `case_assign`; the same co-assignment is written here, exactly
as case_assign writes it (row lock and version bump, timeline line, audit row).
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases.choices import AssignmentRole, EventKind
from fengqiao.cases.models import Assignment, Case
from fengqiao.cases.services.common import add_event, lock_case, save_case, snapshot


@transaction.atomic
def case_care_team_assign(*, case: Case, counsellor: User, acting_user: User | None, task: str, note: str,
                          due_at: dt.datetime) -> Assignment:
    """Give `counsellor` a co-handler task on `case` with `due_at` as its deadline."""
    current = lock_case(case, None)
    before = snapshot(current)
    assignment = Assignment.objects.create(
        case=current, role=AssignmentRole.CO, user=counsellor, note=note, task=task, assigned_by=acting_user,
        due_at=due_at,
    )
    save_case(current, [])
    add_event(current, kind=EventKind.ASSIGNED, actor=acting_user, action="assign_co", note=note,
              data={"to": str(counsellor), "role": AssignmentRole.CO, "task": task,
                    "due_at": due_at.isoformat()})
    audit_record(actor=acting_user, action="case.assign_co", obj=current, before=before,
                 after={**snapshot(current), "to_user": counsellor.pk, "reason": "care_referral"})
    return assignment
