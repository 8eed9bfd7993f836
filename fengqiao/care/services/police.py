"""Reporting to the police: a person's decision, taken on the case, never the machine's.

人民调解法 第二十五条 leaves the judgement (a dispute that may turn into a criminal case) to the mediator, and
个人信息保护法 第二十四条 forbids decisions about a person made solely by automated means. So a mediator or a center
officer of the case's area writes the reason (kept on the record, not sent) and the message (sent as written:
nothing of the resident's words is quoted unless the officer writes it), sees a preview with the exact text and
recipients, and then sends it to the police department covering the case's region (the nearest level first).
The send writes a PoliceReport row, a timeline event and an audit row."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.accounts.selectors import department_handlers
from fengqiao.audit.services import audit_record
from fengqiao.care.models import PoliceReport
from fengqiao.care.services.alerts import case_people
from fengqiao.cases.models import Case
from fengqiao.cases.permissions import roles_for_case
from fengqiao.cases.services import case_ensure_visible, case_log_event
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.core.masking import mask_text
from fengqiao.notifications.choices import Kind
from fengqiao.notifications.services import notify
from fengqiao.regions.choices import DepartmentKind
from fengqiao.regions.models import Department
from fengqiao.regions.paths import ancestor_paths

REPORT_ROLES = {Role.MEDIATOR, Role.CENTER}
REASON_MAX = 2000
MESSAGE_MAX = 2000
LAW = "人民调解法 第二十五条"


def police_covering(case: Case) -> list[Department]:
    """Active police departments covering the case's region, the nearest level only (a street's 派出所 before the
    county's 公安局). Known by their kind, never by a word in their name."""
    found = list(
        Department.objects.filter(kind=DepartmentKind.POLICE, is_active=True,
                                  covers__path__in=ancestor_paths(case.region_path))
        .prefetch_related("covers").distinct().order_by("name")
    )
    if not found:
        return []

    def depth(department: Department) -> int:
        return max((len(r.path) for r in department.covers.all() if case.region_path.startswith(r.path)), default=0)

    nearest = max(depth(d) for d in found)
    return [d for d in found if depth(d) == nearest]


def may_report(user: User, case: Case) -> bool:
    """A mediator or center officer of the case's area, or the mediator working on the case."""
    if not getattr(user, "is_authenticated", False):
        return False
    if roles_for_case(user, case) & REPORT_ROLES:
        return True
    is_mediator = any(m.role == Role.MEDIATOR for m in user.active_memberships)
    return is_mediator and any(p.pk == user.pk for p in case_people(case))


@dataclass(frozen=True)
class PoliceReportDraft:
    """Exactly what will be sent, and to whom."""

    case: Case
    department: Department
    recipients: list[User]
    reason: str
    title: str
    body: str

    @property
    def digest(self) -> str:
        payload = [self.department.pk, [u.pk for u in self.recipients], self.title, self.body]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()[:32]


def _clean(value: str, *, field: str, label: str, limit: int) -> str:
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()  # as a browser sends it back or not
    if not value:
        raise ValidationFailed(_("请填写%(label)s。") % {"label": label}, field_errors={field: [_("必填")]})
    if len(value) > limit:
        raise ValidationFailed(_("%(label)s过长（最多%(n)d字）。") % {"label": label, "n": limit},
                               field_errors={field: [_("过长")]})
    return value


def police_report_preview(*, case: Case, acting_user: User, reason: str, message: str) -> PoliceReportDraft:
    """Check and compose the report without sending it: the page shows this draft before the officer confirms."""
    case_ensure_visible(case=case, acting_user=acting_user)
    if not may_report(acting_user, case):
        raise PermissionRefused(
            _("报告公安机关由该地区的调解员或中心工作人员判断并办理（%(law)s）。") % {"law": LAW})
    reason = _clean(reason, field="reason", label=_("报告理由"), limit=REASON_MAX)
    message = _clean(message, field="message", label=_("发送内容"), limit=MESSAGE_MAX)
    departments = police_covering(case)
    if not departments:
        raise TransitionRefused(
            _("平台上没有负责该地区的公安机关（部门类型为“公安机关”）。如有紧急危险，请直接拨打 110。"))
    department = departments[0]
    recipients = department_handlers(department)
    if not recipients:
        raise TransitionRefused(
            _("%(name)s 在平台上没有承办人账号，无法发送；如有紧急危险，请直接拨打 110。") % {"name": department.name})
    title = _("矛调中心报告：%(ref)s") % {"ref": case.reference}
    # masked as the notification stores it, so the preview is exactly what arrives
    body = mask_text(_("%(message)s\n——%(where)s，%(who)s 报告（%(law)s）。") % {
        "message": message, "where": case.region.full_name, "who": acting_user, "law": LAW})
    return PoliceReportDraft(case=case, department=department, recipients=recipients, reason=reason, title=title,
                             body=body)


@transaction.atomic
def police_report_send(*, case: Case, acting_user: User, reason: str, message: str, digest: str) -> PoliceReport:
    """Send the report the officer previewed: `digest` must be the preview's, so that what is sent is exactly
    what was shown (a changed text or recipient list asks for a new preview)."""
    case = Case.objects.select_for_update().select_related("region").get(pk=case.pk)
    draft = police_report_preview(case=case, acting_user=acting_user, reason=reason, message=message)
    if digest != draft.digest:
        raise TransitionRefused(_("发送内容或接收人已变化，请重新预览后再发送。"))
    notify(recipients=draft.recipients, kind=Kind.CRISIS_ALERT, title=draft.title, body=draft.body, case=case,
           urgent=True, acting_user=acting_user)
    report = PoliceReport.objects.create(
        case=case, department=draft.department, reason=draft.reason, title=draft.title, message=draft.body,
        recipients=[u.pk for u in draft.recipients], sent_by=acting_user,
    )
    case_log_event(case=case, acting_user=acting_user, action="police_report",
              note=_("已报告%(name)s（%(law)s）。理由：%(reason)s") % {
                  "name": draft.department.name, "law": LAW, "reason": draft.reason},
              data={"department": draft.department.pk, "report": report.pk})
    audit_record(actor=acting_user, action="care.police_report", obj=case,
                 after={"report": report.pk, "department": draft.department.pk, "reason": draft.reason,
                        "recipients": report.recipients, "title": draft.title, "message": draft.body})
    return report
