"""The one place that decides which cases a user may read."""
from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from fengqiao.accounts.choices import Role
from fengqiao.cases.choices import AssignmentStatus, StateKind

# Roles that see every case in the region they hold (and below it).
REGIONAL_ROLES = {Role.GRID_WORKER, Role.MEDIATOR, Role.CENTER, Role.LEADER, Role.ADMIN}


def case_scope_q(user) -> Q:
    """A filter for the cases `user` may see: their regions, their departments' cases, their own assignments,
    and — for a leader — the major cases put under them (领导包案), wherever those are."""
    from fengqiao.cases.models import Assignment, LeaderCase

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    q = Q(pk__in=[])
    department_ids: set[int] = set()
    is_leader = False
    for membership in user.active_memberships:
        if membership.role == Role.HANDLER and membership.department_id:
            department_ids.add(membership.department_id)
        elif membership.role in REGIONAL_ROLES:
            q |= Q(region_path__startswith=membership.region.path)
            is_leader = is_leader or membership.role == Role.LEADER
    q |= Q(lead_user_id=user.pk) | Q(Exists(Assignment.objects.filter(case_id=OuterRef("pk"), user_id=user.pk)))
    if department_ids:
        q |= Q(lead_department_id__in=department_ids) | Q(
            Exists(Assignment.objects.filter(case_id=OuterRef("pk"), department_id__in=department_ids))
        )
    if is_leader:
        # Only while the user still holds a leader role: a 包案 does not outlive the office.
        q |= Q(Exists(LeaderCase.objects.filter(case_id=OuterRef("pk"), leader_id=user.pk, active=True)))
    return q


def overdue_q(now) -> Q:
    """Open, past due and not paused (a paused clock is never overdue)."""
    return Q(state__kind=StateKind.OPEN, due_at__lt=now, clock_paused_at__isnull=True)


# Small lookup tables a case row points at. Lists read them by id (one short query each) instead of joining
# them: PostgreSQL spent 20-40 ms planning the case list with six joins and the scope, 0.4 ms with two.
LOOKUPS = ("process", "state", "category", "dispute_type")


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseQuerySet:
        return self.filter(case_scope_q(user))

    def with_lookups(self, *more: str) -> CaseQuerySet:
        """Process, state, category and dispute type (and `more` relations), each read in one query by id."""
        return self.prefetch_related(*LOOKUPS, *more)

    def open(self) -> CaseQuerySet:
        return self.filter(state__kind=StateKind.OPEN)

    def overdue(self, now=None) -> CaseQuerySet:
        """Open, past due and not paused (a paused clock is never overdue)."""
        return self.filter(overdue_q(now or timezone.now()))

    def not_overdue(self, now=None) -> CaseQuerySet:
        """Every case `overdue()` leaves out: closed or resolved, not yet due, no clock, or paused."""
        return self.exclude(overdue_q(now or timezone.now()))

    def due_soon(self, now=None) -> CaseQuerySet:
        now = now or timezone.now()
        return self.filter(state__kind=StateKind.OPEN, warn_at__lte=now, due_at__gte=now, clock_paused_at__isnull=True)

    def assigned_to(self, user) -> CaseQuerySet:
        from fengqiao.cases.models import Assignment

        department_ids = [m.department_id for m in user.active_memberships if m.role == Role.HANDLER and m.department_id]
        active = Assignment.objects.filter(case_id=OuterRef("pk"), status=AssignmentStatus.ACTIVE)
        mine = Q(Exists(active.filter(user_id=user.pk)))
        if department_ids:
            mine |= Q(Exists(active.filter(department_id__in=department_ids, user__isnull=True)))
        return self.filter(mine)
