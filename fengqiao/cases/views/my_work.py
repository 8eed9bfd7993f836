"""我的待办: what is waiting for me (or my department), soonest deadline first; supervision notices waiting
for my written reply; and, for a leader, the major cases put under them (领导包案)."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from fengqiao.cases.selectors import leader_cases_for, my_work_for, supervisions_awaiting_reply_for
from fengqiao.core.viewkit import paginate, query_without_page, staff_view

SIDE_LIST_LIMIT = 50


@staff_view
@require_safe
def my_work(request: HttpRequest) -> HttpResponse:
    page = paginate(request, my_work_for(user=request.user))
    context = {
        "page": page,
        "query": query_without_page(request),
        "supervisions": list(supervisions_awaiting_reply_for(user=request.user)[:SIDE_LIST_LIMIT]),
        "leader_cases": list(leader_cases_for(user=request.user)[:SIDE_LIST_LIMIT]),
        "now_at": timezone.now(),
    }
    return render(request, "cases/my_work.html", context)
