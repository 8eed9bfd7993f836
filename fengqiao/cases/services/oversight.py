"""领导包案 (a leader answers for a major case) and 上报 (handing the case up one administrative level)."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases import events
from fengqiao.cases.choices import EventKind, StateKind
from fengqiao.cases.models import Case, Escalation, LeaderCase
from fengqiao.cases.permissions import can_escalate, can_manage, roles_for_case
from fengqiao.cases.services.common import add_event, ensure_case_visible, lock_case, save_case, snapshot
from fengqiao.cases.services.joint import clean_text
from fengqiao.cases.services.notices import NOTICE_ASSIGNED, center_staff_at, notify_after_commit
from fengqiao.core.errors import NotFoundError, PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.regions.paths import county_path


def is_leader_in_county(user: User, case: Case) -> bool:
    """The user holds an active leader role somewhere in the case's county (never another county's leader)."""
    root = county_path(case.region_path)
    return user.is_active and any(
        m.role == Role.LEADER and m.region.path.startswith(root) for m in user.active_memberships
    )


# ---------------------------------------------------------------- 领导包案


@transaction.atomic
def case_leader_assign(*, case: Case, acting_user, leader: User, note: str = "",
                       expected_version: int | None = None) -> LeaderCase:
    """Put the case under a leader of its county; a previous leader's 包案 ends. The leader may then read it
    even outside their own area (Case.objects.visible_to) and finds it in their 领导包案 list."""
    ensure_case_visible(acting_user, case.pk)
    case = lock_case(case, expected_version)
    if not can_manage(acting_user, case):
        raise PermissionRefused(_("只有中心工作人员或领导可以指定包案领导。"))
    if case.state.kind == StateKind.CLOSED:
        raise TransitionRefused(_("案件已办结，不能再指定包案领导。"))
    leader_pk = getattr(leader, "pk", None)
    found = User.objects.filter(pk=leader_pk).first() if leader_pk is not None else None
    if found is None or not is_leader_in_county(found, case):
        raise ValidationFailed(_("包案领导须为本县（区）在职的领导。"), field_errors={"leader": [_("不是本县（区）的领导")]})
    leader = found
    note = clean_text(note, field="note", label=_("包案说明"))
    current = LeaderCase.objects.filter(case=case, active=True).select_related("leader").first()
    if current is not None and current.leader_id == leader.pk:
        raise TransitionRefused(_("%(leader)s 已是该案件的包案领导。") % {"leader": leader})
    before = snapshot(case)
    now = timezone.now()
    if current is not None:
        current.active, current.ended_at, current.ended_by = False, now, acting_user
        current.end_note = _("改由 %(leader)s 包案") % {"leader": leader}
        current.save(update_fields=["active", "ended_at", "ended_by", "end_note"])
    leader_case = LeaderCase.objects.create(case=case, leader=leader, assigned_by=acting_user, note=note, created_at=now)
    save_case(case, [])
    add_event(case, kind=EventKind.LEADER, actor=acting_user, action="leader_assign", note=note,
              data={"leader": str(leader), "leader_case": leader_case.pk,
                    "previous": str(current.leader) if current is not None else ""})
    audit_record(actor=acting_user, action="case.leader_assign", obj=case, before=before,
                 after={**snapshot(case), "leader": leader.pk, "previous": getattr(current, "leader_id", None), "note": note})
    notify_after_commit(
        recipients=[leader], kind=NOTICE_ASSIGNED, case=case, acting_user=acting_user,
        title=_("领导包案：%(ref)s") % {"ref": case.reference},
        body=note or _("该案件已列为您的包案事项。"),
    )
    events.publish(events.LeaderAssigned(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None), at=now, leader_id=leader.pk))
    return leader_case


@transaction.atomic
def case_leader_release(*, leader_case: LeaderCase, acting_user, note: str) -> LeaderCase:
    """End a 包案 (the matter is settled or no longer major), with a note."""
    ensure_case_visible(acting_user, leader_case.case.pk)
    case = lock_case(leader_case.case, None)
    if not can_manage(acting_user, case):
        raise PermissionRefused(_("只有中心工作人员或领导可以结束包案。"))
    current = LeaderCase.objects.select_related("leader").filter(pk=leader_case.pk, case=case).first()
    if current is None:
        raise NotFoundError(_("未找到该包案记录。"))
    if not current.active:
        raise TransitionRefused(_("该包案已结束。"))
    note = clean_text(note, field="note", label=_("结束说明"), required=True)
    current.active, current.ended_at, current.ended_by, current.end_note = False, timezone.now(), acting_user, note
    current.save(update_fields=["active", "ended_at", "ended_by", "end_note"])
    save_case(case, [])
    add_event(case, kind=EventKind.LEADER, actor=acting_user, action="leader_release", note=note,
              data={"leader": str(current.leader), "leader_case": current.pk})
    audit_record(actor=acting_user, action="case.leader_release", obj=case, after={"leader": current.leader_id, "note": note})
    events.publish(events.LeaderReleased(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None),
                                         at=current.ended_at, leader_id=current.leader_id))
    return current


# ---------------------------------------------------------------- 上报


@transaction.atomic
def case_escalate(*, case: Case, acting_user, reason: str, expected_version: int | None = None) -> Escalation:
    """Hand the case up one level (grid → community → street → county). The case keeps its region, so the lower
    level keeps reading it; the center staff of the higher level are told."""
    ensure_case_visible(acting_user, case.pk)
    case = lock_case(case, expected_version)
    roles = roles_for_case(acting_user, case)
    if not roles:
        raise PermissionRefused(_("您在该案件中没有办理职责，不能上报。"))
    if not can_escalate(acting_user, case, roles):
        raise PermissionRefused(
            _("该案件已由%(region)s承办，只有该级或上级工作人员、承办单位可以继续上报。")
            % {"region": case.current_handling_region.name}
        )
    if case.state.kind != StateKind.OPEN:
        raise TransitionRefused(_("只有办理中的案件可以上报。"))
    reason = clean_text(reason, field="reason", label=_("上报理由"), required=True)
    current = case.current_handling_region
    upper = current.parent
    if upper is None:
        raise TransitionRefused(_("该案件已由%(region)s承办，没有更高一级可以上报。") % {"region": current.name})
    before = snapshot(case)
    escalation = Escalation.objects.create(case=case, from_region=current, to_region=upper, reason=reason,
                                           escalated_by=acting_user)
    case.handling_region = upper
    save_case(case, ["handling_region"])
    add_event(case, kind=EventKind.ESCALATION, actor=acting_user, action="escalate", note=reason,
              public_note=_("您反映的事项已上报至%(region)s协调处理。") % {"region": upper.name},
              data={"from": current.name, "to": upper.name, "escalation": escalation.pk})
    audit_record(actor=acting_user, action="case.escalate", obj=case, before={**before, "handling_region": current.pk},
                 after={**snapshot(case), "handling_region": upper.pk, "reason": reason})
    notify_after_commit(
        recipients=center_staff_at(upper), kind=NOTICE_ASSIGNED, case=case, acting_user=acting_user,
        title=_("上报案件：%(ref)s（由%(from)s上报）") % {"ref": case.reference, "from": current.name},
        body=reason,
    )
    events.publish(events.CaseEscalated(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None), escalation_id=escalation.pk))
    return escalation
