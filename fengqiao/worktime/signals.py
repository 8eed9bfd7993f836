"""Events the calendar publishes. worktime sits below cases: it never calls cases, it says what changed and the
layers above (cases, mediation) recompute their own due dates."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

# Sent after the transaction that changed the calendar commits. Arguments: years (set[int], the years whose
# holidays were entered or changed), acting_user (a User or None).
calendar_changed = Signal()


def publish_calendar_changed(*, years: Iterable[int], acting_user=None) -> None:
    changed = set(years)
    if not changed:
        return
    transaction.on_commit(lambda: calendar_changed.send(sender="worktime", years=changed, acting_user=acting_user))
