from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _case_panel(request, case):
    """The case page's mediation section (imported on first use: the views stack is not needed at start-up)."""
    from fengqiao.mediation.panel import case_panel_context

    return case_panel_context(request, case)


def _labour_panel(request, case):
    from fengqiao.mediation.labour_panel import labour_panel_context

    return labour_panel_context(request, case)


class MediationConfig(AppConfig):
    name = "fengqiao.mediation"
    verbose_name = _("调解")

    def ready(self) -> None:
        from fengqiao.cases.panels import register_case_panel
        from fengqiao.mediation import signals

        signals.connect_calendar_events()

        register_case_panel(name="mediation", template="mediation/partials/case_panel.html", context=_case_panel, order=30)
        register_case_panel(name="labour", template="mediation/partials/labour_panel.html", context=_labour_panel,
                            order=35)
