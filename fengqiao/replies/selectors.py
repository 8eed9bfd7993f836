"""Reads of the replies app; the case is always reached through the user's scope first."""
from __future__ import annotations

from django.db.models import QuerySet

from fengqiao.replies.choices import ReplyStatus
from fengqiao.replies.models import WrittenReply


def replies_sent_for(*, case) -> QuerySet[WrittenReply]:
    return WrittenReply.objects.filter(case=case, status=ReplyStatus.SENT).select_related("sent_by", "author").order_by(
        "-sent_at", "-id"
    )


def draft_for(*, case) -> WrittenReply | None:
    return WrittenReply.objects.filter(case=case, status=ReplyStatus.DRAFT).select_related("author", "updated_by").first()
