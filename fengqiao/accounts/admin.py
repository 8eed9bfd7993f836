from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import Membership, User
from fengqiao.audit.admin_mixins import AuditedModelAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ("region", "department")


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    list_display = ("username", "display_name", "is_active", "is_staff", "last_login")
    search_fields = ("username", "display_name")
    inlines = [MembershipInline]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("联系方式"), {"fields": ("display_name", "phone")}),
    )


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ("user", "role", "region", "department", "is_head", "is_active")
    list_filter = ("role", "is_head", "is_active")
    search_fields = ("user__username", "user__display_name", "region__name")
    autocomplete_fields = ("user", "region", "department")
