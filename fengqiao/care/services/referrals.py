"""Referrals: opened when crisis language is found or marked, assigned to a counsellor, followed by contacts,
closed with a note. Every write is atomic and audited."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.accounts.selectors import memberships_covering
from fengqiao.audit.services import audit_record
from fengqiao.care.choices import ACTIVE_STATUSES, ContactMethod, ReferralKind, ReferralSource, ReferralStatus
from fengqiao.care.models import Referral, ReferralContact
from fengqiao.care.services.access import active_task, care_task, counsellor_access_grant
from fengqiao.care.services.alerts import crisis_alert_send
from fengqiao.cases.models import Case
from fengqiao.cases.permissions import can_manage
from fengqiao.core.errors import NotFoundError, PermissionRefused, TransitionRefused, ValidationFailed

MAX_TEXT = 5000
MAX_PHRASES = 20


def _text(value: str, *, field: str, label: str, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(_("请填写%(label)s。") % {"label": label}, field_errors={field: [_("必填")]})
    if len(value) > MAX_TEXT:
        raise ValidationFailed(_("%(label)s过长（最多5000字）。") % {"label": label}, field_errors={field: [_("过长")]})
    return value


def counsellors_covering(case: Case) -> list[User]:
    """Active counsellors whose membership region contains the case, nearest level first, then the one with
    the fewest active referrals."""
    memberships = memberships_covering(region_path=case.region_path, roles=[Role.COUNSELLOR])
    load = dict(
        Referral.objects.filter(status__in=ACTIVE_STATUSES, counsellor__isnull=False)
        .values("counsellor").annotate(n=Count("id")).values_list("counsellor", "n")
    )
    ranked = sorted(memberships, key=lambda m: (-len(m.region.path), load.get(m.user_id, 0), m.user_id))
    seen: dict[int, User] = {}
    for membership in ranked:
        seen.setdefault(membership.user_id, membership.user)
    return list(seen.values())


def may_counsel(user: User, case: Case) -> bool:
    return any(m.role == Role.COUNSELLOR and case.region_path.startswith(m.region.path) for m in user.active_memberships)


@transaction.atomic
def referral_open(*, case: Case, kind: str, phrases: list[str], source: str = ReferralSource.TRIAGE,
                  acting_user: User | None = None) -> tuple[Referral, bool]:
    """Open a referral (or add the new phrases to the active one of the same kind). New referrals alert at once
    and are given to the nearest counsellor on call. Returns (referral, created)."""
    if kind not in ReferralKind.values:
        raise ValidationFailed(_("未知的转介类型。"), field_errors={"kind": [_("无效")]})
    phrases = [str(p)[:200] for p in phrases if str(p).strip()][:MAX_PHRASES]
    existing = Referral.objects.select_for_update().filter(case=case, kind=kind, status__in=ACTIVE_STATUSES).first()
    if existing is not None:
        merged = list(dict.fromkeys([*existing.phrases, *phrases]))[:MAX_PHRASES]
        if merged != existing.phrases:
            existing.phrases, existing.updated_at = merged, timezone.now()
            existing.save(update_fields=["phrases", "updated_at"])
        return existing, False
    referral = Referral.objects.create(case=case, kind=kind, phrases=phrases, source=source, opened_by=acting_user)
    audit_record(actor=acting_user, action="care.referral_open", obj=referral,
                 after={"case": case.pk, "kind": kind, "source": source, "phrases": phrases})
    on_call = counsellors_covering(case)
    if on_call:
        _assign(referral, on_call[0], acting_user)
    crisis_alert_send(referral=referral, acting_user=acting_user)
    return referral, True


def _assign(referral: Referral, counsellor: User, acting_user: User | None) -> None:
    before = referral.counsellor_id
    counsellor_access_grant(case=referral.case, counsellor=counsellor, acting_user=acting_user,
                            task=care_task(referral.get_kind_display()))
    referral.counsellor, referral.updated_at = counsellor, timezone.now()
    referral.save(update_fields=["counsellor", "updated_at"])
    audit_record(actor=acting_user, action="care.referral_assign", obj=referral,
                 before={"counsellor": before}, after={"counsellor": counsellor.pk})


def _lock(referral: Referral) -> Referral:
    current = Referral.objects.select_for_update().select_related("case", "case__region").filter(pk=referral.pk).first()
    if current is None:
        raise NotFoundError(_("未找到该转介。"))
    return current


@transaction.atomic
def referral_assign(*, referral: Referral, counsellor: User, acting_user: User) -> Referral:
    """Center staff or a leader of the case's area gives the referral to a counsellor covering it."""
    referral = _lock(referral)
    if not can_manage(acting_user, referral.case):
        raise PermissionRefused(_("只有中心工作人员或领导可以指派心理咨询师。"))
    if not referral.is_active:
        raise TransitionRefused(_("该转介已结束。"))
    if counsellor.pk not in {u.pk for u in counsellors_covering(referral.case)}:
        raise ValidationFailed(_("请选择负责该地区的心理咨询师或社工。"), field_errors={"counsellor": [_("无效")]})
    _assign(referral, counsellor, acting_user)
    return referral


