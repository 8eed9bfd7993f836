"""Writes to users, memberships, passwords and login failures. Atomic and audited."""
from fengqiao.accounts.services.lockout import (
    LoginLockedOut,
    login_failure_record,
    login_failures_clear,
    login_guard,
    login_refused_record,
)
from fengqiao.accounts.services.passwords import password_history_record
from fengqiao.accounts.services.users import membership_grant, membership_revoke, user_create

__all__ = [
    "LoginLockedOut",
    "login_failure_record",
    "login_failures_clear",
    "login_guard",
    "login_refused_record",
    "membership_grant",
    "membership_revoke",
    "password_history_record",
    "user_create",
]
