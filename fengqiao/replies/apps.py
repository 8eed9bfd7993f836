from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepliesConfig(AppConfig):
    name = "fengqiao.replies"
    verbose_name = _("书面答复")

    def ready(self) -> None:
        from fengqiao.cases.panels import register_case_panel
        from fengqiao.cases.services.petition import register_answer_checker
        from fengqiao.replies.panel import case_panel_context
        from fengqiao.replies.petition import answers_panel_context, petition_answer_check

        register_case_panel(name="replies", template="replies/partials/case_panel.html", context=case_panel_context,
                            order=45)
        register_case_panel(name="petition_answers", template="replies/partials/petition_answers.html",
                            context=answers_panel_context, order=44)
        register_answer_checker(petition_answer_check)
