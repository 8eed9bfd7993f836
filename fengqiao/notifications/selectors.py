"""Reads. A user only ever sees their own notifications; anything else answers "not found"."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models import Case as CaseWhen
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import User
from fengqiao.core.errors import NotFoundError
from fengqiao.notifications.choices import Kind
from fengqiao.notifications.grouping import default_group_url
from fengqiao.notifications.models import CaseVisit, Notification, NotificationPreference
from fengqiao.notifications.preferences import Cell, all_cells, effective_enabled, is_locked


def notification_list_for(*, user: User, unread_only: bool = False, group_key: str = "") -> QuerySet[Notification]:
    """The user's inbox (or one of its groups), newest first."""
    qs = Notification.objects.filter(recipient=user, in_inbox=True).select_related("case")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    if group_key:
        qs = qs.filter(group_key=group_key)
    return qs.order_by("-created_at", "-id")


@dataclass(frozen=True)
class InboxLine:
    """One line of the inbox: a notice on its own, or a group of notices of one kind (one sweep, or one day)."""

    key: str
    total: int
    unread: int
    urgent: bool
    latest: Notification  # the newest notice of the group (the whole line when it is alone)
    list_url: str  # the filtered case list a group links to ("" for none)

    @property
    def is_group(self) -> bool:
        return self.total > 1

    @property
    def kind_label(self) -> str:
        return str(Kind(self.latest.kind).label) if self.latest.kind in Kind.values else self.latest.kind

    @property
    def latest_at(self) -> dt.datetime:
        return self.latest.created_at


def inbox_lines_for(*, user: User, unread_only: bool = False) -> QuerySet:
    """The user's inbox as lines, newest first: one row (dict) per group key, with its count and unread count.
    A notice without a key (written outside `notify`) is a line of its own. Turn a page of rows into lines with
    `inbox_lines_load`."""
    qs = Notification.objects.filter(recipient=user, in_inbox=True)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    line = CaseWhen(When(group_key="", then=Concat(Value("id:"), Cast("pk", CharField()))), default=F("group_key"),
                 output_field=CharField())
    return (
        qs.annotate(line=line).values("line")
        .annotate(total=Count("pk"), unread=Count("pk", filter=Q(read_at__isnull=True)),
                  urgent=Count("pk", filter=Q(urgent=True)), latest_at=Max("created_at"), latest_id=Max("pk"))
        .order_by("-latest_at", "-latest_id")
    )


def inbox_lines_load(rows: Iterable[dict]) -> list[InboxLine]:
    rows = list(rows)
    latest = Notification.objects.select_related("case").in_bulk([row["latest_id"] for row in rows])
    lines = []
    for row in rows:
        notice = latest.get(row["latest_id"])
        if notice is None:  # deleted between the two reads
            continue
        lines.append(InboxLine(
            key=notice.group_key, total=row["total"], unread=row["unread"], urgent=row["urgent"] > 0,
            latest=notice, list_url=notice.group_url or default_group_url(notice.kind),
        ))
    return lines


def cases_with_new_mark(queryset: QuerySet, user: User) -> QuerySet:
    """The cases with `is_new`: changed (assigned, stepped, noted...) since the user last opened them, or never
    opened by them (their CaseVisit)."""
    seen = CaseVisit.objects.filter(user=user, case_id=OuterRef("pk")).values("seen_at")[:1]
    return queryset.annotate(last_seen_at=Subquery(seen)).annotate(
        is_new=ExpressionWrapper(Q(last_seen_at__isnull=True) | Q(updated_at__gt=F("last_seen_at")),
                                 output_field=BooleanField())
    )


def notification_get_for(*, user: User, pk: int) -> Notification:
    """One of the user's own notifications; another user's id and a missing id look the same."""
    notification = notification_list_for(user=user).filter(pk=pk).first()
    if notification is None:
        raise NotFoundError(_("通知不存在。"))
    return notification


def unread_count_for(*, user: User | AnonymousUser) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, in_inbox=True, read_at__isnull=True).count()


def stored_preferences_for(*, user: User) -> dict[Cell, bool]:
    return {
        (kind, channel): enabled
        for kind, channel, enabled in NotificationPreference.objects.filter(user=user).values_list(
            "kind", "channel", "enabled"
        )
    }


def preferences_for(*, user: User) -> dict[Cell, bool]:
    """Every (kind, channel) cell with what applies to the user now: the stored choice or the default."""
    stored = stored_preferences_for(user=user)
    return {(kind, channel): effective_enabled(user, kind, channel, stored) for kind, channel in all_cells()}


def locked_cells() -> set[Cell]:
    return {cell for cell in all_cells() if is_locked(*cell)}
