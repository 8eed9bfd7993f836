"""The warning app in the admin: everything read-only (writes go through the services: the weights page, the case
page's override form and the alerts inbox, each audited)."""
from __future__ import annotations

from django.contrib import admin

from fengqiao.core.admin import ReadOnlyAdmin
from fengqiao.warning.models import Alert, Cluster, RiskAssessment, RiskOverride, RiskWeights


@admin.register(RiskWeights)
class RiskWeightsAdmin(ReadOnlyAdmin):
    list_display = ("version", "created_at", "created_by", "note")


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("case", "level", "score", "computed_at")
    list_filter = ("level",)
    raw_id_fields = ("case",)


@admin.register(RiskOverride)
class RiskOverrideAdmin(ReadOnlyAdmin):
    list_display = ("case", "level", "created_by", "created_at", "cleared_at")
    raw_id_fields = ("case",)


@admin.register(Cluster)
class ClusterAdmin(ReadOnlyAdmin):
    list_display = ("title", "region", "size", "open_count", "active", "first_seen")
    list_filter = ("active",)


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "status", "assignee", "occurrences", "last_raised_at")
    list_filter = ("kind", "status")
