"""Publishing a notification: one row per recipient, a delivery per channel their preferences ask for.

The in-app delivery happens inside the caller's transaction; e-mail and SMS are queued as Celery
tasks once that transaction commits, so a rolled-back write never sends anything.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.accounts.selectors import users_with_roles_covering
from fengqiao.audit.services import audit_record
from fengqiao.core.errors import ValidationFailed
from fengqiao.core.masking import mask_text
from fengqiao.notifications.choices import EXTERNAL_CHANNELS, URGENT_KINDS, Channel, DeliveryStatus, Kind
from fengqiao.notifications.grouping import group_key_for
from fengqiao.notifications.models import Delivery, Notification, NotificationPreference
from fengqiao.notifications.preferences import effective_enabled
from fengqiao.notifications.services.delivery import deliveries_enqueue
from fengqiao.regions.models import Department, Region

if TYPE_CHECKING:
    from fengqiao.cases.models import Case

TITLE_MAX = 200
BODY_MAX = 4000
URL_MAX = 500


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _checked_url(url: str) -> str:
    """Only links inside the platform ("/cases/12/"): never another site, never a script."""
    url = (url or "").strip()
    if not url:
        return ""
    if not url.startswith("/") or url.startswith("//") or "\\" in url or len(url) > URL_MAX or any(
        ch.isspace() for ch in url
    ):
        raise ValidationFailed(_("通知链接必须是本站的相对地址。"), field_errors={"url": [_("链接无效。")]})
    return url


def _active_distinct(recipients: Iterable[User | None]) -> list[User]:
    seen: set[int] = set()
    users: list[User] = []
    for user in recipients:
        if user is None or user.pk is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        users.append(user)
    return users


def _address_missing(user: User, channel: str) -> str:
    if channel == Channel.EMAIL and not (user.email or "").strip():
        return str(_("未登记电子邮箱"))
    if channel == Channel.SMS and not (user.phone or "").strip():
        return str(_("未登记手机号"))
    return ""


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User | None],
    kind: str,
    title: str,
    body: str,
    case: Case | None = None,
    url: str = "",
    urgent: bool = False,
    acting_user: User | None = None,
    batch: str = "",
    batch_url: str = "",
) -> list[Notification]:
    """Notify each active recipient once (duplicates and inactive users are dropped).

    Notices named with the same `batch` (e.g. one run of the overdue check) show as one line of the inbox,
    linking to `batch_url` (a filtered case list); without a batch, notices of one kind on one day do.

    Title and body are masked (no full ID or phone numbers are ever stored or sent). Urgent kinds
    (crisis alerts, supervision) are always urgent and always reach the inbox. Returns the created
    notifications; a recipient who switched every channel off for this kind gets none.
    """
    if kind not in Kind.values:
        raise ValidationFailed(_("未知的通知类型。"), field_errors={"kind": [_("未知的通知类型。")]})
    title = _shorten(mask_text(str(title or "")).replace("\r", " ").replace("\n", " ").strip(), TITLE_MAX)
    if not title:
        raise ValidationFailed(_("通知标题不能为空。"), field_errors={"title": [_("请填写标题。")]})
    body = _shorten(mask_text(str(body or "")).strip(), BODY_MAX)
    url = _checked_url(url)
    group_url = _checked_url(batch_url)
    urgent = bool(urgent) or kind in URGENT_KINDS
    users = _active_distinct(recipients)
    if not users:
        return []

    stored: dict[int, dict[tuple[str, str], bool]] = {user.pk: {} for user in users}
    for user_id, channel, enabled in NotificationPreference.objects.filter(
        user_id__in=list(stored), kind=kind
    ).values_list("user_id", "channel", "enabled"):
        stored[user_id][(kind, channel)] = enabled

    now = timezone.now()
    group_key = group_key_for(kind=kind, batch=batch, at=now)
    plans: list[tuple[Notification, list[str]]] = []
    for user in users:
        wants_inapp = effective_enabled(user, kind, Channel.INAPP, stored[user.pk])
        external = [ch for ch in EXTERNAL_CHANNELS if effective_enabled(user, kind, ch, stored[user.pk])]
        in_inbox = wants_inapp or urgent
        if not in_inbox and not external:
            continue
        notification = Notification(
            recipient=user, kind=kind, title=title, body=body, case=case, url=url, urgent=urgent,
            in_inbox=in_inbox, created_at=now, group_key=group_key, group_url=group_url,
        )
        plans.append((notification, external))
    notifications = Notification.objects.bulk_create([n for n, _channels in plans])

    deliveries: list[Delivery] = []
    for notification, external in plans:
        if notification.in_inbox:
            deliveries.append(Delivery(
                notification=notification, channel=Channel.INAPP, status=DeliveryStatus.SENT, attempts=1,
                created_at=now, last_attempt_at=now, sent_at=now,
            ))
        else:
            deliveries.append(Delivery(
                notification=notification, channel=Channel.INAPP, status=DeliveryStatus.SKIPPED, created_at=now,
                last_error=str(_("接收人已关闭此类站内提醒")),
            ))
        for channel in external:
            missing = _address_missing(notification.recipient, channel)
            deliveries.append(Delivery(
                notification=notification, channel=channel, created_at=now,
                status=DeliveryStatus.SKIPPED if missing else DeliveryStatus.QUEUED, last_error=missing,
            ))
    Delivery.objects.bulk_create(deliveries)

    queued = [d for d in deliveries if d.status == DeliveryStatus.QUEUED]
    audit_record(
        actor=acting_user,
        action="notification.send",
        obj=notifications[0] if notifications else None,
        object_type=Notification._meta.label_lower,
        after={
            "kind": kind,
            "title": title,
            "urgent": urgent,
            "case": getattr(case, "pk", None),
            "recipients": [user.pk for user in users],
            "notifications": [n.pk for n in notifications],
            "queued": {ch: sum(1 for d in queued if d.channel == ch) for ch in EXTERNAL_CHANNELS},
        },
    )
    if queued:
        transaction.on_commit(partial(deliveries_enqueue, delivery_ids=[d.pk for d in queued]), robust=True)
    return notifications


def notify_roles(
    *,
    region: Region,
    roles: Iterable[str],
    department: Department | None = None,
    kind: str,
    title: str,
    body: str,
    case: Case | None = None,
    url: str = "",
    urgent: bool = False,
    acting_user: User | None = None,
    batch: str = "",
    batch_url: str = "",
) -> list[Notification]:
    """Notify every active user who holds one of `roles` through a membership of `region` or an ancestor
    of it (e.g. a crisis alert in a grid reaches the county's counsellors and leaders); with `department`, only
    memberships in that department count (e.g. the handlers of the police station)."""
    roles = list(roles)
    unknown = [r for r in roles if r not in Role.values]
    if not roles or unknown:
        raise ValidationFailed(_("未知的角色。"), field_errors={"roles": [_("未知的角色。")]})
    recipients = list(users_with_roles_covering(region=region, roles=roles, department=department))
    return notify(
        recipients=recipients, kind=kind, title=title, body=body, case=case, url=url, urgent=urgent,
        acting_user=acting_user, batch=batch, batch_url=batch_url,
    )
