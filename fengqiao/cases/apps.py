from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "fengqiao.cases"
    verbose_name = _("案件")

    def ready(self) -> None:
        from fengqiao.cases import checks, signals  # noqa: F401

        signals.connect_calendar_events()
