"""Query parameters of the region and department lists."""
from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fengqiao.regions.choices import RegionLevel
from fengqiao.regions.models import Department, Region
from fengqiao.regions.paths import path_codes


def _region(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


class RegionFilter(django_filters.FilterSet):
    parent = django_filters.CharFilter(method="filter_parent", max_length=32, help_text=_("上级区划代码：该区划的直接下级"))
    level = django_filters.TypedChoiceFilter(choices=RegionLevel.choices, coerce=int)
    within = django_filters.CharFilter(method="filter_within", max_length=32, help_text=_("区划代码：该区划及其全部下级"))

    class Meta:
        model = Region
        fields: list[str] = []

    def filter_parent(self, queryset: QuerySet[Region], name: str, value: str) -> QuerySet[Region]:
        return queryset.filter(parent__code=value)

    def filter_within(self, queryset: QuerySet[Region], name: str, value: str) -> QuerySet[Region]:
        region = _region(value)
        return queryset.within(region) if region else queryset.none()


class DepartmentFilter(django_filters.FilterSet):
    home_region = django_filters.CharFilter(field_name="home_region__code", max_length=32, help_text=_("所属区划代码"))
    covers = django_filters.CharFilter(method="filter_covers", max_length=32,
                                       help_text=_("区划代码：管辖该区划（或其上级）的部门"))
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = Department
        fields: list[str] = []

    def filter_covers(self, queryset: QuerySet[Department], name: str, value: str) -> QuerySet[Department]:
        region = _region(value)
        if region is None:
            return queryset.none()
        codes = path_codes(region.path)
        return queryset.filter(covers__code__in=codes).distinct()
