"""案件列表: filtered, paginated; HTMX refreshes only the results, plain GET works without JavaScript."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from fengqiao.cases.forms import CaseFilterForm
from fengqiao.cases.selectors import case_list_for, regions_for_filter
from fengqiao.core.viewkit import is_htmx, paginate, query_without_page, staff_view

RESULTS_TARGET = "results"


@staff_view
@require_safe
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET, regions=regions_for_filter(user=request.user), auto_id="id_filter_%s")
    page = None
    if form.is_valid():
        page = paginate(request, case_list_for(user=request.user, filters=form.to_filters()))
    context = {"form": form, "page": page, "query": query_without_page(request)}
    fragment = is_htmx(request) and request.headers.get("HX-Target") == RESULTS_TARGET
    template = "cases/partials/case_results.html" if fragment else "cases/case_list.html"
    response = render(request, template, context, status=200 if page is not None else 400)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
