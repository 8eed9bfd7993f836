"""The risk section of the case page: level, score and reasons, a person's override with who, when and why,
and the forms to set or clear it (center staff, leaders and administrators of the case's area)."""
from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case
from fengqiao.cases.permissions import roles_for_case
from fengqiao.core.viewkit import Panel
from fengqiao.warning.forms import ClearOverrideForm, OverrideForm
from fengqiao.warning.selectors import case_risk, cluster_of_case
from fengqiao.warning.services.risk import OVERRIDE_ROLES


def may_override(user, case: Case) -> bool:
    return case.state.kind == StateKind.OPEN and (user.is_superuser or bool(roles_for_case(user, case) & OVERRIDE_ROLES))


def override_panel(case: Case, form: OverrideForm | None = None) -> Panel:
    return Panel(key="risk-override", url=reverse("warning:override", args=[case.pk]), legend=_("人工认定风险等级"),
                 submit=_("保存认定"), form=form or OverrideForm(auto_id="id_risk_override_%s"),
                 description=_("认定后一直有效，直到取消或案件办结；认定为红色即向所在地领导发出预警。"))


def clear_panel(case: Case, form: ClearOverrideForm | None = None) -> Panel:
    return Panel(key="risk-clear", url=reverse("warning:override_clear", args=[case.pk]), legend=_("取消人工认定"),
                 submit=_("取消认定"), form=form or ClearOverrideForm(auto_id="id_risk_clear_%s"))


def risk_panels(request: HttpRequest, case: Case, overrides: dict[str, Panel] | None = None) -> list[Panel]:
    if not may_override(request.user, case):
        return []
    overrides = overrides or {}
    panels = [override_panel(case)]
    if case_risk(case=case).override is not None:
        panels.append(clear_panel(case))
    return [overrides.get(p.key, p) for p in panels]


def case_panel_context(request: HttpRequest, case: Case) -> dict | None:
    risk = case_risk(case=case)
    if case.state.kind != StateKind.OPEN and risk.assessment is None:
        return None
    return {"risk": risk, "risk_panels": risk_panels(request, case),
            "risk_cluster": cluster_of_case(user=request.user, case=case)}
