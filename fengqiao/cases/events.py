"""What happens to a case, told to the apps above the cases app once the write has committed.

The cases services publish one small frozen dataclass per change (`CaseCreated`, `CaseTransitioned`, ...). Apps
subscribe in their `AppConfig.ready()`::

    from fengqiao.cases import events
    events.subscribe(events.CaseClosed, handler, uid="followup-on-case-closed")

Rules (docs/decisions/events-on-commit.md):
- `publish` hands the event to `transaction.on_commit`: a write that rolls back publishes nothing, and a
  subscriber always sees the committed rows. Events carry ids and codes, never model instances.
- Each subscriber runs in its own `transaction.atomic()`; an exception is logged (logger "fengqiao.cases.events")
  and rolls back only that subscriber's writes: the other subscribers still run and the request is never
  affected (the write it reports on has already committed). A subscriber that opens its own transactions where
  it writes, or only hands work on (to Redis, a task), subscribes with `own_transactions=True` and runs outside
  one: on SQLite every transaction takes the one write lock at BEGIN, and an empty one still waits for it.
  A subscriber that must not lose work keeps its own retry (triage does: a pending result is retried by its
  periodic task).
- Subscribers run in the order they subscribed; a second `subscribe` with the same uid replaces the first.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import ClassVar, TypeVar

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("fengqiao.cases.events")


@dataclass(frozen=True, kw_only=True)
class CaseChange:
    """Fields every event has: the case, who did it (None for the system or a resident) and when."""

    name: ClassVar[str] = ""
    case_id: int
    acting_user_id: int | None = None
    at: dt.datetime = field(default_factory=timezone.now)


@dataclass(frozen=True, kw_only=True)
class CaseCreated(CaseChange):
    """A case was registered (any channel, the portal included)."""

    name: ClassVar[str] = "case_created"
    process: str
    channel: str
    region_path: str
    state: str


@dataclass(frozen=True, kw_only=True)
class CaseTransitioned(CaseChange):
    """A step of the case's process was taken (every transition, whatever it does)."""

    name: ClassVar[str] = "case_transitioned"
    action: str
    from_state: str
    to_state: str
    from_kind: str
    to_kind: str


@dataclass(frozen=True, kw_only=True)
class CaseAssigned(CaseChange):
    """A lead (主办) or co-handler (协办) was given the case: by a step (assign, transfer, a 复查/复核 request)
    or by case_assign. `user_id` / `department_id` is whom it went to."""

    name: ClassVar[str] = "case_assigned"
    role: str
    user_id: int | None = None
    department_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class CaseClosed(CaseChange):
    """The case left handling: a step from an open state into a resolved or closed one (化解 or 办结).
    `ends_unsettled` is set for steps that end it without settling anything (不予受理, 告知其他途径)."""

    name: ClassVar[str] = "case_closed"
    action: str
    state: str
    state_kind: str
    ends_unsettled: bool = False


@dataclass(frozen=True, kw_only=True)
class CaseReopened(CaseChange):
    """A resolved or closed case went back to handling."""

    name: ClassVar[str] = "case_reopened"
    action: str
    state: str


@dataclass(frozen=True, kw_only=True)
class CaseClassified(CaseChange):
    """The case's category or dispute type was set (`field`, and the code of the row it now points at)."""

    name: ClassVar[str] = "case_classified"
    field: str
    value: str


@dataclass(frozen=True, kw_only=True)
class CaseDeadlineChanged(CaseChange):
    """The current step's due date moved without a step: the parties agreed a period, or the working-day calendar
    changed under it (`reason`: "agreed" or "calendar")."""

    name: ClassVar[str] = "case_deadline_changed"
    reason: str
    due_at: dt.datetime | None = None


@dataclass(frozen=True, kw_only=True)
class CaseNoteAdded(CaseChange):
    name: ClassVar[str] = "case_note_added"
    public: bool = False


@dataclass(frozen=True, kw_only=True)
class AttachmentsAdded(CaseChange):
    name: ClassVar[str] = "attachments_added"
    attachment_ids: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class CaseClockPaused(CaseChange):
    name: ClassVar[str] = "case_clock_paused"
    ground: str = ""


@dataclass(frozen=True, kw_only=True)
class CaseClockResumed(CaseChange):
    name: ClassVar[str] = "case_clock_resumed"


