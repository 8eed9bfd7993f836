"""Read-only lists of notifications, deliveries and the SMS log for administrators."""
from django.contrib import admin

from fengqiao.core.admin import ReadOnlyAdmin
from fengqiao.notifications.models import Delivery, Notification, SmsLog


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ("channel", "status", "attempts", "last_error", "last_attempt_at", "sent_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "recipient", "kind", "title", "urgent", "in_inbox", "read_at", "case")
    list_filter = ("kind", "urgent", "in_inbox")
    search_fields = ("title", "recipient__username")
    date_hierarchy = "created_at"
    list_select_related = ("recipient", "case")
    raw_id_fields = ("recipient", "case")
    inlines = [DeliveryInline]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "notification", "channel", "status", "attempts", "last_error", "sent_at")
    list_filter = ("channel", "status")
    search_fields = ("notification__title", "notification__recipient__username")
    date_hierarchy = "created_at"
    list_select_related = ("notification",)
    raw_id_fields = ("notification",)


@admin.register(SmsLog)
class SmsLogAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "phone_masked", "message", "backend")
    search_fields = ("user__username", "message")
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    raw_id_fields = ("user", "delivery")
