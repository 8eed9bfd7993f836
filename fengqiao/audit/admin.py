from django.contrib import admin

from fengqiao.audit.models import AuditEntry, PersonalDataAccess
from fengqiao.core.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor_label", "action", "object_type", "object_id", "outcome", "request_id")
    list_filter = ("action", "object_type", "outcome")
    search_fields = ("object_id", "actor_label", "request_id", "action")
    date_hierarchy = "created_at"


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "kind", "object_type", "object_id", "field", "reason")
    list_filter = ("kind", "object_type")
    search_fields = ("object_id", "user__username")
