"""Which notices share one line of the inbox, and which list that line links to.

Notices of one kind from one sweep (the overdue check names its run as a `batch`) or, without a batch, of one
kind on one day share a group key; the inbox shows a group of two or more as one line with the count. Crisis
alerts are never grouped: each is a person at risk and is shown on its own line.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from django.urls import reverse
from django.utils import timezone

from fengqiao.notifications.choices import Kind

KEY_MAX = 120
UNGROUPED_KINDS: frozenset[str] = frozenset({Kind.CRISIS_ALERT})


def group_key_for(*, kind: str, batch: str, at: dt.datetime) -> str:
    """The key of the group a notice of `kind` sent at `at` (as part of `batch`, when named) belongs to."""
    if kind in UNGROUPED_KINDS:
        return f"{kind}:one:{uuid.uuid4().hex}"
    batch = (batch or "").strip()
    if batch:
        key = f"{kind}:batch:{batch}"
        if len(key) > KEY_MAX:
            key = f"{kind}:batch:{hashlib.sha256(batch.encode()).hexdigest()}"
        return key
    return f"{kind}:day:{timezone.localdate(at).isoformat()}"


def default_group_url(kind: str) -> str:
    """The list a group of this kind links to when the sender named none ("" for none)."""
    if kind == Kind.CASE_ASSIGNED:
        return f"{reverse('cases:my_work')}?new=1"
    if kind in (Kind.DEADLINE_WARNING, Kind.SUPERVISION):
        return reverse("cases:my_work")
    if kind == Kind.DEADLINE_OVERDUE:
        return f"{reverse('cases:list')}?overdue=1"
    return ""
