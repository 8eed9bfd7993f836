"""How a referral lets the counsellor read the case: a co-handler assignment (协办) on the case.

`Case.objects.visible_to` already lets a user see every case they hold an assignment on, and keeps letting
them see it after the task ends, so the counsellor can follow up. A person who may manage the case (center
staff, a leader) assigns the counsellor through `case_assign(role="co")`, which checks that permission and
notifies the counsellor. When the platform itself assigns the counsellor on call, or a counsellor of the area
takes an unassigned referral, there is no such manager: the same co-assignment is then written by the cases
app's care-team service (`case_care_team_assign`: row lock and version bump, timeline line, audit row), exactly
as case_assign writes it.
"""
from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.cases.choices import AssignmentRole, AssignmentStatus, DeadlineUnit
from fengqiao.cases.models import Assignment, Case
from fengqiao.cases.permissions import can_manage
from fengqiao.cases.services import case_assign, case_care_team_assign

FIRST_CONTACT_WITHIN = timedelta(days=1)


def care_task(kind_label: str) -> str:
    return _("心理关怀（%(kind)s）：尽快联系当事人，了解情况、给予支持，并在“心理关怀”页记录联系情况和安全计划。") % {
        "kind": kind_label}


def active_task(case: Case, user: User) -> Assignment | None:
    return Assignment.objects.filter(case=case, user=user, role=AssignmentRole.CO, status=AssignmentStatus.ACTIVE).first()


def counsellor_access_grant(*, case: Case, counsellor: User, acting_user: User | None, task: str) -> Assignment:
    """Give `counsellor` a co-handler task on `case` (no second one while a task is active)."""
    existing = active_task(case, counsellor)
    if existing is not None:
        return existing
    if acting_user is not None and can_manage(acting_user, case):
        case_assign(case=case, acting_user=acting_user, to_user=counsellor, role=AssignmentRole.CO,
                    note=_("心理关怀转介"), task=task, due_days=1, due_unit=DeadlineUnit.CALENDAR_DAYS)
        created = active_task(case, counsellor)
        assert created is not None  # case_assign has just given the counsellor an active task
        return created
    return case_care_team_assign(case=case, counsellor=counsellor, acting_user=acting_user, task=task,
                                 note=_("心理关怀转介"), due_at=timezone.now() + FIRST_CONTACT_WITHIN)
