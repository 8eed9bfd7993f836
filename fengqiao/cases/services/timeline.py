"""The public edge of the case services for other apps that record their own work on a case.

Triage, care, mediation, follow-up and replies write their own rows; where that work belongs on the case's
timeline, or must hold the case row while they write, they come here rather than to `services.common`.
"""
from __future__ import annotations

from django.db import transaction

from fengqiao.accounts.models import User
from fengqiao.cases.choices import EventKind
from fengqiao.cases.models import Case, CaseEvent
from fengqiao.cases.services.common import add_event, ensure_case_visible, lock_case


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
