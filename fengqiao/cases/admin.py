from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fengqiao.audit.admin_mixins import AuditedModelAdmin
from fengqiao.cases.models import Case, Category, DeadlineRule, DisputeType, Process, State, Transition
from fengqiao.worktime.admin import CalendarWarningMixin


class StateInline(admin.TabularInline):
    model = State
    extra = 0


@admin.register(Process)
class ProcessAdmin(AuditedModelAdmin):
    list_display = ("name", "code")
    inlines = [StateInline]


@admin.register(Transition)
class TransitionAdmin(AuditedModelAdmin):
    list_display = ("process", "from_state", "name", "action", "to_state", "allowed_roles", "requires_note", "is_active")
    list_filter = ("process", "is_active", "action")


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(CalendarWarningMixin, AuditedModelAdmin):
    list_display = ("process", "state", "region", "duration", "unit", "start_event", "max_extension", "is_active", "legal_basis")
    list_filter = ("process", "unit", "is_active")
    autocomplete_fields = ("region",)
    readonly_fields = ("updated_at", "updated_by")

    def save_model(self, request, obj, form, change):  # noqa: ANN001
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Category)
class CategoryAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "parent", "is_active")


@admin.register(DisputeType)
class DisputeTypeAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "order")


@admin.register(Case)
class CaseAdmin(CalendarWarningMixin, admin.ModelAdmin):
    """Read-only: cases change only through the workflow services, never by editing rows."""

    list_display = ("reference_display", "title", "process", "state", "region", "due_at", "calendar_warning", "audit_link")
    list_filter = ("process", "state__kind", "channel")
    search_fields = ("title", "tracking_code", "external_ref")
    list_select_related = ("process", "state", "region")
    show_full_result_count = False

    def has_add_permission(self, request):  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None):  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001
        return False

    def get_queryset(self, request):  # noqa: ANN001
        return super().get_queryset(request).visible_to(request.user)

    @admin.display(description=_("编号"))
    def reference_display(self, obj: Case) -> str:
        return obj.reference

    @admin.display(description=_("审计记录"))
    def audit_link(self, obj: Case) -> str:
        return format_html('<a href="{}">{}</a>', reverse("cases:audit", args=[obj.pk]), _("查看"))
