"""案件列表: filtered, paginated; HTMX refreshes only the results, plain GET works without JavaScript.

A phone or ID number typed in the search box is not sent back in the page: the query is answered as the same query
with the number replaced by its keyed hash (`person=`), reached through a redirect (HX-Redirect for an HTMX refresh),
so neither the page, its links nor the browser's history hold the number."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from fengqiao.cases.forms import CaseFilterForm
from fengqiao.cases.list_filters import PERSON_KEY_RE, person_key
from fengqiao.cases.selectors import case_list_for, regions_for_filter
from fengqiao.core.viewkit import is_htmx, paginate, query_without_page, staff_view

RESULTS_TARGET = "results"


def person_search_params(params: QueryDict) -> QueryDict | None:
    """The query with a number in clear (in `q` or `person`) replaced by its person key, or None when nothing needs
    replacing. Other text typed in the search box replaces an earlier person search."""
    params = params.copy()
    text, person = params.get("q", "").strip(), params.get("person", "").strip()
    if text:
        key = person_key(text)
        if key:
            params.pop("q")
            params["person"] = key
        elif person:
            params.pop("person")
        else:
            return None
    elif person and not PERSON_KEY_RE.match(person) and person_key(person):
        params["person"] = person_key(person)
    else:
        return None
    params.pop("page", None)
    return params


@staff_view
@require_safe
def case_list(request: HttpRequest) -> HttpResponse:
    replaced = person_search_params(request.GET)
    if replaced is not None:
        # The whole page again (the search box and its hidden key are outside the refreshed results).
        target = f"{reverse('cases:list')}?{replaced.urlencode()}"
        if is_htmx(request):
            response = HttpResponse()
            response["HX-Redirect"] = target
            return response
        return redirect(target)
    form = CaseFilterForm(request.GET, regions=regions_for_filter(user=request.user), auto_id="id_filter_%s")
    page = None
    if form.is_valid():
        page = paginate(request, case_list_for(user=request.user, filters=form.to_filters()))
    without_person = request.GET.copy()
    without_person.pop("person", None)
    without_person.pop("page", None)
    context = {"form": form, "page": page, "query": query_without_page(request),
               "person_search": bool(form.is_bound and PERSON_KEY_RE.match(request.GET.get("person", ""))),
               "person_kind": request.GET.get("person", "").partition(":")[0],
               "without_person": without_person.urlencode()}
    fragment = is_htmx(request) and request.headers.get("HX-Target") == RESULTS_TARGET
    template = "cases/partials/case_results.html" if fragment else "cases/case_list.html"
    response = render(request, template, context, status=200 if page is not None else 400)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
