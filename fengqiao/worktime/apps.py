from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorktimeConfig(AppConfig):
    name = "fengqiao.worktime"
    verbose_name = _("工作日历")

    def ready(self) -> None:
        from fengqiao.worktime import checks  # noqa: F401
