"""Matter keys and linking: which cases share a person, an organisation or a place. Pure Python.

Persons are compared by a keyed hash (HMAC-SHA256) of the normalised ID or phone number, never by the number
itself; organisations by their name without the legal-form suffixes (有限公司, 分公司 ...); places by the normalised
address, or — for a case without an address — by coordinates within `NEAR_METRES`.
"""
from __future__ import annotations

import hashlib
import hmac
import math
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

PERSON, ORGANISATION, PLACE = "person", "organisation", "place"
NEAR_METRES = 100.0
MIN_NAME = 4  # shorter normalised names ("某公司") link unrelated cases

_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
_LEGAL_FORM = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|合作社|个体工商户)")
_BRANCH = re.compile(r"(分公司|分店|分厂|项目部)$")
_NOISE = re.compile(r"[\s·,，.。:：;；\-—_/\\\"'“”‘’]+")
_ROOM = re.compile(r"(\d+)(?:号楼|幢|栋)")


def organisation_name(name: str) -> str:
    """"青溪宏达建筑劳务有限公司城东分公司" -> "青溪宏达建筑劳务"; "" when too short to tell organisations apart."""
    text = _BRACKETS.sub("", name or "")
    text = _NOISE.sub("", text)
    match = _LEGAL_FORM.search(text)  # the branch's own name follows the legal form: "…有限公司城东分公司"
    if match:
        text = text[: match.start()]
    text = _BRANCH.sub("", text)
    return text if len(text) >= MIN_NAME else ""


def address_text(address: str) -> str:
    """Spaces, punctuation and the wording of building numbers made alike ("3号楼" = "3幢" = "3栋")."""
    text = _NOISE.sub("", (address or "").replace("（", "(").replace("）", ")"))
    text = _BRACKETS.sub("", text)
    text = _ROOM.sub(r"\1幢", text)
    return text if len(text) >= 6 else ""


def keyed_hash(secret: bytes, kind: str, value: str) -> str:
    """The key stored and compared instead of the value: an HMAC, so a leaked table does not give numbers back."""
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:40]


def metres_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance of two (latitude, longitude) points."""
    lat1, lng1, lat2, lng2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(min(1.0, math.sqrt(h)))


def cell_of(point: tuple[float, float]) -> tuple[int, int]:
    """A grid cell of about 110 m: two points within NEAR_METRES are in the same or a neighbouring cell."""
    return int(math.floor(point[0] / 0.001)), int(math.floor(point[1] / 0.0012))


def neighbour_cells(cell: tuple[int, int]) -> list[tuple[int, int]]:
    return [(cell[0] + i, cell[1] + j) for i in (-1, 0, 1) for j in (-1, 0, 1)]


class UnionFind:
    """Disjoint sets with path halving and union by size."""

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}
        self.size: dict[Hashable, int] = {}

    def add(self, item: Hashable) -> None:
        if item not in self.parent:
            self.parent[item] = item
            self.size[item] = 1

    def find(self, item: Hashable) -> Hashable:
        self.add(item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]

    def groups(self) -> list[list[Hashable]]:
        out: dict[Hashable, list[Hashable]] = {}
        for item in self.parent:
            out.setdefault(self.find(item), []).append(item)
        return list(out.values())


@dataclass(frozen=True)
class CaseKeys:
    """What one case can be linked by: keyed hashes (kind, hash) and its point, if it has no address."""

    case_id: int
    keys: frozenset[tuple[str, str]]
    point: tuple[float, float] | None = None
    topic: str = ""  # the category or dispute type: points link only cases about the same kind of problem


def link_groups(cases: Iterable[CaseKeys]) -> list[list[int]]:
    """Connected groups (two cases or more) of cases sharing a key, or near each other on the same topic."""
    finder = UnionFind()
    first_with: dict[tuple[str, str], int] = {}
    cells: dict[tuple[int, int], list[CaseKeys]] = {}
    for case in cases:
        finder.add(case.case_id)
        for key in case.keys:
            if key in first_with:
                finder.union(first_with[key], case.case_id)
            else:
                first_with[key] = case.case_id
        if case.point is not None:
            cell = cell_of(case.point)
            for near in neighbour_cells(cell):
                for other in cells.get(near, []):
                    if other.topic == case.topic and metres_between(other.point, case.point) <= NEAR_METRES:  # type: ignore[arg-type]
                        finder.union(other.case_id, case.case_id)
            cells.setdefault(cell, []).append(case)
    return [sorted(int(i) for i in group) for group in finder.groups() if len(group) > 1]  # type: ignore[call-overload]
