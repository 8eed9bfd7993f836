"""The center's review of a follow-up answered "not settled" or "dissatisfied": reopen the case, or record why not.

Reopening goes through the case's own transitions (cases.services.case_transition) as the center staff member
who decides, so the process's rules and roles apply: a reopen step (by effect) from the current state, or — where the
process first records the follow-up as a step of its own (调解成功 → 回访, 已反馈 → 已回访) — that step and then
its reopen step."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases.choices import TransitionEffect
from fengqiao.cases.models import Case, Transition
from fengqiao.cases.permissions import can_manage
from fengqiao.cases.services import case_log_event, case_transition
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.followup.choices import ReviewStatus
from fengqiao.followup.models import FollowUp
from fengqiao.followup.services.common import case_in_scope, clean_text, lock_followup


def reopen_path(case: Case) -> list[Transition] | None:
    """The transitions that take the case back into handling from where it is now, or None when there is none."""
    steps = Transition.objects.filter(process_id=case.process_id, is_active=True).select_related("from_state", "to_state")
    direct = steps.filter(from_state_id=case.state_id, effect=TransitionEffect.REOPEN).first()
    if direct is not None:
        return [direct]
    record = steps.filter(from_state_id=case.state_id, effect=TransitionEffect.FOLLOW_UP).first()
    if record is not None:
        then = steps.filter(from_state_id=record.to_state_id, effect=TransitionEffect.REOPEN).first()
        if then is not None:
            return [record, then]
    return None


def _review_target(followup: FollowUp, acting_user: User) -> tuple[Case, FollowUp]:
    case = case_in_scope(acting_user, followup.case)
    if not can_manage(acting_user, case):
        raise PermissionRefused(_("只有矛调中心工作人员、领导或管理员可以复核回访结果。"))
    followup = lock_followup(followup, case)
    if followup.review_status != ReviewStatus.REQUESTED:
        raise TransitionRefused(_("该回访不需要复核，或已复核。"))
    return case, followup


@transaction.atomic
def followup_reopen(*, followup: FollowUp, acting_user: User, note: str) -> FollowUp:
    """Reopen the case for another round of handling because the resident is not satisfied."""
    note = clean_text(note, field="note")
    if not note:
        raise ValidationFailed(_("请填写重新办理的意见。"), field_errors={"note": [_("必填")]})
    case, followup = _review_target(followup, acting_user)
    path = reopen_path(case)
    if path is None:
        raise TransitionRefused(_("案件当前环节“%(state)s”不能重新办理，请按该流程的规定处理（如信访事项的复查）。") % {
            "state": case.state.name})
    for step in path:
        if step.effect == TransitionEffect.REOPEN:
            case = case_transition(case=case, action=step.action, acting_user=acting_user, note=note,
                                   public_note=_("根据您的回访意见，该事项已重新办理。"))
        else:
            case = case_transition(case=case, action=step.action, acting_user=acting_user,
                                   note=_("回访：%(settled)s，%(satisfaction)s。") % {
                                       "settled": followup.get_settled_display(),
                                       "satisfaction": followup.get_satisfaction_display()})
    followup.review_status, followup.reviewed_by, followup.reviewed_at = ReviewStatus.REOPENED, acting_user, timezone.now()
    followup.review_note = note
    followup.save(update_fields=["review_status", "reviewed_by", "reviewed_at", "review_note"])
    audit_record(actor=acting_user, action="followup.reopen", obj=followup,
                 after={"case": case.pk, "steps": [s.action for s in path], "state": case.state.code, "note": note})
    return followup


@transaction.atomic
def followup_review_dismiss(*, followup: FollowUp, acting_user: User, note: str) -> FollowUp:
    """Decide not to reopen (for instance: the demand has no legal basis and this was explained to the resident)."""
    note = clean_text(note, field="note")
    if not note:
        raise ValidationFailed(_("请说明不重新办理的理由。"), field_errors={"note": [_("必填")]})
    case, followup = _review_target(followup, acting_user)
    followup.review_status, followup.reviewed_by, followup.reviewed_at = ReviewStatus.DISMISSED, acting_user, timezone.now()
    followup.review_note = note
    followup.save(update_fields=["review_status", "reviewed_by", "reviewed_at", "review_note"])
    case_log_event(case=case, acting_user=acting_user, action="followup_review_dismissed",
              note=_("回访复核：不重新办理。理由：%(note)s") % {"note": note}, data={"followup": followup.pk})
    audit_record(actor=acting_user, action="followup.review_dismiss", obj=followup, after={"case": case.pk, "note": note})
    return followup
