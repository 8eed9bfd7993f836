"""Staff answers to the suggestions: accept or correct in one click, stored as training labels.

Setting a category or dispute type changes the case, so it goes through the cases app's own service
(`case_classify`): the case row locked and version-checked, saved with its version bumped, a timeline line and
an audit row with before and after.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases.models import Case, Category, DisputeType
from fengqiao.cases.permissions import roles_for_case
from fengqiao.cases.services import case_assign, case_classify, case_ensure_visible
from fengqiao.core.errors import PermissionRefused, ValidationFailed
from fengqiao.regions.models import Department
from fengqiao.triage.choices import CRISIS_NONE, CrisisKind, LabelField
from fengqiao.triage.models import TriageLabel, TriageResult
from fengqiao.triage.signals import crisis_detected


def _check_may_act(acting_user: User, case: Case) -> None:
    if not roles_for_case(acting_user, case):
        raise PermissionRefused(_("您在该案件中没有办理职责，不能确认分流建议。"))


def _suggested(result: TriageResult | None, field: str) -> str:
    if result is None or not result.is_done:
        return ""
    if field == LabelField.CATEGORY:
        return result.category.code if result.category is not None else ""
    if field == LabelField.DISPUTE_TYPE:
        return result.dispute_type.code if result.dispute_type is not None else ""
    return (result.crisis_kind or CRISIS_NONE) if result.crisis else CRISIS_NONE


def _label(case: Case, field: str, suggested: str, chosen: str, acting_user: User) -> TriageLabel:
    return TriageLabel.objects.create(
        case=case, field=field, suggested=suggested, chosen=chosen, by=acting_user, at=timezone.now()
    )


@transaction.atomic
def triage_feedback(
    *, case: Case, field: str, chosen: str, acting_user: User, expected_version: int | None = None
) -> TriageLabel:
    """Accept or correct one suggestion. `chosen` is a category or dispute-type code, or for `crisis` one of
    "self_harm", "harm_others" or "none" (not a crisis). A crisis confirmed or marked by a person reaches the
    care app like one found by triage."""
    case_ensure_visible(case=case, acting_user=acting_user)
    _check_may_act(acting_user, case)
    chosen = (chosen or "").strip()
    result = TriageResult.objects.filter(case=case).select_related("category", "dispute_type").first()
    suggested = _suggested(result, field)
    if field == LabelField.CATEGORY:
        category = Category.objects.filter(code=chosen, is_active=True).first()
        if category is None:
            raise ValidationFailed(_("请选择有效的诉求类别。"), field_errors={"chosen": [_("无效的类别")]})
        case_classify(
            case=case,
            field="category",
            value=category,
            suggested=suggested,
            acting_user=acting_user,
            expected_version=expected_version,
        )
    elif field == LabelField.DISPUTE_TYPE:
        dispute_type = DisputeType.objects.filter(code=chosen).first()
        if dispute_type is None:
            raise ValidationFailed(
                _("请选择有效的纠纷类型。"), field_errors={"chosen": [_("无效的纠纷类型")]}
            )
        case_classify(
            case=case,
            field="dispute_type",
            value=dispute_type,
            suggested=suggested,
            acting_user=acting_user,
            expected_version=expected_version,
        )
    elif field == LabelField.CRISIS:
        if chosen not in {*CrisisKind.values, CRISIS_NONE}:
            raise ValidationFailed(_("未知的危机类型。"), field_errors={"chosen": [_("无效")]})
        audit_record(
            actor=acting_user,
            action="triage.crisis_label",
            obj=case,
            after={"suggested": suggested, "chosen": chosen},
        )
        if chosen != CRISIS_NONE:
            phrases = list(result.crisis_reasons) if result is not None and result.crisis else []
            crisis_detected.send(
                sender=TriageResult,
                case=case,
                kind=chosen,
                phrases=phrases,
                score=result.crisis_score if result is not None else 0.0,
                source="manual",
                acting_user=acting_user,
            )
    else:
        raise ValidationFailed(_("未知的字段。"), field_errors={"field": [_("无效")]})
    return _label(case, field, suggested, chosen, acting_user)


@transaction.atomic
def triage_route(
    *,
    case: Case,
    acting_user: User,
    department: Department | None = None,
    expected_version: int | None = None,
) -> Case:
    """One-click routing: assign the case (主办) to the suggested department, or to `department`."""
    case_ensure_visible(case=case, acting_user=acting_user)
    result = TriageResult.objects.filter(case=case).select_related("department", "routing_rule").first()
    target = department or (result.department if result is not None else None)
    if target is None:
        raise ValidationFailed(
            _("没有建议的承办部门，请选择部门。"), field_errors={"department": [_("必填")]}
        )
    if result is not None and result.department_id == target.pk and result.routing_label:
        note = _("按智能分流建议交办（%(rule)s）") % {"rule": result.routing_label}
    else:
        note = _("人工分流交办")
    return case_assign(
        case=case, acting_user=acting_user, to_department=target, note=note, expected_version=expected_version
    )
