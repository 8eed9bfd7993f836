"""The warning app's pure computations (no Django import): hot-issue mining, exported here; the risk scorer
(:mod:`.risk`), matter keys and linking (:mod:`.linking`, :mod:`.cues`) and the hotspot test (:mod:`.hotspots`).

Hot-issue mining (热点问题挖掘):

Messages about the same concrete place and problem are grouped (:mod:`.clustering`: place-key blocking, then
character n-gram TF-IDF cosine within a block, merged by centroid), and the groups are ranked by a heat index of
distinct people, support and time span (:mod:`.heat`). Each hot issue has its place, problem, first and last
message time, a short description (place + problem + the subject of its most central message) and its members.

Public API:

* :func:`find_hot_issues` ``(messages, *, top=None) -> HotIssueReport``
* :mod:`.records` -- ``Message``, ``messages_from_rows(columns, rows)``, ``MessageTableError``, ``COLUMNS``
* :mod:`.files` -- ``read_messages(path)`` for a CSV (UTF-8) or XLSX file
* :mod:`.places` -- ``extract_places(text) -> [Place(name, key, weight)]``
* :mod:`.problems` -- ``problems_in(text)``, ``PROBLEMS`` (our own lexicon)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .clustering import Thresholds, group_messages
from .heat import MIN_PEOPLE, HotIssue, describe_group
from .records import COLUMNS, Message, MessageTableError, messages_from_rows

__all__ = [
    "COLUMNS",
    "HotIssue",
    "HotIssueReport",
    "Message",
    "MessageTableError",
    "Thresholds",
    "find_hot_issues",
    "messages_from_rows",
]


@dataclass(frozen=True)
class HotIssueReport:
    issues: list[HotIssue]  # hottest first
    n_messages: int
    n_groups: int  # every group, including single messages


def find_hot_issues(
    messages: Sequence[Message], *, top: int | None = None, thresholds: Thresholds | None = None
) -> HotIssueReport:
    """Hot issues of ``messages``, hottest first (ties: more people, then earlier start); ``top`` keeps the first
    few. Groups written by fewer than ``MIN_PEOPLE`` distinct people are not hot issues."""
    if not messages:
        return HotIssueReport(issues=[], n_messages=0, n_groups=0)
    grouping = group_messages(messages, thresholds)
    issues: list[HotIssue] = []
    for members in grouping.groups:
        if len(members) < MIN_PEOPLE or len({messages[i].user or messages[i].id for i in members}) < MIN_PEOPLE:
            continue
        issues.append(describe_group(messages, members, places=grouping.places, keys=grouping.keys,
                                     vectors=grouping.vectors))
    issues.sort(key=lambda h: (-h.heat, -h.people, h.start))
    return HotIssueReport(issues=issues[:top] if top else issues, n_messages=len(messages),
                          n_groups=len(grouping.groups))
