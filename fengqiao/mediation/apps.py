from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _case_panel(request, case):
    """The case page's mediation section (imported on first use: the views stack is not needed at start-up)."""
    from fengqiao.mediation.panel import case_panel_context

    return case_panel_context(request, case)


def _labour_panel(request, case):
    from fengqiao.mediation.labour_panel import labour_panel_context

    return labour_panel_context(request, case)


def _owned_steps(case) -> set[str]:
    """While a mediation of the case is active, its own forms end it (调解不成, 当事人拒绝调解): they record the
    reason and the routes told, then move the case; the case page offers no second step of the same name."""
    from fengqiao.cases.choices import TransitionEffect
    from fengqiao.mediation.models import Mediation

    if not Mediation.objects.active().filter(case_id=case.pk).exists():
        return set()
    return {TransitionEffect.FAIL, TransitionEffect.REFUSED}


class MediationConfig(AppConfig):
    name = "fengqiao.mediation"
    verbose_name = _("调解")

    def ready(self) -> None:
        from fengqiao.cases.panels import register_case_panel, register_step_owner
        from fengqiao.mediation import signals

        signals.connect_calendar_events()

        register_step_owner(name="mediation", effects=_owned_steps)
        register_case_panel(name="mediation", template="mediation/partials/case_panel.html", context=_case_panel, order=30)
        register_case_panel(name="labour", template="mediation/partials/labour_panel.html", context=_labour_panel,
                            order=35)
