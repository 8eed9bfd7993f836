from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fengqiao.audit.admin_mixins import AuditedModelAdmin
from fengqiao.cases import admin_notices  # noqa: F401 - registers the notice and pause-ground admins
from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import (
    Case,
    Category,
    ClockPause,
    DeadlineRule,
    DisputeType,
    Escalation,
    JointMeeting,
    LeaderCase,
    PetitionAnswer,
    PetitionDetail,
    PetitionReviewRequest,
    Process,
    State,
    Supervision,
    Transition,
)
from fengqiao.core.admin import ReadOnlyAdmin


class StateInline(admin.TabularInline):
    model = State
    extra = 0


@admin.register(Process)
class ProcessAdmin(AuditedModelAdmin):
    list_display = ("name", "code")
    inlines = [StateInline]


@admin.register(Transition)
class TransitionAdmin(AuditedModelAdmin):
    list_display = ("process", "from_state", "name", "action", "effect", "to_state", "allowed_roles", "requires_note",
                    "notice_kind", "is_active")
    list_filter = ("process", "is_active", "effect", "action")

    def has_delete_permission(self, request, obj=None):
        """The last active step out of an open state stays (switch steps off instead of deleting them)."""
        if obj is not None and obj.is_active and obj.from_state.kind == StateKind.OPEN:
            others = Transition.objects.filter(from_state_id=obj.from_state_id, is_active=True).exclude(pk=obj.pk)
            if not others.exists():
                return False
        return super().has_delete_permission(request, obj)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedModelAdmin):
    """Another place's rules are seeded switched off for all regions (cases.seed.JURISDICTION_TEMPLATES): to choose
    one at set-up, set its region and switch it on here, or run `fengqiao rules templates --enable NAME --region
    CODE`, which copies the template onto the region and leaves the template for other regions."""

    list_display = ("process", "state", "region", "duration", "unit", "start_event", "roll_to_workday", "max_extension",
                    "extension_by_head", "is_active", "legal_basis")
    list_filter = ("process", "unit", "roll_to_workday", "is_active")
    autocomplete_fields = ("region",)
    readonly_fields = ("updated_at", "updated_by")

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        """An open step's only default rule stays: every open case must keep a due date."""
        if obj is not None and obj.region_id is None and obj.is_active and obj.state.kind == StateKind.OPEN:
            others = DeadlineRule.objects.filter(state_id=obj.state_id, region__isnull=True, is_active=True).exclude(pk=obj.pk)
            if not others.exists():
                return False
        return super().has_delete_permission(request, obj)


@admin.register(Category)
class CategoryAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "parent", "is_active")


@admin.register(DisputeType)
class DisputeTypeAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "order")


class PetitionDetailInline(admin.StackedInline):
    """A petition's kind and whom an accusation accuses, recorded at registration (read-only here)."""

    model = PetitionDetail
    can_delete = False
    extra = 0
    readonly_fields = ("kind", "accused_department", "accused_user", "accused_name")


class PetitionAnswerInline(admin.TabularInline):
    model = PetitionAnswer
    can_delete = False
    extra = 0
    fields = ("stage", "outcome", "body", "issued_at", "sent_anyway", "delivery_method", "delivered_on")
    readonly_fields = fields


class PetitionRequestInline(admin.TabularInline):
    model = PetitionReviewRequest
    can_delete = False
    extra = 0
    fields = ("stage", "received_on", "body", "created_at")
    readonly_fields = fields


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    """Read-only: cases change only through the workflow services, never by editing rows."""

    inlines = [PetitionDetailInline, PetitionAnswerInline, PetitionRequestInline]

    list_display = ("reference_display", "title", "process", "state", "region", "due_at", "calendar_warning", "audit_link")
    list_filter = ("process", "state__kind", "channel")
    search_fields = ("title", "tracking_code", "external_ref")
    list_select_related = ("process", "state", "region")
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    @admin.display(description=_("编号"))
    def reference_display(self, obj: Case) -> str:
        return obj.reference

    @admin.display(description=_("审计记录"))
    def audit_link(self, obj: Case) -> str:
        return format_html('<a href="{}">{}</a>', reverse("cases:audit", args=[obj.pk]), _("查看"))


class CaseRecordAdmin(ReadOnlyAdmin):
    """Read-only records about a case (written only through the case services), scoped like the case list."""

    case_field = "case"
    show_full_result_count = False

    def get_queryset(self, request):
        visible = Case.objects.visible_to(request.user).values("pk")
        return super().get_queryset(request).filter(case__in=visible)

    @admin.display(description=_("案件"))
    def case_reference(self, obj) -> str:
        return format_html('<a href="{}">{}</a>', reverse("cases:detail", args=[obj.case_id]), obj.case.reference)


@admin.register(JointMeeting)
class JointMeetingAdmin(CaseRecordAdmin):
    list_display = ("case_reference", "held_at", "place", "chaired_by", "recorded_by")
    list_select_related = ("case", "recorded_by")
    date_hierarchy = "held_at"


@admin.register(Supervision)
class SupervisionAdmin(CaseRecordAdmin):
    list_display = ("case_reference", "kind", "state", "to_department", "to_user", "raised_at", "reply_due", "replied_at",
                    "closed")
    list_filter = ("kind", "closed")
    list_select_related = ("case", "state", "to_department", "to_user")


@admin.register(LeaderCase)
class LeaderCaseAdmin(CaseRecordAdmin):
    list_display = ("case_reference", "leader", "assigned_by", "created_at", "active", "ended_at")
    list_filter = ("active",)
    list_select_related = ("case", "leader", "assigned_by")


@admin.register(Escalation)
class EscalationAdmin(CaseRecordAdmin):
    list_display = ("case_reference", "from_region", "to_region", "escalated_by", "escalated_at")
    list_select_related = ("case", "from_region", "to_region", "escalated_by")


@admin.register(ClockPause)
class ClockPauseAdmin(CaseRecordAdmin):
    list_display = ("case_reference", "state", "started_at", "ended_at", "unit", "days_added", "started_by")
    list_select_related = ("case", "state", "started_by")
