"""The demo accounts: who they are, and switching them off when an install leaves demo mode."""
from __future__ import annotations

import os
from dataclasses import dataclass

from django.db import transaction
from rest_framework.authtoken.models import Token

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.demo.generator.county import DEMO_ACCOUNTS, DEMO_PREFIX

DEFAULT_PASSWORD = "fengqiao-demo"  # noqa: S105 - the published password of the demo accounts, demo mode only


def demo_password() -> str:
    return os.environ.get("FENGQIAO_DEMO_PASSWORD") or DEFAULT_PASSWORD


@dataclass
class AccountLine:
    username: str
    role: str
    where: str
    can_login: bool


def demo_account_lines() -> list[AccountLine]:
    """One line per demo account, in role order, with where the account works."""
    order = [username for username, *_ in DEMO_ACCOUNTS]
    users = {u.username: u for u in User.objects.filter(username__in=order).prefetch_related(
        "memberships__region", "memberships__department")}
    lines = []
    for username in order:
        user = users.get(username)
        if user is None:
            continue
        membership = next(iter(user.memberships.all()), None)
        role = str(Role(membership.role).label) if membership else ""
        where = ""
        if membership:
            where = membership.department.name if membership.department_id else membership.region.name
        lines.append(AccountLine(username, role, where, user.is_active and user.has_usable_password()))
    return lines


@transaction.atomic
def demo_accounts_disable() -> int:
    """Make every demo-* account unable to log in (inactive, unusable password, tokens gone), audited."""
    count = 0
    for user in User.objects.filter(username__startswith=DEMO_PREFIX).order_by("username"):
        before = {"is_active": user.is_active, "usable_password": user.has_usable_password()}
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["is_active", "password"])
        Token.objects.filter(user=user).delete()
        audit_record(actor=None, action="user.disable_demo", obj=user, before=before,
                     after={"is_active": False, "usable_password": False})
        count += 1
    return count
