"""Writes of the notifications app. Other apps call `notify` and `notify_roles`."""
from fengqiao.notifications.services.delivery import (
    deliveries_enqueue,
    deliveries_requeue_stale,
    delivery_attempt,
)
from fengqiao.notifications.services.inbox import (
    notification_mark_all_read,
    notification_mark_group_read,
    notification_mark_read,
)
from fengqiao.notifications.services.notify import notify, notify_roles
from fengqiao.notifications.services.preferences import notification_preferences_save
from fengqiao.notifications.services.visits import case_visit_record

__all__ = [
    "case_visit_record",
    "deliveries_enqueue",
    "deliveries_requeue_stale",
    "delivery_attempt",
    "notification_mark_all_read",
    "notification_mark_group_read",
    "notification_mark_read",
    "notification_preferences_save",
    "notify",
    "notify_roles",
]
