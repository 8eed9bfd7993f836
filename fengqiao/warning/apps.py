from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WarningConfig(AppConfig):
    name = "fengqiao.warning"
    label = "warning"
    verbose_name = _("预警")

    def ready(self) -> None:
        from fengqiao.cases import events
        from fengqiao.cases.panels import register_case_panel
        from fengqiao.warning import subscribers
        from fengqiao.warning.panel import case_panel_context

        for event_type in subscribers.RECOMPUTE_ON:
            events.subscribe(event_type, subscribers.on_case_changed, uid=f"warning-risk-on-{event_type.name}",
                             own_transactions=True)
        events.subscribe(events.CaseClosed, subscribers.on_case_closed, uid="warning-on-case-closed")
        register_case_panel(name="warning", template="warning/partials/case_panel.html", context=case_panel_context,
                            order=15)
