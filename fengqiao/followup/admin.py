from django.contrib import admin

from fengqiao.audit.admin_mixins import AuditedModelAdmin
from fengqiao.core.admin import ReadOnlyAdmin
from fengqiao.followup.models import FollowUp, FollowUpCall, FollowUpRule


@admin.register(FollowUpRule)
class FollowUpRuleAdmin(AuditedModelAdmin):
    list_display = ("process", "duration", "unit", "lookback_days", "is_active", "legal_basis")
    list_filter = ("is_active",)


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ("case", "status", "due_at", "channel", "settled", "satisfaction", "review_status")
    list_filter = ("status", "channel", "settled", "satisfaction", "review_status")
    search_fields = ("case__title",)


@admin.register(FollowUpCall)
class FollowUpCallAdmin(ReadOnlyAdmin):
    list_display = ("followup", "called_at", "called_by", "reached", "settled", "satisfaction")
    list_filter = ("reached",)
