"""Read-only reference data: the administrative tree and the departments that handle cases."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets

from fengqiao.core.api import ErrorSerializer
from fengqiao.regions.api.filters import DepartmentFilter, RegionFilter
from fengqiao.regions.api.serializers import DepartmentSerializer, RegionSerializer
from fengqiao.regions.models import Department, Region

_NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, description=_("不存在"))}
_BAD_FILTER = {400: OpenApiResponse(ErrorSerializer, description=_("查询参数有误")), **_NOT_FOUND}


@extend_schema_view(
    list=extend_schema(summary=_("行政区划列表"), responses={200: RegionSerializer, **_BAD_FILTER}),
    retrieve=extend_schema(summary=_("行政区划"), responses={200: RegionSerializer, **_NOT_FOUND}),
)
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Region.objects.select_related("parent").order_by("path")
    serializer_class = RegionSerializer
    filterset_class = RegionFilter
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"


@extend_schema_view(
    list=extend_schema(summary=_("部门列表"), responses={200: DepartmentSerializer, **_BAD_FILTER}),
    retrieve=extend_schema(summary=_("部门"), responses={200: DepartmentSerializer, **_NOT_FOUND}),
)
class DepartmentViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Department.objects.select_related("home_region").prefetch_related("covers").order_by("home_region__path", "name")
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilter
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"
