"""Reads of the care app: referrals scoped to who may open them; forbidden and missing both answer 404."""
from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.care.choices import ACTIVE_STATUSES, HotlineScope
from fengqiao.care.models import Hotline, Referral
from fengqiao.cases.models import Case

MANAGER_ROLES = {Role.CENTER, Role.LEADER, Role.ADMIN}


def referral_visible_q(user: User) -> Q:
    """Referrals `user` may open: assigned to them; in a region where they are a counsellor; and, for center
    staff, leaders and administrators (and whoever marked it), those of cases they can see."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    visible_cases = Case.objects.visible_to(user).values("pk")
    if user.is_superuser:
        return Q(case__in=visible_cases)
    q = Q(counsellor_id=user.pk)
    for membership in user.active_memberships:
        if membership.role == Role.COUNSELLOR:
            q |= Q(case__region_path__startswith=membership.region.path)
    if any(m.role in MANAGER_ROLES for m in user.active_memberships):
        q |= Q(case__in=visible_cases)
    else:
        q |= Q(opened_by_id=user.pk, case__in=visible_cases)
    return q


def referrals_for(*, user: User, status: str = "active") -> QuerySet[Referral]:
    qs = Referral.objects.filter(referral_visible_q(user)).select_related(
        "case", "case__region", "case__state", "counsellor"
    )
    if status == "active":
        qs = qs.filter(status__in=ACTIVE_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    return qs.order_by("status", "follow_up_on", "-opened_at", "-id")


def referral_get_visible(*, user: User, referral_id: int) -> Referral:
    referral = referrals_for(user=user, status="").filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    return referral


def referrals_of_case(*, case: Case, user: User) -> list[Referral]:
    return list(referrals_for(user=user, status="").filter(case=case))


def hotlines_for(kinds: set[str] | None = None) -> list[Hotline]:
    qs = Hotline.objects.filter(is_active=True)
    if kinds:
        qs = qs.filter(Q(scope=HotlineScope.ALL) | Q(scope__in=kinds))
    return list(qs)


def may_see_case(user: User, case: Case) -> bool:
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


def case_ids_in_care(*, case_ids: list[int]) -> set[int]:
    """Of `case_ids`, those with an active care referral (crisis language found or marked by a person)."""
    return set(Referral.objects.filter(case_id__in=case_ids, status__in=ACTIVE_STATUSES)
               .values_list("case_id", flat=True))
