"""The count tables in the admin, read-only: they are derived from the cases and change only through the events
or a rebuild."""
from django.contrib import admin

from fengqiao.core.admin import ReadOnlyAdmin
from fengqiao.reports.models import CaseTally, DailyCount, StateCount


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
