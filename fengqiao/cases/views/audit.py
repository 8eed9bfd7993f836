"""The audit trail of one case, for platform administrators only (404 for everybody else)."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fengqiao.cases.selectors import case_audit_trail, case_get_visible
from fengqiao.core.viewkit import staff_view


@staff_view
@require_safe
def case_audit(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_platform_admin:
        raise Http404
    case = case_get_visible(user=request.user, case_id=pk)
    trail = case_audit_trail(case=case)
    return render(request, "cases/case_audit.html", {"case": case, "trail": trail})
