"""Regions and departments as the API shows them (reference data, no personal information)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from fengqiao.regions.choices import RegionLevel
from fengqiao.regions.models import Department, Region


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True, help_text=_("上级区划代码"))
    level = serializers.ChoiceField(choices=RegionLevel.choices, read_only=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent", "path"]
        read_only_fields = fields


class DepartmentSerializer(serializers.ModelSerializer):
    home_region = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text=_("所属区划代码"))
    covers = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True, help_text=_("管辖区划代码"))

    class Meta:
        model = Department
        fields = ["code", "name", "home_region", "covers", "is_active"]
        read_only_fields = fields
