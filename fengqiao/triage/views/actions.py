"""The case page's triage section: one-click answers (HTMX fragments), routing, a new analysis."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fengqiao.cases.selectors import case_get_visible
from fengqiao.core.errors import NotFoundError, ServiceError
from fengqiao.core.viewkit import is_htmx, redirect_after_post, staff_view
from fengqiao.triage.forms import FeedbackForm, RouteForm
from fengqiao.triage.models import SameMatterLink
from fengqiao.triage.panel import case_panel_context
from fengqiao.triage.services import same_matter_decide, triage_feedback, triage_rerun, triage_route

TEMPLATE = "triage/partials/case_panel.html"


def _form_error(form) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return _("提交的数据有误。")


def answer(
    request: HttpRequest, pk: int, *, error: str = "", status: int = 200, success: str = ""
) -> HttpResponse:
    """HTMX: the section again, fresh (with the error if any); a plain form: back to the case page."""
    case = case_get_visible(user=request.user, case_id=pk)
    if is_htmx(request):
        html = render_to_string(
            TEMPLATE, {"case": case, **case_panel_context(request, case, error=error)}, request=request
        )
        return HttpResponse(html, status=status)
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    return redirect_after_post(request, reverse("cases:detail", args=[pk]) + "#triage-panel")


def _run(request: HttpRequest, pk: int, perform, success: str) -> HttpResponse:
    try:
        perform()
    except NotFoundError as exc:
        raise Http404 from exc
    except ServiceError as exc:
        return answer(request, pk, error=str(exc.message), status=exc.status_code)
    return answer(request, pk, success=success)


@staff_view
@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return answer(request, pk, error=_form_error(form), status=400)
    data = form.cleaned_data
    return _run(
        request,
        pk,
        lambda: triage_feedback(
            case=case,
            field=data["field"],
            chosen=data["chosen"],
            acting_user=request.user,
            expected_version=data.get("version"),
        ),
        _("已记录。"),
    )


@staff_view
@require_POST
def route(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    form = RouteForm(request.POST, case=case)
    if not form.is_valid():
        return answer(request, pk, error=_form_error(form), status=400)
    data = form.cleaned_data
    return _run(
        request,
        pk,
        lambda: triage_route(
            case=case,
            acting_user=request.user,
            department=data.get("department"),
            expected_version=data.get("version"),
        ),
        _("已交办。"),
    )


@staff_view
@require_POST
def rerun(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    return _run(request, pk, lambda: triage_rerun(case=case, acting_user=request.user), _("已重新分析。"))


@staff_view
@require_GET
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    if not is_htmx(request):
        return redirect(reverse("cases:detail", args=[case.pk]) + "#triage-panel")
    return answer(request, pk)


@staff_view
@require_POST
def same_matter(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    """A staff member answers "same matter as a case closed after 复核?" (信访工作条例 第三十六条第三款)."""
    case = case_get_visible(user=request.user, case_id=pk)
    link = SameMatterLink.objects.filter(pk=link_pk, case=case).first()
    decision = request.POST.get("decision", "")
    if link is None or decision not in {"confirm", "reject"}:
        raise Http404
    try:
        same_matter_decide(link=link, acting_user=request.user, confirm=decision == "confirm",
                           note=request.POST.get("note", ""))
    except NotFoundError as exc:
        raise Http404 from exc
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已确认为同一事项。") if decision == "confirm" else _("已确认不是同一事项。"))
    return redirect_after_post(request, reverse("cases:detail", args=[pk]))
