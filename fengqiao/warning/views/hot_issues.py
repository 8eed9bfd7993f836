"""The hot-issues page (the hottest issues among the cases of the viewer's area) and one issue the daily scan
found."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from fengqiao.core.errors import NotFoundError
from fengqiao.core.viewkit import staff_view
from fengqiao.warning.selectors import hot_issue_get_visible, hot_issues_for, may_view_hot_issues
from fengqiao.warning.views.common import require_alert_roles


@staff_view
@require_GET
def hot_issues(request: HttpRequest) -> HttpResponse:
    """The hottest issues among the cases of the viewer's area (last 90 days), each with its cases."""
    if not may_view_hot_issues(request.user):
        raise PermissionDenied
    return render(request, "warning/hot_issues.html", {"page": hot_issues_for(user=request.user)})


@staff_view
@require_safe
def hot_issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One hot issue the daily scan found (the subject of its alert), with the cases of it the viewer may see."""
    require_alert_roles(request)
    try:
        issue, cases = hot_issue_get_visible(user=request.user, hot_issue_id=pk)
    except NotFoundError as exc:
        raise Http404 from exc
    return render(request, "warning/hot_issue_detail.html", {"issue": issue, "cases": cases,
                                                             "hidden": len(issue.case_ids) - len(cases)})
