"""Reads for the staff pages: always scoped through `Case.objects.visible_to(user)`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.audit.models import AuditEntry, PersonalDataAccess
from fengqiao.audit.selectors import audit_trail_for
from fengqiao.cases.choices import AssignmentRole, AssignmentStatus, ExtensionStatus, StateKind
from fengqiao.cases.list_filters import CaseFilters, filter_cases
from fengqiao.cases.models import (
    Assignment,
    Attachment,
    Case,
    CaseEvent,
    ClockPause,
    DeadlineExtension,
    Escalation,
    JointMeeting,
    LeaderCase,
    Party,
    State,
    Supervision,
    Transition,
)
from fengqiao.cases.permissions import available_transitions, can_escalate, can_manage, roles_for_case
from fengqiao.cases.querysets import REGIONAL_ROLES
from fengqiao.regions.models import Department, Region
from fengqiao.regions.paths import county_path, within_paths

LIST_RELATED = ("region",)  # joined; the small lookup tables come from with_lookups()


def _list_queryset(user: User) -> QuerySet[Case]:
    return Case.objects.visible_to(user).select_related(*LIST_RELATED).with_lookups()


# ---------------------------------------------------------------- my work


def my_work_for(*, user: User) -> QuerySet[Case]:
    """Open cases actively assigned to the user or to the user's department (unclaimed), plus — for center
    staff — the cases in their area still waiting for dispatch and the cases escalated (上报) to their level.
    Soonest deadline first."""
    visible = Case.objects.visible_to(user).filter(state__kind=StateKind.OPEN)
    mine = visible.assigned_to(user)
    center_paths = [m.region.path for m in user.active_memberships if m.role == Role.CENTER]
    if center_paths:
        in_area = Q(pk__in=[])
        for path in center_paths:
            in_area |= Q(region_path__startswith=path)
        waiting = visible.filter(in_area, state__is_initial=True, lead_department__isnull=True, lead_user__isnull=True)
        center_regions = [m.region_id for m in user.active_memberships if m.role == Role.CENTER]
        escalated = visible.filter(handling_region_id__in=center_regions)
        mine = mine | waiting | escalated
    return mine.select_related(*LIST_RELATED).with_lookups().order_by(F("due_at").asc(nulls_last=True), "id")


# ---------------------------------------------------------------- the case list


def case_list_for(*, user: User, filters: CaseFilters) -> QuerySet[Case]:
    """The cases the user may see, narrowed by the list filters (the API's filters, see list_filters); newest
    first."""
    return filter_cases(_list_queryset(user), filters).order_by("-received_at", "-id")


def state_filter_choices() -> list[tuple[str, Any]]:
    """State filter options: the three kinds, then each process's states grouped under the process."""
    choices: list[tuple[str, Any]] = [("", "—")]
    choices += [(f"kind:{value}", label) for value, label in StateKind.choices]
    grouped: dict[str, list[tuple[str, str]]] = {}
    for state in State.objects.select_related("process").order_by("process_id", "order"):
        grouped.setdefault(state.process.name, []).append((f"state:{state.pk}", state.name))
    choices += list(grouped.items())
    return choices


# ---------------------------------------------------------------- regions and departments


def _region_paths(user: User) -> list[str] | None:
    """Paths of the regions the user works in; None means everywhere (superuser)."""
    if user.is_superuser:
        return None
    paths: list[str] = []
    for membership in user.active_memberships:
        if membership.role in REGIONAL_ROLES:
            paths.append(membership.region.path)
        elif membership.role == Role.HANDLER and membership.department is not None:
            paths.extend(r.path for r in membership.department.covers.all())
    return paths


def regions_for_filter(*, user: User) -> QuerySet[Region]:
    """Regions offered in the list filter: those the user works in and everything below them."""
    paths = _region_paths(user)
    regions = Region.objects.all() if paths is None else Region.objects.filter(within_paths(paths, "path"))
    return regions.defer("boundary").order_by("path")  # a select needs names, not map outlines


def regions_for_registration(*, user: User) -> QuerySet[Region]:
    """Regions the user may register a case in (the same rule as services.create.can_register_in)."""
    return regions_for_filter(user=user)


def default_registration_region(*, user: User) -> Region | None:
    """A grid worker's grid (the deepest region they hold); None when the user works at several places."""
    memberships = [m for m in user.active_memberships if m.role in REGIONAL_ROLES]
    grid = [m for m in memberships if m.role == Role.GRID_WORKER]
    if grid:
        return max(grid, key=lambda m: m.region.level).region
    if len(memberships) == 1:
        return memberships[0].region
    return None


def departments_for_case(*, case: Case) -> QuerySet[Department]:
    """Active departments of the case's county (never another county's)."""
    root = county_path(case.region.path)
    return Department.objects.filter(is_active=True, home_region__path__startswith=root).order_by(
        "home_region__path", "name"
    )


def users_for_case(*, case: Case) -> QuerySet[User]:
    """Active users holding an active role in the case's county."""
    root = county_path(case.region.path)
    return (
        User.objects.filter(is_active=True, memberships__is_active=True, memberships__region__path__startswith=root)
        .distinct()
        .order_by("display_name", "username")
    )


# ---------------------------------------------------------------- the case page


def case_get_visible(*, user: User, case_id: int) -> Case:
    """The case if the user may see it; 404 for missing and forbidden alike."""
    case = (
        _list_queryset(user)
        .select_related("lead_department")
        .prefetch_related("lead_user", "registered_by", "deadline_rule", "due_set_by")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404
    return case


# After a write that took the case out of the actor's scope (a stricter scope rule, a 包案 that ended, ...): the
# page sends them to the list with this message, the API answers with it instead of the case (CaseLeftScope).
LEFT_SCOPE_MESSAGE = gettext_lazy("该案件已不在您的管辖范围内，您不能再查看它。")


def case_is_visible(*, user: User, case_id: int) -> bool:
    """Whether the user may (still) read the case: asked after a write, which may have moved it out of scope."""
    return Case.objects.visible_to(user).filter(pk=case_id).exists()


@dataclass
class CaseDetail:
    case: Case
    roles: set[str]
    parties: list[Party]
    assignments: list[Assignment]
    attachments: list[Attachment]
    events: list[CaseEvent]
    pending_extensions: list[DeadlineExtension]
    transitions: list[Transition]
    can_manage: bool
    can_work: bool
    region_full_name: str
    oversight: CaseOversight | None = None


def case_detail_load(*, user: User, case: Case) -> CaseDetail:
    roles = roles_for_case(user, case)
    detail = CaseDetail(
        case=case,
        roles=roles,
        parties=list(case.parties.all()),
        assignments=list(case.assignments.select_related("department", "user", "assigned_by", "due_set_by")
                         .order_by("created_at", "id")),
        attachments=list(case.attachments.select_related("uploaded_by")),
        events=list(case.events.select_related("actor", "from_state", "to_state").order_by("created_at", "id")),
        pending_extensions=list(
            case.extensions.filter(status=ExtensionStatus.PENDING).select_related("requested_by", "state")
        ),
        transitions=available_transitions(user, case),
        can_manage=can_manage(user, case),
        can_work=bool(roles),
        region_full_name=case.region.full_name,
    )
    detail.oversight = case_oversight_load(user=user, case=case, roles=roles)
    return detail


def party_get_visible(*, user: User, case_id: int, party_id: int) -> Party:
    case = case_get_visible(user=user, case_id=case_id)
    party = Party.objects.filter(case=case, pk=party_id).first()
    if party is None:
        raise Http404
    party.case = case
    return party


def attachment_get_visible(*, user: User, case_id: int, attachment_id: int) -> Attachment:
    case = case_get_visible(user=user, case_id=case_id)
    attachment = Attachment.objects.filter(case=case, pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment


def extension_get_visible(*, user: User, case_id: int, extension_id: int) -> DeadlineExtension:
    case = case_get_visible(user=user, case_id=case_id)
    extension = DeadlineExtension.objects.filter(case=case, pk=extension_id).first()
    if extension is None:
        raise Http404
    extension.case = case
    return extension


# ---------------------------------------------------------------- audit trail (platform administrators)


@dataclass
class CaseAuditTrail:
    entries: list[AuditEntry]
    accesses: list[PersonalDataAccess]


def case_audit_trail(*, case: Case, limit: int = 500) -> CaseAuditTrail:
    """Audit rows of the case and its parties, and the personal-data access log for both, newest first."""
    party_ids = [str(pk) for pk in case.parties.values_list("pk", flat=True)]
    case_entries = audit_trail_for(object_type=Case._meta.label_lower, object_id=case.pk)
    party_entries = AuditEntry.objects.filter(object_type=Party._meta.label_lower, object_id__in=party_ids).select_related(
        "actor"
    )
    entries = sorted(
        [*case_entries[:limit], *party_entries[:limit]], key=lambda e: (e.created_at, e.pk), reverse=True
    )[:limit]
    accesses = list(
        PersonalDataAccess.objects.filter(
            Q(object_type=Case._meta.label_lower, object_id=str(case.pk))
            | Q(object_type=Party._meta.label_lower, object_id__in=party_ids)
            | Q(object_type=Attachment._meta.label_lower, object_id__in=[str(a) for a in case.attachments.values_list("pk", flat=True)])
        ).select_related("user")[:limit]
    )
    return CaseAuditTrail(entries=entries, accesses=accesses)


# ---------------------------------------------------------------- joint handling, supervision, 包案, 上报, clocks


@dataclass
class CaseOversight:
    co_tasks: list[Assignment]
    meetings: list[JointMeeting]
    supervisions: list[Supervision]
    leader_case: LeaderCase | None
    leader_history: list[LeaderCase]
    escalations: list[Escalation]
    pauses: list[ClockPause]
    open_pause: ClockPause | None
    handling_region: Region
    escalate_to: Region | None


def case_oversight_load(*, user: User, case: Case, roles: set[str]) -> CaseOversight:
    co_tasks = [a for a in case.assignments.select_related("department", "user", "ended_by").order_by("created_at", "id")
                if a.role == AssignmentRole.CO]
    leaders = list(case.leader_cases.select_related("leader", "assigned_by", "ended_by"))
    pauses = list(case.clock_pauses.select_related("state", "started_by", "ended_by"))
    handling = case.current_handling_region
    return CaseOversight(
        co_tasks=co_tasks,
        meetings=list(case.joint_meetings.select_related("recorded_by").prefetch_related(
            Prefetch("departments", queryset=Department.objects.order_by("name"))).order_by("-held_at", "-id")),
        supervisions=list(case.supervisions.select_related(
            "state", "raised_by", "replied_by", "closed_by", "to_department", "to_user", "assignment")),
        leader_case=next((lc for lc in leaders if lc.active), None),
        leader_history=[lc for lc in leaders if not lc.active],
        escalations=list(case.escalations.select_related("from_region", "to_region", "escalated_by")),
        pauses=pauses,
        open_pause=next((p for p in pauses if p.ended_at is None), None),
        handling_region=handling,
        escalate_to=handling.parent if case.is_open and can_escalate(user, case, roles) else None,
    )


def co_task_get_visible(*, user: User, case_id: int, assignment_id: int) -> Assignment:
    case = case_get_visible(user=user, case_id=case_id)
    task = Assignment.objects.select_related("department", "user").filter(
        case=case, pk=assignment_id, role=AssignmentRole.CO).first()
    if task is None:
        raise Http404
    task.case = case
    return task


def supervision_get_visible(*, user: User, case_id: int, supervision_id: int) -> Supervision:
    case = case_get_visible(user=user, case_id=case_id)
    notice = Supervision.objects.select_related("to_department", "to_user", "assignment").filter(
        case=case, pk=supervision_id).first()
    if notice is None:
        raise Http404
    notice.case = case
    return notice


def leader_case_get_visible(*, user: User, case_id: int, leader_case_id: int) -> LeaderCase:
    case = case_get_visible(user=user, case_id=case_id)
    leader_case = LeaderCase.objects.select_related("leader").filter(case=case, pk=leader_case_id).first()
    if leader_case is None:
        raise Http404
    leader_case.case = case
    return leader_case


def supervisions_awaiting_reply_for(*, user: User) -> QuerySet[Supervision]:
    """Formal supervision notices addressed to the user (or their department) still waiting for a reply."""
    departments = [m.department_id for m in user.active_memberships if m.role == Role.HANDLER and m.department_id]
    addressed = Q(to_user_id=user.pk)
    if departments:
        addressed |= Q(to_department_id__in=departments)
    return (
        Supervision.objects.filter(addressed, closed=False, replied_at__isnull=True, reply_due__isnull=False,
                                   case__in=Case.objects.visible_to(user).values("pk"))
        .select_related("case", "case__state", "raised_by", "to_department", "to_user")
        .order_by("reply_due", "pk")
    )


def leader_cases_for(*, user: User) -> QuerySet[LeaderCase]:
    """The major cases put under the user as leader (领导包案), open ones first."""
    return (
        LeaderCase.objects.filter(leader=user, active=True, case__in=Case.objects.visible_to(user).values("pk"))
        .select_related("case", "case__state", "case__process", "case__region", "assigned_by")
        .order_by(F("case__closed_at").asc(nulls_first=True), F("case__due_at").asc(nulls_last=True), "pk")
    )


def co_task_is_late(task: Assignment, now: dt.datetime | None = None) -> bool:
    return task.status == AssignmentStatus.ACTIVE and task.due_at is not None and (now or timezone.now()) > task.due_at
