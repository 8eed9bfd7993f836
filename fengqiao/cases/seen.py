"""What is new to a user: the cases changed since they last opened them (the 新 mark and filter of 我的待办).

The cases app keeps no record of who opened what: the notifications app (which owns "what is new to a user")
keeps it and registers a tracker in its AppConfig.ready():

    register_seen_tracker(opened=record_visit, mark=annotate_new)

`opened(acting_user=..., case=...)` is called when a user opens a case page; `mark(queryset, user)` returns the
queryset with a boolean `is_new` per case. Without a tracker nothing is recorded, no case is new and 我的待办
offers no filter.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import BooleanField, QuerySet, Value

if TYPE_CHECKING:
    from fengqiao.accounts.models import User
    from fengqiao.cases.models import Case


@dataclass(frozen=True)
class SeenTracker:
    opened: Callable[..., object]
    mark: Callable[[QuerySet, User], QuerySet]


_tracker: list[SeenTracker] = []


def register_seen_tracker(*, opened: Callable[..., object], mark: Callable[[QuerySet, User], QuerySet]) -> None:
    _tracker[:] = [SeenTracker(opened=opened, mark=mark)]


def tracking() -> bool:
    return bool(_tracker)


def case_opened(*, user: User, case: Case) -> None:
    """The user opened the case's page: the case is no longer new to them."""
    if _tracker:
        _tracker[0].opened(acting_user=user, case=case)


def with_new_mark(queryset: QuerySet[Case], user: User) -> QuerySet[Case]:
    """The cases with `is_new`: changed (or assigned) since the user last opened them, or never opened."""
    if not _tracker:
        return queryset.annotate(is_new=Value(False, output_field=BooleanField()))
    return _tracker[0].mark(queryset, user)
