from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from fengqiao.audit.admin_mixins import AuditedModelAdmin
from fengqiao.core.admin import ReadOnlyAdmin
from fengqiao.mediation.choices import MediationStatus
from fengqiao.mediation.models import (
    ArbitrationReferral,
    ClockRule,
    LabourLimitation,
    Mediation,
    Mediator,
    Organisation,
)


class MediatorInline(admin.TabularInline):
    model = Mediator
    extra = 0
    fields = ("name", "user", "phone", "is_active")
    autocomplete_fields = ("user",)
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "region", "department", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "region__name")
    autocomplete_fields = ("region", "department")
    inlines = [MediatorInline]


@admin.register(Mediator)
class MediatorAdmin(AuditedModelAdmin):
    list_display = ("name", "organisation", "user", "is_active", "current_load")
    list_filter = ("is_active", "organisation__kind", "specialities")
    search_fields = ("name", "organisation__name", "user__username", "user__display_name")
    autocomplete_fields = ("user", "organisation")
    filter_horizontal = ("specialities", "regions_served")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            _load=Count("mediations", filter=Q(mediations__status=MediationStatus.ACTIVE), distinct=True)
        )

    @admin.display(description=_("在办调解"), ordering="_load")
    def current_load(self, obj: Mediator) -> int:
        return obj._load


@admin.register(ClockRule)
class ClockRuleAdmin(AuditedModelAdmin):
    list_display = ("kind", "duration", "unit", "roll_to_workday", "dispute_type_codes", "is_active", "legal_basis")
    readonly_fields = ("updated_at", "updated_by")

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Mediation)
class MediationAdmin(ReadOnlyAdmin):
    """Read-only: mediations change only through the mediation services."""

    list_display = ("case", "channel", "organisation", "mediator", "status", "applied_on", "ended_at")
    list_filter = ("channel", "status", "court_referral_kind")
    list_select_related = ("case", "organisation", "mediator")
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(ArbitrationReferral)
class ArbitrationReferralAdmin(AuditedModelAdmin):
    """Read here; recorded from the case page (mediation.services.labour), which keeps the clocks and the timeline."""

    list_display = ("case", "commission", "applied_on", "accept_due", "accepted_on", "award_due", "outcome", "suit_due")
    list_filter = ("outcome",)
    readonly_fields = [f.name for f in ArbitrationReferral._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(LabourLimitation)
class LabourLimitationAdmin(AuditedModelAdmin):
    list_display = ("case", "knew_on", "wage_arrears_in_employment", "employment_ended_on", "updated_at")
    readonly_fields = [f.name for f in LabourLimitation._meta.fields]

    def has_add_permission(self, request):
        return False
