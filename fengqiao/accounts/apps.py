from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "fengqiao.accounts"
    verbose_name = _("用户与权限")

    def ready(self) -> None:
        from fengqiao.accounts import signals  # noqa: F401
