from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "fengqiao.reports"
    verbose_name = _("统计报表")

    def ready(self) -> None:
        from fengqiao.cases import events
        from fengqiao.followup.events import FollowUpAnswered
        from fengqiao.reports import subscribers

        # Every change that can move a case's figures: its step (state, clock, lead, closing, reopening), its
        # lead (transfer), its category or dispute type, its clock (pause, extension, agreed or recounted due
        # date, escalation), a follow-up answer, and a supervision notice (督办, counted for the annual petition
        # report).
        for event_type in (events.CaseCreated, events.CaseTransitioned, events.CaseAssigned, events.CaseClassified,
                           events.CaseClockPaused, events.CaseClockResumed, events.ExtensionDecided,
                           events.CaseDeadlineChanged, events.CaseEscalated, FollowUpAnswered,
                           events.SupervisionRaised):
            events.subscribe(event_type, subscribers.on_case_change, uid=f"reports-counts-on-{event_type.name}",
                             own_transactions=True)
