"""What the warning pages share: the role check that hides a page (404, like a missing object)."""
from __future__ import annotations

from django.http import Http404, HttpRequest

from fengqiao.warning.selectors import may_see_alerts


def require_alert_roles(request: HttpRequest) -> None:
    """Center staff, leaders and administrators only; others get the same 404 as for a missing page."""
    if not may_see_alerts(request.user):
        raise Http404
