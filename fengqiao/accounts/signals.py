"""Security events: logins and failed logins are audited."""
from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from fengqiao.audit.models import AuditEntry
from fengqiao.audit.services import audit_record


@receiver(user_logged_in)
def _audit_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.cycle_key()
    audit_record(actor=user, action="auth.login", obj=user)


@receiver(user_login_failed)
def _audit_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        actor=None, action="auth.login_failed", object_type="accounts.user", object_id=username,
        outcome=AuditEntry.Outcome.DENIED,
    )