@dataclass(frozen=True, kw_only=True)
class CaseEscalated(CaseChange):
    name: ClassVar[str] = "case_escalated"
    escalation_id: int


@dataclass(frozen=True, kw_only=True)
class LeaderAssigned(CaseChange):
    """A county leader took the case on (领导包案)."""

    name: ClassVar[str] = "leader_assigned"
    leader_id: int


@dataclass(frozen=True, kw_only=True)
class LeaderReleased(CaseChange):
    name: ClassVar[str] = "leader_released"
    leader_id: int


@dataclass(frozen=True, kw_only=True)
class SupervisionRaised(CaseChange):
    """A supervision notice (督办) was raised: `kind` "formal" by a person, "auto" by the overdue sweep (no
    acting user); `assignment_id` when it is addressed to a co-handler's task."""

    name: ClassVar[str] = "supervision_raised"
    supervision_id: int
    kind: str
    assignment_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class SupervisionReplied(CaseChange):
    name: ClassVar[str] = "supervision_replied"
    supervision_id: int
    late: bool = False


@dataclass(frozen=True, kw_only=True)
class SupervisionClosed(CaseChange):
    """销号 of a supervision notice by a person."""

    name: ClassVar[str] = "supervision_closed"
    supervision_id: int


@dataclass(frozen=True, kw_only=True)
class ExtensionRequested(CaseChange):
    name: ClassVar[str] = "extension_requested"
    extension_id: int
    days: int


@dataclass(frozen=True, kw_only=True)
class ExtensionDecided(CaseChange):
    name: ClassVar[str] = "extension_decided"
    extension_id: int
    days: int
    approved: bool


@dataclass(frozen=True, kw_only=True)
class CoTaskFinished(CaseChange):
    """A co-handler's task (协办) ended: `status` "done" when reported done, "waived" when released from it."""

    name: ClassVar[str] = "co_task_finished"
    assignment_id: int
    status: str


@dataclass(frozen=True, kw_only=True)
class NoticeRequested(CaseChange):
    """People must be told about a case (a co-handler's task, a supervision notice, its reply or closing...).

    The cases app says whom and what (`kind` is one of fengqiao.notifications.choices.Kind); the notifications
    app subscribes and delivers (its `AppConfig.ready()`). Without that app nobody subscribes and nothing is
    sent. Recipients are active users, distinct, in the order they were named."""

    name: ClassVar[str] = "notice_requested"
    recipient_ids: tuple[int, ...]
    kind: str
    title: str
    body: str
    url: str = ""
    urgent: bool = False
    # Notices of one run (e.g. of the overdue check) share a batch: the inbox shows them as one line linking to
    # `batch_url`, the filtered case list.
    batch: str = ""
    batch_url: str = ""


E = TypeVar("E", bound=CaseChange)
_subscribers: dict[type[CaseChange], dict[str, Callable[..., object]]] = {}
_own_transactions: set[tuple[type[CaseChange], str]] = set()


def subscribe(event_type: type[E], handler: Callable[[E], object], *, uid: str, own_transactions: bool = False) -> None:
    """Call `handler(event)` after each committed `event_type`. Call it from AppConfig.ready(). With
    `own_transactions` the handler is not wrapped in a transaction (it opens its own where it writes)."""
    _subscribers.setdefault(event_type, {})[uid] = handler
    if own_transactions:
        _own_transactions.add((event_type, uid))
    else:
        _own_transactions.discard((event_type, uid))


def unsubscribe(event_type: type[CaseChange], *, uid: str) -> None:
    _subscribers.get(event_type, {}).pop(uid, None)
    _own_transactions.discard((event_type, uid))


def subscribers(event_type: type[CaseChange]) -> list[tuple[str, Callable]]:
    return list(_subscribers.get(event_type, {}).items())


def publish(event: CaseChange) -> None:
    """Deliver the event once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(partial(deliver, event), robust=True)


def deliver(event: CaseChange) -> None:
    """Run each subscriber of the event's type in its own transaction (or in the ones it opens itself); a failure
    is logged, never raised."""
    for uid, handler in subscribers(type(event)):
        try:
            if (type(event), uid) in _own_transactions:
                handler(event)
                continue
            with transaction.atomic():
                handler(event)
        except Exception:
            logger.exception("subscriber %s failed on %s of case %s", uid, event.name, event.case_id)
