"""我的待办: what is waiting for me (or my department), soonest deadline first; supervision notices waiting
for my written reply; and, for a leader, the major cases put under them (领导包案). Cases changed since I last
opened them are marked 新, and ?new=1 lists only those (fengqiao.cases.seen)."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from fengqiao.cases import seen
from fengqiao.cases.selectors import leader_cases_for, my_work_for, supervisions_awaiting_reply_for
from fengqiao.core.viewkit import PAGE_SIZE, paginate, query_without_page, staff_view

SIDE_LIST_LIMIT = 50


@staff_view
@require_safe
def my_work(request: HttpRequest) -> HttpResponse:
    only_new = seen.tracking() and request.GET.get("new") == "1"
    cases = seen.with_new_mark(my_work_for(user=request.user), request.user)
    # Whether a case is new depends on the user's visits, which the cached list totals do not follow.
    page = (Paginator(cases.filter(is_new=True), PAGE_SIZE).get_page(request.GET.get("page")) if only_new
            else paginate(request, cases))
    context = {
        "page": page,
        "query": query_without_page(request),
        "tracking": seen.tracking(),
        "only_new": only_new,
        "supervisions": list(supervisions_awaiting_reply_for(user=request.user)[:SIDE_LIST_LIMIT]),
        "leader_cases": list(leader_cases_for(user=request.user)[:SIDE_LIST_LIMIT]),
        "now_at": timezone.now(),
    }
    return render(request, "cases/my_work.html", context)
