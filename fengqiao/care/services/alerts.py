"""Crisis alerts: counsellors and leaders covering the case's region at once; for possible harm to others
also the police station covering it (人民调解法 Art. 25: a dispute that may turn into a criminal case is
reported to the police). Worded as a call to care and to keep people safe, never as a label on a person."""
from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.care.choices import ReferralKind
from fengqiao.care.models import Referral
from fengqiao.notifications.choices import Kind
from fengqiao.notifications.services import notify_roles
from fengqiao.regions.models import Department

POLICE_NAME = Q(name__contains="派出所") | Q(name__contains="公安")


def ancestor_paths(path: str) -> list[str]:
    codes = [c for c in (path or "").strip("/").split("/") if c]
    return ["/" + "/".join(codes[: i + 1]) + "/" for i in range(len(codes))]


def police_covering(region_path: str) -> list[Department]:
    return list(
        Department.objects.filter(POLICE_NAME, is_active=True, covers__path__in=ancestor_paths(region_path))
        .distinct().order_by("name")
    )


def _phrases(referral: Referral) -> str:
    return "、".join(f"「{p}」" for p in referral.phrases[:5]) or _("（工作人员标记）")


def crisis_alert_send(*, referral: Referral, acting_user: User | None) -> int:
    """Notify the people who must act now; returns how many notifications were created."""
    case = referral.case
    where = case.region.name
    title = _("危机预警：%(ref)s 需要心理关怀") % {"ref": case.reference}
    if referral.kind == ReferralKind.HARM_OTHERS:
        body = _("%(where)s：当事人言语中出现可能伤害他人的表述 %(phrases)s。请尽快联系，了解情况，关注各方安全。") % {
            "where": where, "phrases": _phrases(referral)}
    else:
        body = _("%(where)s：当事人言语中出现自伤、轻生的表述 %(phrases)s。请尽快联系，给予关心和支持。") % {
            "where": where, "phrases": _phrases(referral)}
    url = reverse("care:detail", args=[referral.pk])
    sent = notify_roles(region=case.region, roles=[Role.COUNSELLOR, Role.LEADER], kind=Kind.CRISIS_ALERT, title=title,
                        body=body, case=case, url=url, urgent=True, acting_user=acting_user)
    count = len(sent)
    if referral.kind == ReferralKind.HARM_OTHERS:
        police_body = _("%(ref)s（%(where)s）：调解中当事人言语出现可能伤害他人的表述 %(phrases)s。"
                        "依照《人民调解法》第二十五条告知，请关注各方安全，详情请与矛调中心联系。") % {
            "ref": case.reference, "where": where, "phrases": _phrases(referral)}
        for police in police_covering(case.region_path):
            count += len(notify_roles(region=case.region, roles=[Role.HANDLER], department=police,
                                      kind=Kind.CRISIS_ALERT, title=title, body=police_body, case=case, urgent=True,
                                      acting_user=acting_user))
    return count
