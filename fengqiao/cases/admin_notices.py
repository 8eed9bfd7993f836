"""Admin of the notice channels, the lawful pause grounds and the notices issued (read-only: a notice is kept as
written). Imported by cases.admin."""
from django.contrib import admin

from fengqiao.audit.admin_mixins import AuditedModelAdmin
from fengqiao.cases.models import CaseNotice, NoticeChannel, PauseGround
from fengqiao.core.admin import ReadOnlyMixin


@admin.register(NoticeChannel)
class NoticeChannelAdmin(AuditedModelAdmin):
    list_display = ("notice_kind", "name", "code", "legal_basis", "needs_detail", "order", "is_active")
    list_filter = ("notice_kind", "is_active")


@admin.register(PauseGround)
class PauseGroundAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "legal_basis", "order", "is_active")
    filter_horizontal = ("states",)


@admin.register(CaseNotice)
class CaseNoticeAdmin(ReadOnlyMixin, AuditedModelAdmin):
    list_display = ("number", "kind", "channel_name", "issuer", "issued_at")
    list_filter = ("kind",)
    search_fields = ("number",)
