"""Password history: each new password's hash is kept (the last FENGQIAO_PASSWORD_HISTORY of them), and the
time of the change starts the 等保 profile's rotation clock."""
from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fengqiao.accounts.models import PasswordHistory, User
from fengqiao.audit.services import audit_record


@transaction.atomic
def password_history_record(*, user: User) -> None:
    """Called once a user's new password is saved (the password validators' `password_changed` hook)."""
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(password_changed_at=now)
    user.password_changed_at = now
    PasswordHistory.objects.create(user=user, password=user.password, created_at=now)
    keep = max(settings.FENGQIAO_PASSWORD_HISTORY, 1)
    stale = list(PasswordHistory.objects.filter(user=user).order_by("-created_at", "-pk").values_list("pk", flat=True)[keep:])
    if stale:
        PasswordHistory.objects.filter(pk__in=stale).delete()
    audit_record(actor=user, action="user.password_changed", obj=user)
