"""Reads of the follow-up app, always through `Case.objects.visible_to(user)`."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, QuerySet
from django.utils import timezone

from fengqiao.accounts.models import User
from fengqiao.cases.models import Case
from fengqiao.followup.choices import FollowUpStatus, ReviewStatus
from fengqiao.followup.figures import FiguresReport, followup_figures
from fengqiao.followup.models import FollowUp
from fengqiao.followup.resolution import resolution_of, rule_for

PENDING, REVIEW, ANSWERED, OVERDUE = "pending", "review", "answered", "overdue"
LIST_VIEWS = (PENDING, OVERDUE, REVIEW, ANSWERED)

__all__ = ["FiguresReport", "PortalRating", "followup_figures", "followups_for_case", "followups_list", "portal_rating_for"]


def followups_list(*, user: User, view: str = PENDING) -> QuerySet[FollowUp]:
    """待回访 (pending, soonest due first), overdue ones, those waiting for the center's review, or answered ones."""
    scope = FollowUp.objects.filter(case__in=Case.objects.visible_to(user).values("pk"))
    if view == REVIEW:
        scope = scope.filter(review_status=ReviewStatus.REQUESTED).order_by("review_requested_at", "id")
    elif view == ANSWERED:
        scope = scope.filter(status=FollowUpStatus.ANSWERED).order_by(F("answered_at").desc(nulls_last=True), "-id")
    elif view == OVERDUE:
        scope = scope.filter(status=FollowUpStatus.PENDING, due_at__lt=timezone.now()).order_by("due_at", "id")
    else:
        scope = scope.filter(status=FollowUpStatus.PENDING).order_by("due_at", "id")
    return scope.select_related("case", "case__state", "case__region", "case__lead_department", "resolved_state").annotate(
        attempts=Count("calls"))


def followups_for_case(*, case: Case) -> list[FollowUp]:
    """The case's follow-ups, newest first, with their calls (the caller has already checked the case's scope)."""
    return list(
        FollowUp.objects.filter(case=case).select_related("resolved_state", "answered_by", "reviewed_by")
        .prefetch_related("calls__called_by").order_by("-resolved_at", "-id")
    )


@dataclass(frozen=True)
class PortalRating:
    """What the resident's tracking page shows about rating: the form, or the answer already given."""

    can_rate: bool
    followup: FollowUp | None = None


def portal_rating_for(*, case_id: int) -> PortalRating | None:
    """None while the case is being handled (or its latest follow-up no longer applies)."""
    case = Case.objects.select_related("state", "process").filter(pk=case_id).first()
    if case is None:
        return None
    resolution = resolution_of(case)
    if resolution is None:
        return None
    followup = FollowUp.objects.filter(case=case, resolved_at=resolution[0]).first()
    if followup is None:
        return PortalRating(can_rate=rule_for(case) is not None)
    if followup.status == FollowUpStatus.SUPERSEDED:
        return None
    return PortalRating(can_rate=followup.is_pending, followup=followup)
