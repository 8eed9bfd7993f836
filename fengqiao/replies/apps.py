from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepliesConfig(AppConfig):
    name = "fengqiao.replies"
    verbose_name = _("书面答复")

    def ready(self) -> None:
        from fengqiao.cases.panels import register_case_panel
        from fengqiao.replies.panel import case_panel_context

        register_case_panel(name="replies", template="replies/partials/case_panel.html", context=case_panel_context,
                            order=45)
