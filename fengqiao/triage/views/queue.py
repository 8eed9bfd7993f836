"""The center's manual triage queue: cases in the user's area that triage could not settle, with the
suggestions and one-click routing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fengqiao.cases.selectors import case_get_visible, departments_for_case
from fengqiao.core.errors import NotFoundError, ServiceError
from fengqiao.core.viewkit import is_htmx, paginate, query_without_page, see_other, staff_view
from fengqiao.triage.forms import QueueFilterForm, RouteForm
from fengqiao.triage.selectors import manual_queue_for, manual_reason_texts, may_use_queue, unsure_flags
from fengqiao.triage.services import triage_route


def _row(case, departments: list) -> dict:
    result = getattr(case, "triage_result", None)
    return {
        "case": case,
        "result": result,
        "reasons": manual_reason_texts(result),
        "unsure": unsure_flags(result),
        "departments": departments,
    }


@staff_view
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    if not may_use_queue(request.user):
        raise PermissionDenied
    form = QueueFilterForm(request.GET)
    show_all = form.is_valid() and form.cleaned_data.get("show") == "all"
    page = paginate(request, manual_queue_for(user=request.user, show_all=show_all))
    departments: dict[str, list] = {}
    rows = []
    for case in page.object_list:
        root = case.region_path.strip("/").split("/")[0]
        if root not in departments:
            departments[root] = list(departments_for_case(case=case))
        rows.append(_row(case, departments[root]))
    return render(
        request,
        "triage/queue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "show_all": show_all,
            "query": query_without_page(request),
        },
    )


@staff_view
@require_POST
def queue_route(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    if not may_use_queue(request.user):
        raise Http404
    form = RouteForm(request.POST, case=case)
    error, status = "", 200
    if form.is_valid():
        try:
            case = triage_route(
                case=case,
                acting_user=request.user,
                department=form.cleaned_data.get("department"),
                expected_version=form.cleaned_data.get("version"),
            )
        except NotFoundError as exc:
            raise Http404 from exc
        except ServiceError as exc:
            error, status = str(exc.message), exc.status_code
    else:
        error, status = _("请选择承办部门。"), 400
    if not is_htmx(request):
        from django.contrib import messages

        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("已交办。"))
        return see_other(reverse("triage:queue"))
    case = case_get_visible(user=request.user, case_id=pk)
    row = _row(case, list(departments_for_case(case=case)))
    return render(
        request,
        "triage/partials/queue_row.html",
        {"row": row, "error": error, "routed": not error},
        status=status,
    )