@transaction.atomic
def referral_take(*, referral: Referral, acting_user: User) -> Referral:
    """A counsellor of the case's area takes an unassigned referral."""
    referral = _lock(referral)
    if not may_counsel(acting_user, referral.case):
        raise PermissionRefused(_("只有负责该地区的心理咨询师或社工可以接手。"))
    if not referral.is_active:
        raise TransitionRefused(_("该转介已结束。"))
    if referral.counsellor_id and referral.counsellor_id != acting_user.pk:
        raise TransitionRefused(_("该转介已由 %(name)s 负责。") % {"name": referral.counsellor})
    _assign(referral, acting_user, acting_user)
    return referral


def may_record(user: User, referral: Referral) -> bool:
    return referral.counsellor_id == user.pk or can_manage(user, referral.case)


@dataclass
class ContactInput:
    at: dt.datetime | None
    method: str
    reached: bool
    outcome: str
    safety_plan: str = ""
    next_follow_up: dt.date | None = None


@transaction.atomic
def referral_contact_record(*, referral: Referral, acting_user: User, data: ContactInput) -> ReferralContact:
    """Record a contact: who, when, how, reached or not, the outcome, the safety plan, the next follow-up.
    The first contact that reaches the person completes the counsellor's co-handler task on the case."""
    referral = _lock(referral)
    if not may_record(acting_user, referral):
        raise PermissionRefused(_("只有负责的心理咨询师或中心工作人员可以记录联系情况。"))
    if not referral.is_active:
        raise TransitionRefused(_("该转介已结束，不能再记录联系。"))
    errors: dict[str, list[str]] = {}
    now = timezone.now()
    at = data.at or now
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at > now + dt.timedelta(minutes=5):
        errors["at"] = [_("联系时间不能晚于现在。")]
    elif at < referral.opened_at - dt.timedelta(days=1):
        errors["at"] = [_("联系时间不能早于转介时间。")]
    if data.method not in ContactMethod.values:
        errors["method"] = [_("未知的联系方式。")]
    if data.next_follow_up is not None and data.next_follow_up < timezone.localdate():
        errors["next_follow_up"] = [_("下次跟进日期不能早于今天。")]
    if errors:
        raise ValidationFailed(_("联系记录有误，请检查标出的字段。"), field_errors=errors)
    outcome = _text(data.outcome, field="outcome", label=_("情况与处理"), required=True)
    safety_plan = _text(data.safety_plan, field="safety_plan", label=_("安全计划"))
    contact = ReferralContact.objects.create(
        referral=referral, by=acting_user, at=at, method=data.method, reached=data.reached, outcome=outcome,
        safety_plan=safety_plan, next_follow_up=data.next_follow_up,
    )
    before = {"status": referral.status, "follow_up_on": str(referral.follow_up_on or "")}
    if data.reached and referral.status == ReferralStatus.OPEN:
        referral.status = ReferralStatus.CONTACTED
    referral.follow_up_on = data.next_follow_up
    referral.updated_at = now
    referral.save(update_fields=["status", "follow_up_on", "updated_at"])
    if data.reached:
        _complete_task(referral, acting_user, outcome)
    audit_record(actor=acting_user, action="care.contact_record", obj=referral, before=before,
                 after={"status": referral.status, "follow_up_on": str(referral.follow_up_on or ""),
                        "contact": contact.pk, "reached": data.reached, "method": data.method})
    return contact


def _complete_task(referral: Referral, acting_user: User, result: str) -> None:
    from fengqiao.cases.services import case_co_task_complete

    if referral.counsellor is None:
        return
    task = active_task(referral.case, referral.counsellor)
    if task is not None:
        case_co_task_complete(assignment=task, acting_user=acting_user, result=result)


@transaction.atomic
def referral_close(*, referral: Referral, acting_user: User, note: str) -> Referral:
    """End the referral with a note (the person is safe and supported, referred on, or it was a false alarm)."""
    referral = _lock(referral)
    if not may_record(acting_user, referral):
        raise PermissionRefused(_("只有负责的心理咨询师或中心工作人员可以结束转介。"))
    if not referral.is_active:
        raise TransitionRefused(_("该转介已结束。"))
    note = _text(note, field="note", label=_("结束说明"), required=True)
    before = referral.status
    referral.status, referral.closed_at, referral.closed_by = ReferralStatus.CLOSED, timezone.now(), acting_user
    referral.close_note, referral.follow_up_on, referral.updated_at = note, None, timezone.now()
    referral.save(update_fields=["status", "closed_at", "closed_by", "close_note", "follow_up_on", "updated_at"])
    _complete_task(referral, acting_user, note)
    audit_record(actor=acting_user, action="care.referral_close", obj=referral, before={"status": before},
                 after={"status": referral.status, "note": note})
    return referral

