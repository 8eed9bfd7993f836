from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "fengqiao.mediation"
    verbose_name = _("调解")

    def ready(self) -> None:
        from fengqiao.cases.panels import register_case_panel
        from fengqiao.mediation import signals  # noqa: F401
        from fengqiao.mediation.panel import case_panel_context

        register_case_panel(name="mediation", template="mediation/partials/case_panel.html", context=case_panel_context,
                            order=30)
