"""Risk pages: the list of open cases with a level, the override forms of the case page, and the weights."""
from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from fengqiao.cases.models import Case
from fengqiao.cases.selectors import case_get_visible
from fengqiao.core.viewkit import (
    Panel,
    paginate,
    query_without_page,
    staff_view,
    submit_case_section,
    submit_panel,
)
from fengqiao.warning import selectors
from fengqiao.warning.choices import RiskLevel
from fengqiao.warning.display import feature_names, reason_text
from fengqiao.warning.forms import ClearOverrideForm, OverrideForm, WeightsForm
from fengqiao.warning.models import RiskWeights
from fengqiao.warning.panel import clear_panel, override_panel
from fengqiao.warning.services.risk import (
    risk_override_clear,
    risk_override_set,
    risk_weights_current,
    risk_weights_save,
)
from fengqiao.warning.views.common import require_alert_roles


@staff_view
@require_safe
def risk_list(request: HttpRequest) -> HttpResponse:
    require_alert_roles(request)
    level = request.GET.get("level", "")
    level = level if level in RiskLevel.values else ""
    page = paginate(request, selectors.risks_for(user=request.user, level=level))
    for row in page.object_list:
        row.reason_texts = [reason_text(r) for r in row.reasons]
    return render(request, "warning/risk_list.html", {
        "page": page, "level": level, "levels": RiskLevel.choices[:3], "query": query_without_page(request)})


def _submit_on_case(request: HttpRequest, case: Case, panel: Panel, perform: Any, success: str) -> HttpResponse:
    return submit_case_section(request, panel, case=case, section="risk", perform=perform, success=success)


@staff_view
@require_POST
def override(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = override_panel(case, OverrideForm(request.POST, auto_id="id_risk_override_%s"))
    return _submit_on_case(request, case, panel, lambda d: risk_override_set(
        case_id=case.pk, level=d["level"], note=d["note"], acting_user=request.user), _("已保存风险等级认定。"))


@staff_view
@require_POST
def override_clear(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = clear_panel(case, ClearOverrideForm(request.POST, auto_id="id_risk_clear_%s"))
    return _submit_on_case(request, case, panel, lambda d: risk_override_clear(
        case_id=case.pk, note=d["note"], acting_user=request.user), _("已取消人工认定。"))


@staff_view
@require_http_methods(["GET", "HEAD", "POST"])
def weights(request: HttpRequest) -> HttpResponse:
    """The weights in force, their history, and (for administrators) the form for a new version."""
    require_alert_roles(request)
    current = risk_weights_current()
    may_edit = request.user.is_superuser or request.user.has_role("admin")
    form = WeightsForm(request.POST if request.method == "POST" and may_edit else None,
                       initial_weights=current.weights)
    panel = Panel(key="risk-weights", url=reverse("warning:weights"), legend=_("保存为新版本"), submit=_("保存"),
                  form=form, description=_("修改只影响此后的研判；每个版本都会保留。"))
    if request.method == "POST" and may_edit:
        return submit_panel(
            request, panel, success=_("已保存新的权重版本。"),
            perform=lambda d: risk_weights_save(weights={k: v for k, v in d.items() if k != "note"},
                                                note=d["note"], acting_user=request.user),
            success_url=lambda data: reverse("warning:weights"),
            answer_errors=lambda status: _weights_page(request, current, panel, may_edit, status))
    return _weights_page(request, current, panel, may_edit, 403 if request.method == "POST" else 200)


def _weights_page(request: HttpRequest, current: RiskWeights, panel: Panel, may_edit: bool, status: int) -> HttpResponse:
    names = feature_names()
    history = list(RiskWeights.objects.select_related("created_by")[:20])
    rows = [(names.get(k, k), current.weights.get(k)) for k in names]
    return render(request, "warning/weights.html", {
        "current": current, "rows": rows, "history": history, "panel": panel if may_edit else None}, status=status)
