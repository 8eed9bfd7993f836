"""Reads of the administrative tree that other apps share (the map's outlines)."""
from __future__ import annotations

from collections.abc import Iterable

from fengqiao.regions.models import Region
from fengqiao.regions.paths import common_ancestor_path


def region_outlines(*, regions: Iterable[Region]) -> dict:
    """A GeoJSON FeatureCollection of the regions that have an outline, each feature carrying the region's id,
    code, name and level as properties (`name` is what ECharts joins a map series' data on)."""
    features = []
    for region in regions:
        if not region.boundary:
            continue
        features.append({
            "type": "Feature",
            "id": region.code,
            "properties": {"id": region.pk, "code": region.code, "name": region.name, "level": region.level,
                           "cp": [float(region.longitude), float(region.latitude)]
                           if region.latitude is not None and region.longitude is not None else None},
            "geometry": region.boundary,
        })
    return {"type": "FeatureCollection", "features": features}


def region_children(*, region: Region) -> list[Region]:
    """The regions one level below `region`, by code."""
    return list(Region.objects.filter(parent=region).order_by("code"))


def lowest_common_region(*, paths: Iterable[str]) -> Region | None:
    """The lowest region holding every one of these region paths (None for none, or paths of no shared top)."""
    common = common_ancestor_path(paths)
    return Region.objects.filter(path=common).defer("boundary").first() if common else None
