"""The hot-issues page: the hottest issues among the cases of the viewer's area."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from fengqiao.core.viewkit import staff_view
from fengqiao.warning.selectors import hot_issues_for, may_view_hot_issues


@staff_view
@require_GET
def hot_issues(request: HttpRequest) -> HttpResponse:
    """The hottest issues among the cases of the viewer's area (last 90 days), each with its cases."""
    if not may_view_hot_issues(request.user):
        raise PermissionDenied
    return render(request, "warning/hot_issues.html", {"page": hot_issues_for(user=request.user)})
