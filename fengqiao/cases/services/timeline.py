"""The public edge of the case services for other apps that record their own work on a case.

Triage, care, mediation, follow-up and replies write their own rows; where that work belongs on the case's
timeline, or must hold the case row while they write, they come here rather than to `services.common`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.cases.choices import EventKind
from fengqiao.cases.models import Case, CaseEvent
from fengqiao.cases.services.common import add_event, ensure_case_visible, lock_case
from fengqiao.core.errors import ValidationFailed

FUTURE_TOLERANCE = dt.timedelta(minutes=5)


@transaction.atomic
def case_log_event(*, case: Case, acting_user: User | None, action: str, note: str = "", public_note: str = "",
                   data: dict | None = None, kind: str = EventKind.NOTE) -> CaseEvent:
    """One line on the case's timeline that another app records about its own work on the case (the app writes
    its own audit row for that work). `acting_user` is None for the platform itself or a resident on the portal."""
    return add_event(case, kind=kind, actor=acting_user, action=action, note=note, public_note=public_note,
                     data=data)


def case_lock(*, case: Case, expected_version: int | None = None) -> Case:
    """Re-read `case` row-locked (PostgreSQL) for the caller's own write, checking the version it was shown.
    Call inside the caller's transaction: the lock lasts until that commits."""
    return lock_case(case, expected_version)


def case_ensure_visible(*, case: Case, acting_user: User | None) -> None:
    """Refuse (as "not found") a case outside the actor's scope, exactly as every case write does."""
    ensure_case_visible(acting_user, case.pk)


@dataclass(frozen=True)
class TimelineEntry:
    """One past line for `case_log_events`: what another app did on a case, at the moment it happened."""

    case_id: int
    action: str
    at: dt.datetime
    actor_id: int | None = None
    note: str = ""
    public_note: str = ""
    data: dict = field(default_factory=dict)
    kind: str = EventKind.NOTE


@transaction.atomic
def case_log_events(*, entries: Sequence[TimelineEntry]) -> int:
    """Many timeline lines at once, each at its own past moment: history another app brings in (past follow-up
    answers, an imported ledger). The caller audits its own work; a line for an unknown case or a moment in the
    future refuses the whole batch. Returns how many lines were written."""
    if not entries:
        return 0
    known = set(Case.objects.filter(pk__in={e.case_id for e in entries}).values_list("pk", flat=True))
    latest = timezone.now() + FUTURE_TOLERANCE
    for entry in entries:
        if entry.case_id not in known:
            raise ValidationFailed(_("案件不存在：%(id)s") % {"id": entry.case_id})
        if entry.at > latest:
            raise ValidationFailed(_("时间不能晚于现在。"), field_errors={"at": [_("时间有误")]})
        if entry.kind not in EventKind.values:
            raise ValidationFailed(_("未知的记录类型。"), field_errors={"kind": [_("未知")]})
    CaseEvent.objects.bulk_create([
        CaseEvent(case_id=e.case_id, kind=e.kind, actor_id=e.actor_id, note=e.note, public_note=e.public_note,
                  action=e.action, data=dict(e.data), created_at=e.at)
        for e in entries
    ], batch_size=500)
    return len(entries)
