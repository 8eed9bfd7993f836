"""Crisis alerts go to the care team of the case's area at once, and to no one else: the counsellors covering
it, the center staff covering it, and the case's own mediator or lead handler. Never a department as such and
never the police: whether to report to the police is a person's decision taken on the case
(人民调解法 第二十五条; 个人信息保护法 第二十四条), see `care.services.police`. Worded as a call to care and to keep
people safe, never as a label on a person."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.accounts.selectors import user_ids_in_departments_of_kind, users_with_roles_covering
from fengqiao.care.choices import ReferralKind
from fengqiao.care.models import Referral
from fengqiao.cases.choices import AssignmentStatus
from fengqiao.cases.models import Case
from fengqiao.notifications.choices import Kind
from fengqiao.notifications.services import notify
from fengqiao.regions.choices import DepartmentKind

CARE_TEAM_ROLES = (Role.COUNSELLOR, Role.CENTER)


def case_people(case: Case) -> list[User]:
    """The case's own mediator or handler: its lead person and the people (not departments) it is assigned to,
    and the mediators of its active mediations."""
    people: list[User | None] = [case.lead_user]
    people += [a.user for a in case.assignments.filter(status=AssignmentStatus.ACTIVE, user__isnull=False)
               .select_related("user")]
    from fengqiao.mediation.selectors import mediations_for_case

    for mediation in mediations_for_case(case=case):
        if mediation.is_active and mediation.mediator is not None and mediation.mediator.user is not None:
            people.append(mediation.mediator.user)
    return [p for p in people if p is not None]


def police_members() -> set[int]:
    """Users who belong to a police department: an automated alert never reaches them."""
    return user_ids_in_departments_of_kind(DepartmentKind.POLICE)


def care_team_for(case: Case) -> list[User]:
    """Who an automated crisis alert reaches: counsellors and center staff covering the case's area, then the
    case's own mediator or handler; never a member of a police department."""
    team = list(users_with_roles_covering(region=case.region, roles=list(CARE_TEAM_ROLES)))
    team += case_people(case)
    excluded = police_members()
    seen: set[int] = set()
    out: list[User] = []
    for user in team:
        if user.pk in excluded or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        out.append(user)
    return out


def _phrases(referral: Referral) -> str:
    return "、".join(f"「{p}」" for p in referral.phrases[:5]) or _("（工作人员标记）")


def crisis_alert_send(*, referral: Referral, acting_user: User | None) -> int:
    """Notify the care team of the area now; returns how many notifications were created."""
    case = referral.case
    where = case.region.name
    title = _("危机预警：%(ref)s 需要心理关怀") % {"ref": case.reference}
    if referral.kind == ReferralKind.HARM_OTHERS:
        body = _("%(where)s：当事人言语中出现可能伤害他人的表述 %(phrases)s。请尽快联系，了解情况，关注各方安全。"
                 "是否需要报告公安机关，由调解员或中心工作人员在案件页判断并办理。") % {
            "where": where, "phrases": _phrases(referral)}
    else:
        body = _("%(where)s：当事人言语中出现自伤、轻生的表述 %(phrases)s。请尽快联系，给予关心和支持。") % {
            "where": where, "phrases": _phrases(referral)}
    url = reverse("care:detail", args=[referral.pk])
    sent = notify(recipients=care_team_for(case), kind=Kind.CRISIS_ALERT, title=title, body=body, case=case, url=url,
                  urgent=True, acting_user=acting_user)
    return len(sent)
