"""Helpers of the mediation views: run one service from one form and answer like the case page does."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.audit.services import personal_data_access_record
from fengqiao.cases.forms import add_service_errors
from fengqiao.cases.models import Case
from fengqiao.cases.permissions import roles_for_case
from fengqiao.cases.views.common import Panel, is_htmx, redirect_after_post
from fengqiao.core.errors import NotFoundError, ServiceError
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
    form = panel.form
    status = 400
    if form.is_valid():
        try:
            perform(form.cleaned_data)
        except NotFoundError as exc:
            raise Http404 from exc
        except ServiceError as exc:
            add_service_errors(form, exc)
            status = exc.status_code
        else:
            messages.success(request, success)
            return redirect_after_post(request, return_url(form.cleaned_data.get("return_to"), case=case,
                                                           mediation=mediation))
    if is_htmx(request):
        return render(request, "mediation/partials/panel.html", {"panel": panel}, status=status)
    problems = list(form.non_field_errors()) or [_("“%(name)s”未完成，请检查填写的内容。") % {"name": panel.legend}]
    for problem in problems:
        messages.error(request, problem)
    if mediation is not None:
        return render_mediation_page(request, mediation, overrides={panel.key: panel}, status=status)
    return render(request, "mediation/action_page.html", {"panel": panel, "case": case}, status=status)
