"""Login lockout (SECURITY.md item 13): failures are counted per account name and per client address; a lock
refuses every login for that name or address, right password or not, until its cool-off has passed.

Every entry point (the staff login page, the admin login, the API token endpoint) calls `login_guard` before it
checks a password; the `user_login_failed` signal records each failure with `login_failure_record`."""
from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import LoginFailure
from fengqiao.accounts.selectors import (
    LoginLock,
    login_account_key,
    login_address_key,
    login_cooloff,
    login_lock,
    login_window,
)
from fengqiao.audit.models import AuditEntry
from fengqiao.audit.services import audit_record
from fengqiao.core.errors import TooManyAttempts
from fengqiao.core.ratelimit import client_address

logger = logging.getLogger("fengqiao.accounts.login")


class LoginLockedOut(TooManyAttempts):
    code = "locked_out"


def _lock_facts(lock: LoginLock) -> dict:
    return {"until": lock.until.isoformat(), "by": [name for name, on in (("account", lock.by_account),
                                                                          ("address", lock.by_address)) if on]}


def lockout_message(lock: LoginLock, now: datetime | None = None):
    minutes = max(1, -(-lock.retry_after(now) // 60))
    at = formats.time_format(timezone.localtime(lock.until), "H:i")
    return format_lazy(
        _("登录失败次数过多，该账号或本机地址已被暂时锁定。请在 {minutes} 分钟后（{at} 以后）再试；如忘记密码，请联系管理员。"),
        minutes=minutes, at=at,
    )


def login_entry(request: HttpRequest) -> str:
    """Which login answered: the request path (staff login, admin login, API token)."""
    return request.path[:80]


@transaction.atomic
def login_failure_record(*, username: str, address: str, entry: str, now: datetime | None = None) -> LoginLock | None:
    """Count one failed login for the account name and the address, audited with the address; when it completes
    a lock, audit the lockout too. Returns the lock now in force, if any."""
    now = now or timezone.now()
    username = username[:150]
    account_key, address_key = login_account_key(username), login_address_key(address)
    horizon = now - login_window() - login_cooloff()
    # Failures that can no longer count are dropped (the audit trail keeps them); the table stays small.
    LoginFailure.objects.filter(created_at__lt=horizon).delete()
    LoginFailure.objects.create(created_at=now, account_key=account_key, address_key=address_key)
    audit_record(actor=None, action="auth.login_failed", object_type="accounts.user", object_id=username,
                 outcome=AuditEntry.Outcome.DENIED, after={"address": address, "entry": entry})
    logger.warning("login failed: address=%s entry=%s account=%s", address, entry, account_key[:8])
    lock = login_lock(username=username, address=address, now=now)
    if lock is not None:
        facts = _lock_facts(lock)
        audit_record(actor=None, action="auth.locked_out", object_type="accounts.user", object_id=username,
                     outcome=AuditEntry.Outcome.DENIED, after={"address": address, "entry": entry, **facts})
        logger.warning("login locked out: address=%s entry=%s account=%s by=%s until=%s", address, entry,
                       account_key[:8], ",".join(facts["by"]), facts["until"])
    return lock


@transaction.atomic
def login_refused_record(*, username: str, address: str, entry: str, lock: LoginLock) -> None:
    """An attempt refused because of a lock (its password is not checked, and it does not extend the lock)."""
    audit_record(actor=None, action="auth.login_refused_locked", object_type="accounts.user", object_id=username[:150],
                 outcome=AuditEntry.Outcome.DENIED, after={"address": address, "entry": entry, **_lock_facts(lock)})
    logger.warning("login refused while locked: address=%s entry=%s account=%s until=%s", address, entry,
                   login_account_key(username)[:8], lock.until.isoformat())


@transaction.atomic
def login_failures_clear(*, username: str) -> None:
    """A successful login forgets the account's failures (the address's failures stay counted)."""
    LoginFailure.objects.filter(account_key=login_account_key(username[:150])).delete()


def login_guard(*, request: HttpRequest, username: str) -> None:
    """Raise LoginLockedOut (429, with when to retry) if the account name or the client's address is locked;
    the refusal is audited."""
    address = client_address(request)
    lock = login_lock(username=username or "", address=address)
    if lock is None:
        return
    login_refused_record(username=username or "", address=address, entry=login_entry(request), lock=lock)
    raise LoginLockedOut(lockout_message(lock), retry_after=lock.retry_after())
