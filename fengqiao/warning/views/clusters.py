"""Cluster pages: the linked-case groups in the viewer's jurisdiction, and one group with its cases, parties
(masked) and one timeline across them."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.audit.services import personal_data_access_record
from fengqiao.core.viewkit import paginate, query_without_page, staff_view
from fengqiao.warning import selectors
from fengqiao.warning.views.common import require_alert_roles


@staff_view
@require_safe
def cluster_list(request: HttpRequest) -> HttpResponse:
    require_alert_roles(request)
    clusters = selectors.clusters_visible_to(request.user).select_related("region")
    page = paginate(request, clusters.order_by("-open_count", "-size", "-id"))
    return render(request, "warning/cluster_list.html", {"page": page, "query": query_without_page(request)})


@staff_view
@require_safe
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_alert_roles(request)
    cluster = selectors.cluster_get_visible(user=request.user, cluster_id=pk)
    detail = selectors.cluster_detail(user=request.user, cluster=cluster)
    personal_data_access_record(user=request.user, kind=PersonalDataAccess.Kind.VIEW, obj=cluster)
    return render(request, "warning/cluster_detail.html", {"detail": detail, "cluster": cluster})
