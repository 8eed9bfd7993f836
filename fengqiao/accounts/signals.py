"""Security events: logins and failed logins are audited (with the client's address); failures count towards
the login lockout, and a successful login clears its account's count."""
from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from fengqiao.accounts.services import login_failure_record, login_failures_clear
from fengqiao.accounts.services.lockout import login_entry
from fengqiao.audit.models import AuditEntry
from fengqiao.audit.services import audit_record
from fengqiao.core.ratelimit import client_address


@receiver(user_logged_in)
def _audit_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.cycle_key()
    after = {"address": client_address(request), "entry": login_entry(request)} if request is not None else None
    audit_record(actor=user, action="auth.login", obj=user, after=after)
    login_failures_clear(username=user.get_username())


@receiver(user_login_failed)
def _audit_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    if request is None:  # authenticate() called without a request (scripts, the test client's login())
        audit_record(
            actor=None, action="auth.login_failed", object_type="accounts.user", object_id=username,
            outcome=AuditEntry.Outcome.DENIED,
        )
        return
    login_failure_record(username=username, address=client_address(request), entry=login_entry(request))
