from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _case_panel(request, case):
    from fengqiao.care.panel import case_panel_context

    return case_panel_context(request, case)


class CareConfig(AppConfig):
    name = "fengqiao.care"
    verbose_name = _("心理关怀")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from fengqiao.care import receivers
        from fengqiao.cases.panels import register_case_panel
        from fengqiao.triage.signals import crisis_detected

        crisis_detected.connect(receivers.on_crisis_detected, dispatch_uid="care-on-crisis-detected")
        post_migrate.connect(receivers.seed_after_migrate, dispatch_uid="care-seed-after-migrate")
        register_case_panel(name="care", template="care/partials/case_panel.html", context=_case_panel, order=11)
