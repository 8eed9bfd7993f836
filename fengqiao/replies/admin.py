from django.contrib import admin

from fengqiao.core.admin import ReadOnlyAdmin
from fengqiao.replies.models import WrittenReply


@admin.register(WrittenReply)
class WrittenReplyAdmin(ReadOnlyAdmin):
    """Read-only: answers are written and sent only through the replies services (checked, audited)."""

    list_display = ("case", "status", "author", "sent_at", "sent_anyway")
    list_filter = ("status", "sent_anyway")
    search_fields = ("case__title",)
    readonly_fields = [f.name for f in WrittenReply._meta.fields]
