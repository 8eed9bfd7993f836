from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "fengqiao.notifications"
    verbose_name = _("通知")

    def ready(self) -> None:
        from fengqiao.cases import events
        from fengqiao.notifications import subscribers

        events.subscribe(events.NoticeRequested, subscribers.on_notice_requested,
                         uid="notifications-on-notice-requested")
