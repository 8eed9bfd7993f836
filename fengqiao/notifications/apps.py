from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "fengqiao.notifications"
    verbose_name = _("通知")

    def ready(self) -> None:
        from fengqiao.cases import events, seen
        from fengqiao.notifications import selectors, services, subscribers

        events.subscribe(events.NoticeRequested, subscribers.on_notice_requested,
                         uid="notifications-on-notice-requested")
        events.subscribe(events.CaseAssigned, subscribers.on_case_assigned,
                         uid="notifications-on-case-assigned")
        seen.register_seen_tracker(opened=services.case_visit_record, mark=selectors.cases_with_new_mark)
