"""Saving a user's notification preferences (a grid of kind x channel)."""
from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.core.errors import ValidationFailed
from fengqiao.notifications.choices import Channel, Kind
from fengqiao.notifications.models import NotificationPreference
from fengqiao.notifications.preferences import Cell, default_enabled, is_locked
from fengqiao.notifications.selectors import preferences_for


@transaction.atomic
def notification_preferences_save(*, acting_user: User, choices: Mapping[Cell, bool]) -> dict[Cell, bool]:
    """Store the acting user's choices for the given (kind, channel) cells; returns the effective grid.

    A choice equal to the default is stored as "no row", so the default keeps following the user's
    contact details (adding a phone number later turns SMS on for urgent kinds). Switching off the
    in-app channel of an urgent kind is refused.
    """
    errors: dict[str, list] = {}
    for (kind, channel), enabled in choices.items():
        key = f"{kind}:{channel}"
        if kind not in Kind.values or channel not in Channel.values:
            errors[key] = [_("未知的通知类型或渠道。")]
        elif is_locked(kind, channel) and not enabled:
            errors[key] = [_("紧急类通知（危机预警、督办）的站内提醒不能关闭。")]
    if errors:
        raise ValidationFailed(_("通知设置有误，未保存。"), field_errors=errors)

    before = preferences_for(user=acting_user)
    for (kind, channel), enabled in choices.items():
        if is_locked(kind, channel):
            continue
        if bool(enabled) == default_enabled(acting_user, kind, channel):
            NotificationPreference.objects.filter(user=acting_user, kind=kind, channel=channel).delete()
        else:
            NotificationPreference.objects.update_or_create(
                user=acting_user, kind=kind, channel=channel, defaults={"enabled": bool(enabled)}
            )
    after = preferences_for(user=acting_user)
    changed = sorted(cell for cell in after if after[cell] != before[cell])
    if changed:
        audit_record(
            actor=acting_user,
            action="notification.preferences.change",
            object_type="accounts.user",
            object_id=acting_user.pk,
            before={f"{k}:{c}": before[(k, c)] for k, c in changed},
            after={f"{k}:{c}": after[(k, c)] for k, c in changed},
        )
    return after
