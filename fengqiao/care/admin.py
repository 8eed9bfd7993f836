"""Admin: the hotlines are edited here (audited); referrals and contacts are read-only records."""
from __future__ import annotations

from django.contrib import admin

from fengqiao.audit.admin_mixins import AuditedModelAdmin
from fengqiao.care.models import Hotline, Referral, ReferralContact
from fengqiao.core.admin import ReadOnlyAdmin


@admin.register(Hotline)
class HotlineAdmin(AuditedModelAdmin):
    list_display = ("name", "number", "scope", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("scope", "is_active")


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "status", "counsellor", "follow_up_on", "opened_at")
    list_filter = ("kind", "status", "source")
    list_select_related = ("case", "counsellor")
    exclude = ("phrases", "close_note")  # crisis narrative: read on the care page, where reads are logged


@admin.register(ReferralContact)
class ReferralContactAdmin(ReadOnlyAdmin):
    list_display = ("referral", "at", "by", "method", "reached", "next_follow_up")
    list_filter = ("method", "reached")
    exclude = ("outcome", "safety_plan")
