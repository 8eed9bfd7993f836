"""The heat index of a group of messages, and a group described as a hot issue.

Heat index (higher is hotter)::

    heat = 2·ln(1 + P) + ln(1 + V) + ln(1 + P / max(1, D / 30))

- P: distinct people who wrote (one person writing twenty times is one voice; the term counts double, since a
  hot issue is first of all many people),
- V: the support the messages drew (likes, or the co-applicants of a case) plus their dislikes, which show
  attention too,
- D: the days from the first message to the last (inclusive) of the middle 80% of the messages in time order
  (one stray message does not stretch the span); P / (D/30) is people per month, so the same number of people
  within a fortnight is hotter than over a year.

Logarithms keep a single message with two thousand likes from outranking sixty residents. Only groups written by
at least ``MIN_PEOPLE`` distinct people are hot issues.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .places import Place, normalise
from .problems import cluster_problem
from .records import Message

MIN_PEOPLE = 2
PEOPLE_WEIGHT = 2.0
MONTH_DAYS = 30
ACTIVE_SHARE = 0.8
DESCRIPTION_CHARS = 60
_AREA_RE = re.compile(r"(?:[A-Z]\d*|[\u4e00-\u9fff]{2,4}?)(?:区|县|市)(?![场民长])")


@dataclass(frozen=True)
class HotIssue:
    place: str
    problem: str
    description: str
    start: dt.datetime
    end: dt.datetime
    heat: float
    people: int
    support: int
    against: int
    member_message_ids: tuple[str, ...]
    members: tuple[int, ...]  # indexes into the engine's input, in time order

    def as_dict(self) -> dict[str, object]:
        return {
            "place": self.place,
            "problem": self.problem,
            "description": self.description,
            "start": self.start.isoformat(sep=" "),
            "end": self.end.isoformat(sep=" "),
            "heat": self.heat,
            "people": self.people,
            "messages": len(self.members),
            "support": self.support,
            "against": self.against,
            "member_message_ids": list(self.member_message_ids),
        }


def active_span_days(times: list[dt.datetime]) -> int:
    """Days covered by the middle ``ACTIVE_SHARE`` of ``times`` (sorted), so one stray early or late message
    does not stretch a fortnight's outcry over half a year."""
    drop = int(len(times) * (1 - ACTIVE_SHARE) / 2)
    kept = times[drop : len(times) - drop] or times
    return (kept[-1].date() - kept[0].date()).days + 1


def heat_index(*, people: int, votes: int, span_days: int) -> float:
    per_month = people / max(1.0, span_days / MONTH_DAYS)
    return round(PEOPLE_WEIGHT * math.log1p(people) + math.log1p(max(0, votes)) + math.log1p(per_month), 2)


def _place(
    messages: Sequence[Message], places: list[list[Place]], keys: list[set[str]], members: list[int], texts: list[str]
) -> str:
    """The place most members name (an estate before a road, a subject's place counting double), in its longest
    wording that at least half as many name as the commonest ("伊景园滨河苑" over "伊景园"); without one, the
    district most members name."""
    key_counts: Counter[str] = Counter()
    for index in members:
        subject = messages[index].subject
        weights = {p.key: p.weight * (2 if p.name in subject else 1) for p in places[index]}
        for key in keys[index]:
            key_counts[key] += weights.get(key, 2)
    if key_counts:
        best = key_counts.most_common(1)[0][0]
        names = Counter(p.name for i in members for p in places[i] if best in p.key or p.key in best)
        if not names:
            return best
        common = max(names.values())
        return max((n for n, c in names.items() if 2 * c >= common), key=lambda n: (len(n), names[n]))
    areas = Counter(a for t in texts for a in set(_AREA_RE.findall(t)))
    local = [(n, a) for a, n in areas.items() if not a.endswith("市")]
    if local:
        return max(local)[1]
    return areas.most_common(1)[0][0] if areas else ""


def _representative(vectors: sparse.csr_matrix, members: list[int]) -> int:
    block = vectors[members]
    centroid = np.asarray(block.sum(axis=0)).ravel()
    scores = block @ centroid
    return members[int(np.argmax(scores))]


def describe_group(
    messages: Sequence[Message], members: list[int], *, places: list[list[Place]], keys: list[set[str]],
    vectors: sparse.csr_matrix,
) -> HotIssue:
    ordered = sorted(members, key=lambda i: (messages[i].at, i))
    texts = [normalise(messages[i].text) for i in ordered]
    people = len({messages[i].user or f"#{messages[i].id}" for i in ordered})
    support = sum(messages[i].support for i in ordered)
    against = sum(messages[i].against for i in ordered)
    start, end = messages[ordered[0]].at, messages[ordered[-1]].at
    span_days = active_span_days([messages[i].at for i in ordered])
    place = _place(messages, places, keys, ordered, texts)
    problem = cluster_problem(texts, subjects=[messages[i].subject for i in ordered], exclude=[place] if place else [])
    lead = messages[_representative(vectors, ordered)]
    summary = normalise(lead.subject) or normalise(lead.detail)[:DESCRIPTION_CHARS]
    description = f"{place}{problem}：{summary}" if place else f"{problem}：{summary}"
    return HotIssue(
        place=place, problem=problem, description=description, start=start, end=end,
        heat=heat_index(people=people, votes=support + against, span_days=span_days), people=people,
        support=support, against=against, member_message_ids=tuple(messages[i].id for i in ordered),
        members=tuple(ordered),
    )
