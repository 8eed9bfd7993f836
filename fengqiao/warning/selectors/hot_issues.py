"""Reads of the warning app: hot issues among the cases a user may see, always through
`Case.objects.visible_to(user)`; nothing here writes.

The engine (fengqiao/warning/engine) runs on the cases received in the last `WINDOW_DAYS` days (the newest
`MAX_CASES` of them): a case is a message whose subject is its title, whose text is its address and narrative,
whose writer is its first applicant (by ID number, else phone, else name) and whose support is its other
applicants. The result is cached per user for `CACHE_SECONDS` under a fingerprint of the cases in scope (how
many, the highest id): a new case in scope, or one leaving it, makes the next view compute again; a change of
state or an edit does not (a busy county changes cases every second, and a hot issue is about what people
reported, which those changes leave alone).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.cases.choices import PartyRole
from fengqiao.cases.models import Case, Party

if TYPE_CHECKING:  # the engine loads numpy, scipy and scikit-learn: only when a page needs it
    from fengqiao.warning.engine import Message

WINDOW_DAYS = 90
MAX_CASES = 5000
TOP = 20
CACHE_SECONDS = 15 * 60
NARRATIVE_CHARS = 1000
ID_CHUNK = 500  # ids per IN (...) list: SQLite allows some hundreds of parameters at most
VIEWER_ROLES = {Role.CENTER, Role.LEADER, Role.ADMIN}


@dataclass(frozen=True)
class HotIssueRow:
    rank: int
    issue: dict[str, object]  # HotIssue.as_dict(), member ids being case ids
    cases: list[Case]  # the member cases the user may still see, oldest first


@dataclass(frozen=True)
class HotIssuesPage:
    rows: list[HotIssueRow]
    n_cases: int
    window_days: int
    since: dt.datetime


def may_view_hot_issues(user: User) -> bool:
    """Leaders, center staff and administrators (their area), and superusers."""
    return user.is_superuser or any(m.role in VIEWER_ROLES for m in user.active_memberships)


def _scope(user: User, since: dt.datetime) -> QuerySet[Case]:
    return Case.objects.visible_to(user).filter(received_at__gte=since)


def _applicants(case_ids: list[int]) -> tuple[dict[int, str], Counter[int]]:
    """Each case's first applicant (ID number, else phone, else name) and how many applicants it has."""
    writers: dict[int, str] = {}
    counts: Counter[int] = Counter()
    for start in range(0, len(case_ids), ID_CHUNK):
        applicants = (Party.objects.filter(case_id__in=case_ids[start : start + ID_CHUNK], role=PartyRole.APPLICANT)
                      .order_by("case_id", "id").values_list("case_id", "id_number", "phone", "name"))
        for case_id, id_number, phone, name in applicants:
            writers.setdefault(case_id, id_number or phone or name)
            counts[case_id] += 1
    return writers, counts


def case_messages(*, user: User, since: dt.datetime) -> list[Message]:
    """The user's cases received since ``since`` (newest ``MAX_CASES``) as the engine's messages."""
    return messages_of(_scope(user, since))


def messages_of(cases: QuerySet[Case]) -> list[Message]:
    """These cases (newest ``MAX_CASES``) as the engine's messages. The caller has scoped the queryset: a user's
    cases for a page, a county's for the daily scan."""
    from fengqiao.warning.engine import Message
    rows = list(
        cases.order_by("-received_at", "-id")
        .values_list("id", "title", "address", "narrative", "received_at")[:MAX_CASES]
    )
    writers, applicants = _applicants([r[0] for r in rows])
    return [
        Message(id=str(pk), user=writers.get(pk) or f"case-{pk}", subject=title,
                detail=f"{address} {narrative[:NARRATIVE_CHARS]}".strip(),
                at=timezone.localtime(received).replace(tzinfo=None),
                support=max(0, applicants.get(pk, 1) - 1), against=0)
        for pk, title, address, narrative, received in rows
    ]


def _cache_key(user: User, since: dt.datetime) -> str:
    figures = _scope(user, since).aggregate(n=Count("id"), last=Max("id"))
    fingerprint = f"{user.pk}|{since.date()}|{figures['n']}|{figures['last']}"
    return "fengqiao:warning:hot:" + hashlib.sha256(fingerprint.encode()).hexdigest()[:32]


def _compute(user: User, since: dt.datetime) -> tuple[int, list[dict[str, object]]]:
    from fengqiao.warning.engine import find_hot_issues

    messages = case_messages(user=user, since=since)
    issues = find_hot_issues(messages, top=TOP).issues
    return len(messages), [issue.as_dict() for issue in issues]


def hot_issues_for(*, user: User, window_days: int = WINDOW_DAYS) -> HotIssuesPage:
    """The hottest issues among the cases ``user`` may see received in the last ``window_days`` days, each with
    the cases behind it (re-read through the scope, so a case the user can no longer see is left out)."""
    since = (timezone.localtime() - dt.timedelta(days=window_days)).replace(hour=0, minute=0, second=0,
                                                                             microsecond=0)
    key = _cache_key(user, since)
    cached = cache.get(key)
    if cached is None:
        cached = _compute(user, since)
        cache.set(key, cached, CACHE_SECONDS)
    n_cases, issues = cached
    wanted = {int(i) for issue in issues for i in issue["member_message_ids"]}
    visible = {c.pk: c for c in Case.objects.visible_to(user).filter(pk__in=wanted).only(
        "id", "tracking_code", "title", "received_at", "region_path")}
    rows = [
        HotIssueRow(rank=rank, issue=issue,
                    cases=[visible[int(i)] for i in issue["member_message_ids"] if int(i) in visible])
        for rank, issue in enumerate(issues, start=1)
    ]
    return HotIssuesPage(rows=rows, n_cases=n_cases, window_days=window_days, since=since)
