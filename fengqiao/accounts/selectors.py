"""Who holds which role where: the membership look-ups every app asks; login locks and password age (reads only)."""
from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import LoginFailure, Membership, User
from fengqiao.core.ratelimit import client_bucket_key
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


# --- login lockout and password age -------------------------------------------------------------------------

@dataclass(frozen=True)
class LoginLock:
    """A lock in force: until when, and whether the account, the client address or both are locked."""

    until: datetime
    by_account: bool
    by_address: bool

    def retry_after(self, now: datetime | None = None) -> int:
        return max(1, math.ceil((self.until - (now or timezone.now())).total_seconds()))


def login_account_key(username: str) -> str:
    """A keyed hash of the account name as typed (failures for names that do not exist count too)."""
    label = f"login-account:{username[:150]}"
    return hmac.new(settings.SECRET_KEY.encode(), label.encode(), hashlib.sha256).hexdigest()


def login_address_key(address: str) -> str:
    return client_bucket_key(address)


def login_window() -> timedelta:
    return timedelta(minutes=settings.FENGQIAO_LOGIN_FAILURE_WINDOW_MINUTES)


def login_cooloff() -> timedelta:
    return timedelta(minutes=settings.FENGQIAO_LOGIN_COOLOFF_MINUTES)


def _locked_until(*, field: str, key: str, limit: int, now: datetime) -> datetime | None:
    """`limit` failures within the window lock until the cool-off has passed since the last of them."""
    if limit <= 0:
        return None
    window, cooloff = login_window(), login_cooloff()
    times = list(
        LoginFailure.objects.filter(**{field: key, "created_at__gt": now - window - cooloff, "created_at__lte": now})
        .order_by("-created_at").values_list("created_at", flat=True)[:limit]
    )
    if len(times) < limit or times[0] - times[-1] > window:
        return None
    until = times[0] + cooloff
    return until if until > now else None


def login_lock(*, username: str, address: str, now: datetime | None = None) -> LoginLock | None:
    """The lock on this account name or this client address, if one is in force."""
    now = now or timezone.now()
    account_until = _locked_until(field="account_key", key=login_account_key(username),
                                  limit=settings.FENGQIAO_LOGIN_FAILURE_LIMIT, now=now)
    address_until = _locked_until(field="address_key", key=login_address_key(address),
                                  limit=settings.FENGQIAO_LOGIN_ADDRESS_FAILURE_LIMIT, now=now)
    if account_until is None and address_until is None:
        return None
    return LoginLock(until=max(t for t in (account_until, address_until) if t is not None),
                     by_account=account_until is not None, by_address=address_until is not None)


def password_profile_is_dengbao() -> bool:
    return getattr(settings, "FENGQIAO_PASSWORD_PROFILE", "standard") == "dengbao"


def password_expired(user: User, now: datetime | None = None) -> bool:
    """Under the 等保 profile: the password is older than FENGQIAO_PASSWORD_MAX_AGE_DAYS (counted from the last
    change, or from when the account was made). The standard profile never expires passwords."""
    if not password_profile_is_dengbao() or not user.has_usable_password():
        return False
    max_age = settings.FENGQIAO_PASSWORD_MAX_AGE_DAYS
    if max_age <= 0:
        return False
    since = user.password_changed_at or user.date_joined
    return since < (now or timezone.now()) - timedelta(days=max_age)
