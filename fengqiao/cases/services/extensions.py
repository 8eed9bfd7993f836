"""Extending a step's deadline: request with a reason, approve or refuse with a reason told to the applicant.
A step's rule caps the days (max_extension) and may ask for a 负责人 of the handling body to decide
(extension_by_head; seeded for the petition handling step, 信访工作条例 第三十四条)."""
from __future__ import annotations

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases import events
from fengqiao.cases.choices import EventKind, ExtensionStatus, StateKind
from fengqiao.cases.deadlines import add_period, uncovered_warning
from fengqiao.cases.models import Case, DeadlineExtension, DeadlineRule
from fengqiao.cases.permissions import may_decide_extension, roles_for_case
from fengqiao.cases.services.common import add_event, ensure_case_visible, lock_case, save_case, snapshot
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed


def _granted_days(case: Case) -> int:
    return (
        DeadlineExtension.objects.filter(case=case, state_id=case.state_id, status=ExtensionStatus.APPROVED)
        .aggregate(total=Sum("days"))["total"]
        or 0
    )


PETITION_EXTENSION_ARTICLE = "信访工作条例 第三十四条"


def _article(rule: DeadlineRule) -> str:
    """The article that asks for a 负责人's approval: Art. 34 for a petition rule, else the article part of the
    rule's own legal basis ("某条例 第5条：…" gives "某条例 第5条")."""
    if "信访工作条例" in rule.legal_basis or not rule.legal_basis:
        return PETITION_EXTENSION_ARTICLE
    return rule.legal_basis.split("：")[0].split(":")[0].strip()


def _check_approver(acting_user, case: Case) -> None:
    """Who decides: where the step's rule says so, only a 负责人 of the handling body (信访工作条例 第三十四条:
    经本机关、单位负责人批准); elsewhere center staff, leaders and administrators of the case's area."""
    rule = case.deadline_rule
    if rule is not None and rule.extension_by_head:
        if not may_decide_extension(acting_user, case):
            raise PermissionRefused(
                _("本环节的延期须经承办机关、单位负责人批准（%(article)s），您不是%(body)s的负责人。") % {
                    "article": _article(rule),
                    "body": case.lead_department.name if case.lead_department is not None else _("承办单位")})
    elif not may_decide_extension(acting_user, case):
        raise PermissionRefused(_("您无权审批延期。"))


@transaction.atomic
def case_extension_request(*, case: Case, acting_user, days: int, reason: str) -> DeadlineExtension:
    ensure_case_visible(acting_user, case.pk)
    case = lock_case(case, None)
    if not roles_for_case(acting_user, case):
        raise PermissionRefused(_("您无权为该案件申请延期。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("请填写延期理由。"), field_errors={"reason": [_("必填")]})
    if case.state.kind != StateKind.OPEN or case.deadline_rule is None or case.due_at is None:
        raise TransitionRefused(_("当前环节没有可延长的期限。"))
    remaining = case.deadline_rule.max_extension - _granted_days(case)
    if days <= 0 or days > remaining:
        raise ValidationFailed(
            _("延长期限须在 1 至 %(max)d 之间。") % {"max": max(remaining, 0)}, field_errors={"days": [_("超出允许范围")]}
        )
    if DeadlineExtension.objects.filter(case=case, status=ExtensionStatus.PENDING).exists():
        raise TransitionRefused(_("已有待审批的延期申请。"))
    extension = DeadlineExtension.objects.create(case=case, state=case.state, days=days, reason=reason, requested_by=acting_user)
    add_event(case, kind=EventKind.EXTENSION, actor=acting_user, action="extension_request", note=reason, data={"days": days})
    audit_record(actor=acting_user, action="case.extension_request", obj=case, after={"days": days, "reason": reason})
    events.publish(events.ExtensionRequested(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None),
                                             extension_id=extension.pk, days=days))
    return extension


@transaction.atomic
def case_extension_decide(*, extension: DeadlineExtension, acting_user, approve: bool, note: str) -> DeadlineExtension:
    case = extension.case
    ensure_case_visible(acting_user, case.pk)
    case = lock_case(case, None)
    _check_approver(acting_user, case)
    if extension.requested_by_id == acting_user.pk and not acting_user.is_superuser:
        raise PermissionRefused(_("不能审批自己提出的延期申请。"))
    if extension.status != ExtensionStatus.PENDING:
        raise TransitionRefused(_("该申请已审批。"))
    note = (note or "").strip()
    if not note:
        raise ValidationFailed(_("请填写审批意见（将告知申请人）。"), field_errors={"note": [_("必填")]})
    before = snapshot(case)
    extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    extension.decided_by, extension.decided_at, extension.decision_note = acting_user, timezone.now(), note
    extension.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if approve and extension.state_id == case.state_id and case.due_at and case.deadline_rule:
        due, uncovered = add_period(start=case.due_at, amount=extension.days, unit=case.deadline_rule.unit)
        case.due_at = due
        if uncovered:
            case.calendar_warning = uncovered_warning(uncovered)
        save_case(case, ["due_at", "calendar_warning"])
    else:
        save_case(case, [])
    public = (
        _("办理期限延长 %(days)d 日，理由：%(reason)s") % {"days": extension.days, "reason": extension.reason}
        if approve
        else ""
    )
    add_event(case, kind=EventKind.EXTENSION, actor=acting_user, action="extension_approve" if approve else "extension_refuse",
              note=note, public_note=public, data={"days": extension.days})
    audit_record(actor=acting_user, action="case.extension_" + ("approve" if approve else "refuse"), obj=case,
                 before=before, after={**snapshot(case), "note": note})
    events.publish(events.ExtensionDecided(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None),
                                           at=extension.decided_at, extension_id=extension.pk,
                                           days=extension.days, approved=approve))
    return extension
