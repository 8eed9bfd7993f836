from django.contrib import admin

from fengqiao.reports.models import CaseTally, DailyCount, StateCount


class ReadOnlyAdmin(admin.ModelAdmin):
    """Count rows are derived from the cases: read them here, change them only through the events or a rebuild."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


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
