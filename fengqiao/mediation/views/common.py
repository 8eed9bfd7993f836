"""Helpers of the mediation views: run one service from one form and answer like the case page does."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.audit.services import personal_data_access_record
from fengqiao.cases.models import Case
from fengqiao.cases.permissions import roles_for_case
from fengqiao.core.viewkit import Panel, is_htmx, panel_problems, submit_panel
from fengqiao.mediation.models import Mediation
from fengqiao.mediation.panel import mediation_view


def return_url(return_to: str | None, *, case: Case, mediation: Mediation | None = None) -> str:
    if return_to == "mediation" and mediation is not None:
        return reverse("mediation:detail", args=[mediation.pk])
    return reverse("cases:detail", args=[case.pk])


def render_mediation_page(request: HttpRequest, mediation: Mediation, *, overrides: dict[str, Panel] | None = None,
                          status: int = 200) -> HttpResponse:
    """The mediation page. It shows the parties' names (masked identifiers): a logged view of the case."""
    can_act = bool(roles_for_case(request.user, mediation.case))
    view = mediation_view(mediation, can_act=can_act, return_to="mediation", overrides=overrides)
    personal_data_access_record(user=request.user, kind=PersonalDataAccess.Kind.VIEW, obj=mediation.case)
    context = {"mediation": mediation, "case": mediation.case, "view": view, "can_act": can_act}
    return render(request, "mediation/mediation_detail.html", context, status=status)


def submit(request: HttpRequest, *, panel: Panel, case: Case, mediation: Mediation | None,
           perform: Callable[[dict[str, Any]], object], success: str) -> HttpResponse:
    """Validate the panel's form, run the service and answer: back to the page on success; otherwise the form
    with the service's message and field errors (400 invalid, 403 refused, 409 not allowed now)."""

    def answer_errors(status: int) -> HttpResponse:
        if is_htmx(request):
            return render(request, "partials/panel.html", {"panel": panel}, status=status)
        panel_problems(request, panel)
        if mediation is not None:
            return render_mediation_page(request, mediation, overrides={panel.key: panel}, status=status)
        return render(request, "action_page.html", {"panel": panel, "case": case}, status=status)

    return submit_panel(request, panel, perform=perform, success=success, answer_errors=answer_errors,
                        success_url=lambda data: return_url(data.get("return_to"), case=case, mediation=mediation))
