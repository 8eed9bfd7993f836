"""我的待办: what is waiting for me (or my department), soonest deadline first."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fengqiao.cases.selectors import my_work_for
from fengqiao.cases.views.common import paginate, query_without_page, staff_view


@staff_view
@require_safe
def my_work(request: HttpRequest) -> HttpResponse:
    page = paginate(request, my_work_for(user=request.user))
    return render(request, "cases/my_work.html", {"page": page, "query": query_without_page(request)})
