"""Read-only pages: the directory of organisations and mediators, a mediation, ranked mediator suggestions."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fengqiao.core.viewkit import paginate, query_without_page, staff_view
from fengqiao.mediation.forms import DirectoryFilterForm
from fengqiao.mediation.ranking import rank_mediators
from fengqiao.mediation.selectors import directory_for, mediation_get_visible
from fengqiao.mediation.views.common import render_mediation_page


@staff_view
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    text, kind = "", ""
    if form.is_valid():
        text, kind = form.cleaned_data.get("q", ""), form.cleaned_data.get("kind", "")
    page = paginate(request, directory_for(user=request.user, text=text, kind=kind), per_page=20)
    return render(request, "mediation/directory.html", {"form": form, "page": page, "query": query_without_page(request)})


@staff_view
def mediation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    return render_mediation_page(request, mediation)


@staff_view
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    ranked = rank_mediators(case=mediation.case, organisation=mediation.organisation, limit=10)
    return render(request, "mediation/partials/suggestions.html", {"suggestions": ranked, "mediation": mediation})
