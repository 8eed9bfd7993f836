"""Which roles a user holds *for a given case*; transitions name the roles they allow."""
from __future__ import annotations

from fengqiao.accounts.choices import Role
from fengqiao.cases.choices import ASSIGNEE, AssignmentStatus
from fengqiao.cases.models import Case, Transition
from fengqiao.cases.querysets import REGIONAL_ROLES


def roles_for_case(user, case: Case) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    roles: set[str] = set()
    if user.is_superuser:
        roles.add(Role.ADMIN)
    active = list(case.assignments.filter(status=AssignmentStatus.ACTIVE).values("user_id", "department_id"))
    active_departments = {a["department_id"] for a in active if a["department_id"]}
    if case.lead_department_id:
        active_departments.add(case.lead_department_id)
    for membership in user.active_memberships:
        if membership.role in REGIONAL_ROLES and case.region_path.startswith(membership.region.path):
            roles.add(membership.role)
        elif membership.role == Role.HANDLER and membership.department_id in active_departments:
            roles.add(Role.HANDLER)
    if case.lead_user_id == user.pk or any(a["user_id"] == user.pk for a in active):
        roles.add(ASSIGNEE)
    if Role.LEADER not in roles and any(m.role == Role.LEADER for m in user.active_memberships):
        # 领导包案: the leader a major case is put under acts on it as a leader, wherever it is.
        from fengqiao.cases.models import LeaderCase

        if LeaderCase.objects.filter(case_id=case.pk, leader_id=user.pk, active=True).exists():
            roles.add(Role.LEADER)
    return roles


def can_perform(user, case: Case, transition: Transition) -> bool:
    return bool(roles_for_case(user, case) & set(transition.allowed_roles))


def available_transitions(user, case: Case) -> list[Transition]:
    roles = roles_for_case(user, case)
    transitions = Transition.objects.filter(
        process_id=case.process_id, from_state_id=case.state_id, is_active=True,
    ).select_related("to_state")
    return [t for t in transitions if roles & set(t.allowed_roles)]


STAFF_ROLES = {Role.CENTER, Role.ADMIN, Role.LEADER}


def is_head_of_handling_body(user, case: Case) -> bool:
    """A 负责人 (Membership.is_head) of the body handling the case: of its lead department, or, while no
    department leads it, of the center of an area covering it (信访工作条例 第三十四条 本机关、单位负责人)."""
    heads = [m for m in getattr(user, "active_memberships", []) if m.is_head]
    if case.lead_department_id:
        return any(m.department_id == case.lead_department_id for m in heads)
    return any(m.role in REGIONAL_ROLES and case.region_path.startswith(m.region.path) for m in heads)


def may_decide_extension(user, case: Case) -> bool:
    """Where the step's rule asks for it, only a 负责人 of the handling body; elsewhere center staff, leaders and
    administrators of the case's area."""
    rule = case.deadline_rule
    if rule is not None and rule.extension_by_head:
        return is_head_of_handling_body(user, case)
    return can_manage(user, case)


def can_manage(user, case: Case) -> bool:
    """Center staff, leaders and administrators of the case's area: add co-handlers, decide extensions."""
    return bool(roles_for_case(user, case) & STAFF_ROLES)


def can_work_on(user, case: Case) -> bool:
    """Anyone with a role on the case (not only a viewer by assignment history)."""
    return bool(roles_for_case(user, case))


def can_escalate(user, case: Case, roles: set[str] | None = None) -> bool:
    """上报 is for those at the level handling the case (or above it) and for its handlers: a grid worker may
    report a grid case up, but not push a case the street already handles on to the county."""
    roles = roles_for_case(user, case) if roles is None else roles
    if not roles:
        return False
    if user.is_superuser or roles & {ASSIGNEE, Role.HANDLER}:
        return True
    handling_path = case.current_handling_region.path
    return any(
        m.role in REGIONAL_ROLES and handling_path.startswith(m.region.path) for m in user.active_memberships
    )
