from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fengqiao.core"
    verbose_name = _("核心")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from fengqiao.core import checks  # noqa: F401  (registers system checks)
        from fengqiao.core.countcache import install

        connection_created.connect(install, dispatch_uid="fengqiao-count-cache")
