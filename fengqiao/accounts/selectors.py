"""Who holds which role where: the membership look-ups every app asks (reads only)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import Membership, User
from fengqiao.regions.paths import ancestor_paths

if TYPE_CHECKING:
    from fengqiao.regions.models import Department, Region


def users_with_roles(*, roles: Iterable[str], region_paths: Iterable[str] | None = None,
                     department: Department | None = None) -> QuerySet[User]:
    """Active users with an active membership in one of `roles` (at one of `region_paths`, of `department`).
    One filter() call: all conditions hold on the same membership row."""
    condition: dict = {"memberships__is_active": True, "memberships__role__in": list(roles)}
    if region_paths is not None:
        condition["memberships__region__path__in"] = list(region_paths)
    if department is not None:
        condition["memberships__department"] = department
    return User.objects.filter(is_active=True, **condition).distinct().order_by("pk")


def users_with_roles_covering(*, region: Region, roles: Iterable[str],
                              department: Department | None = None) -> QuerySet[User]:
    """Active users holding one of `roles` through an active membership of `region` or one of its ancestors
    (and of `department`, when given: e.g. the handlers of the police station covering a village)."""
    return users_with_roles(roles=roles, region_paths=ancestor_paths(region.path), department=department)


def department_handlers(department: Department | None) -> list[User]:
    """The active handlers of a department (none without one)."""
    if department is None:
        return []
    return list(users_with_roles(roles=[Role.HANDLER], department=department))


def user_in_department(user: User, department: Department) -> bool:
    """Whether `user` has an active membership of `department`."""
    return user.memberships.filter(is_active=True, department=department).exists()


def memberships_covering(*, region_path: str, roles: Iterable[str]) -> QuerySet[Membership]:
    """Active memberships of active users in one of `roles` at the region of `region_path` or above it."""
    return Membership.objects.filter(
        role__in=list(roles), is_active=True, user__is_active=True, region__path__in=ancestor_paths(region_path)
    ).select_related("user", "region")


def user_ids_in_departments_of_kind(kind: str) -> set[int]:
    """The users who belong to a department of this kind (any membership, active or not)."""
    return set(Membership.objects.filter(department__kind=kind).values_list("user_id", flat=True))
