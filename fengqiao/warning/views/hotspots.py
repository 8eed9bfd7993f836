"""The hotspots page: places and categories whose cases of the last seven days rose above their usual level."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fengqiao.core.viewkit import paginate, query_without_page, staff_view
from fengqiao.warning import selectors
from fengqiao.warning.engine.hotspots import HotspotRule
from fengqiao.warning.views.common import require_alert_roles


@staff_view
@require_safe
def hotspot_list(request: HttpRequest) -> HttpResponse:
    require_alert_roles(request)
    hotspots = selectors.hotspots_visible_to(request.user).select_related("region", "category")
    page = paginate(request, hotspots.order_by("-week_end", "p_value", "-id"))
    rows = [(h, selectors.hotspot_cases_url(h)) for h in page.object_list]
    rule = HotspotRule()
    return render(request, "warning/hotspot_list.html", {
        "page": page, "rows": rows, "query": query_without_page(request), "rule": rule,
        "alpha_percent": f"{rule.alpha * 100:g}"})
