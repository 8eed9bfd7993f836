"""Place names in a case text, resolved onto our own region tree by name.

The engine resolves addresses to province / city / district with cpca; below the district only our Region
rows know the streets, towns, communities and villages. So each extracted address, and the free text, is
matched against the names of the regions of the case's county (street and community level; grid names such
as "第一网格" say nothing about a place). A region whose name, or whose name without its suffix followed by
another settlement word, appears in the text is a match; a match that is an ancestor of another is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fengqiao.regions.choices import RegionLevel
from fengqiao.regions.models import Region
from fengqiao.regions.paths import county_path

_SUFFIX_RE = re.compile(r"(街道办事处|街道|社区居委会|居委会|村委会|社区|镇|乡|村)$")
_SETTLEMENT = "(?:街道|社区|镇|乡|村|小区)"
MIN_CORE = 2


@dataclass(frozen=True)
class RegionName:
    id: int
    name: str
    level: int
    path: str
    pattern: re.Pattern[str]


def _pattern(name: str) -> re.Pattern[str]:
    core = _SUFFIX_RE.sub("", name)
    if len(core) >= MIN_CORE and core != name:
        return re.compile(f"{re.escape(name)}|{re.escape(core)}{_SETTLEMENT}")
    return re.compile(re.escape(name))


def region_names(root_path: str) -> list[RegionName]:
    rows = Region.objects.filter(
        path__startswith=root_path, level__in=[RegionLevel.COUNTY, RegionLevel.STREET, RegionLevel.COMMUNITY]
    ).values_list("id", "name", "level", "path")
    return [RegionName(i, n, lv, p, _pattern(n)) for i, n, lv, p in rows if len(n) >= MIN_CORE]


def _deepest(matches: list[RegionName]) -> list[RegionName]:
    return [m for m in matches if not any(o.path != m.path and o.path.startswith(m.path) for o in matches)]


def _as_dict(region: RegionName) -> dict[str, Any]:
    return {"region": region.id, "name": region.name, "level": region.level, "path": region.path}


def resolve_places(
    *, region_path: str, texts: list[str], addresses: list[dict[str, Any]]
) -> tuple[list[dict], list[dict]]:
    """(addresses with the region each resolves to, or None; the regions named anywhere in `texts`)."""
    names = region_names(county_path(region_path))
    resolved = []
    for address in addresses:
        probe = f"{address.get('text', '')}{address.get('detail', '')}"
        hits = _deepest([r for r in names if r.pattern.search(probe)])
        best = max(hits, key=lambda r: r.level) if hits else None
        resolved.append({**address, "region": _as_dict(best) if best else None})
    joined = "\n".join(t for t in texts if t)
    places = _deepest([r for r in names if r.pattern.search(joined)])
    for address in resolved:
        region = address["region"]
        if region and not any(p.id == region["region"] for p in places):
            places.append(next(r for r in names if r.id == region["region"]))
    places = _deepest(places)
    return resolved, [_as_dict(p) for p in sorted(places, key=lambda r: r.path)]
