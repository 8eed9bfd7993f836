"""The count tables, the report runs and the recommendations in the admin, read-only: the tables are derived from
the cases and change only through the events or a rebuild; a run changes only through reports.services.documents
(and its file's expiry); a recommendation only through reports.services.recommendations (the recommendations
page)."""
from django.contrib import admin

from fengqiao.core.admin import ReadOnlyAdmin
from fengqiao.reports.models import CaseTally, DailyCount, Recommendation, ReportRun, StateCount


@admin.register(DailyCount)
class DailyCountAdmin(ReadOnlyAdmin):
    list_display = ("day", "region_path", "dimension", "value", "received", "closed", "closed_on_time", "answered",
                    "satisfied")
    list_filter = ("depth", "dimension")
    date_hierarchy = "day"


@admin.register(StateCount)
class StateCountAdmin(ReadOnlyAdmin):
    list_display = ("region_path", "dimension", "value", "state_id", "due_on", "cases")
    list_filter = ("depth", "dimension")


@admin.register(CaseTally)
class CaseTallyAdmin(ReadOnlyAdmin):
    list_display = ("case_id", "updated_at")
    search_fields = ("case_id",)


@admin.register(ReportRun)
class ReportRunAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "requested_by", "kind", "period", "region", "file_format", "status", "progress",
                    "finished_at", "expired_at")
    list_filter = ("kind", "status", "file_format")
    list_select_related = ("requested_by", "region")
    date_hierarchy = "created_at"
    exclude = ("file",)  # the file is downloaded by the user who asked for it, on the reports page


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ("made_on", "kind", "addressed_to", "region", "status", "decided_on", "created_by")
    list_filter = ("kind", "status")
    list_select_related = ("addressed_to", "region", "created_by")
    search_fields = ("text", "addressed_to__name")
    date_hierarchy = "made_on"
