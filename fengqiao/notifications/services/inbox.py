"""Marking notifications read: one, one group (the inbox's grouped line) or all. Callers pass notifications they got
from the selectors (the user's own); a group key is looked up among the acting user's own notices only."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
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
def notification_mark_group_read(*, acting_user: User, group_key: str) -> int:
    """Mark every unread notice of one of the acting user's groups read; returns how many changed. A key that
    names none of the acting user's notices (another user's, or none at all) answers "not found"."""
    own = Notification.objects.filter(recipient=acting_user, in_inbox=True, group_key=group_key or "-")
    if not group_key or not own.exists():
        raise NotFoundError(_("通知不存在。"))
    changed = own.filter(read_at__isnull=True).update(read_at=timezone.now())
    if changed:
        audit_record(actor=acting_user, action="notification.read_group", object_type="accounts.user",
                     object_id=acting_user.pk, after={"group": group_key, "count": changed})
    return changed


@transaction.atomic
def notification_mark_all_read(*, acting_user: User) -> int:
    """Mark every unread notification of the acting user read; returns how many changed."""
    changed = Notification.objects.filter(recipient=acting_user, read_at__isnull=True).update(read_at=timezone.now())
    if changed:
        audit_record(actor=acting_user, action="notification.read_all", object_type="accounts.user",
                     object_id=acting_user.pk, after={"count": changed})
    return changed
