from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "fengqiao.followup"
    verbose_name = _("回访")

    def ready(self) -> None:
        from fengqiao.cases import events
        from fengqiao.cases.panels import register_case_panel
        from fengqiao.followup import (
            signals,  # noqa: F401
            subscribers,
        )
        from fengqiao.followup.panel import case_panel_context

        events.subscribe(events.CaseClosed, subscribers.on_case_closed, uid="followup-on-case-closed")
        events.subscribe(events.CaseReopened, subscribers.on_case_reopened, uid="followup-on-case-reopened")

        register_case_panel(name="followup", template="followup/partials/case_panel.html", context=case_panel_context,
                            order=60)
