"""Reads. A user only ever sees their own notifications; anything else answers "not found"."""
from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import User
from fengqiao.core.errors import NotFoundError
from fengqiao.notifications.models import Notification, NotificationPreference
from fengqiao.notifications.preferences import Cell, all_cells, effective_enabled, is_locked


def notification_list_for(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's inbox, newest first."""
    qs = Notification.objects.filter(recipient=user, in_inbox=True).select_related("case")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def notification_get_for(*, user: User, pk: int) -> Notification:
    """One of the user's own notifications; another user's id and a missing id look the same."""
    notification = notification_list_for(user=user).filter(pk=pk).first()
    if notification is None:
        raise NotFoundError(_("通知不存在。"))
    return notification


def unread_count_for(*, user: User | AnonymousUser) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, in_inbox=True, read_at__isnull=True).count()


def stored_preferences_for(*, user: User) -> dict[Cell, bool]:
    return {
        (kind, channel): enabled
        for kind, channel, enabled in NotificationPreference.objects.filter(user=user).values_list(
            "kind", "channel", "enabled"
        )
    }


def preferences_for(*, user: User) -> dict[Cell, bool]:
    """Every (kind, channel) cell with what applies to the user now: the stored choice or the default."""
    stored = stored_preferences_for(user=user)
    return {(kind, channel): effective_enabled(user, kind, channel, stored) for kind, channel in all_cells()}


def locked_cells() -> set[Cell]:
    return {cell for cell in all_cells() if is_locked(*cell)}
