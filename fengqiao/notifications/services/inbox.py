"""Marking notifications read. Callers pass notifications they got from the selectors (the user's own)."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import User
from fengqiao.core.errors import NotFoundError
from fengqiao.notifications.models import Notification


@transaction.atomic
def notification_mark_read(*, notification: Notification, acting_user: User) -> Notification:
    """Mark one of the acting user's own notifications read (someone else's answers "not found")."""
    if notification.recipient_id != acting_user.pk:
        raise NotFoundError(_("通知不存在。"))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


@transaction.atomic
def notification_mark_all_read(*, acting_user: User) -> int:
    """Mark every unread notification of the acting user read; returns how many changed."""
    return Notification.objects.filter(recipient=acting_user, read_at__isnull=True).update(read_at=timezone.now())
