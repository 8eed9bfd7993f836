"""The demo county's map outlines tile each parent, and every place's point lies in its own outline."""
from __future__ import annotations

import pytest

from fengqiao.demo.generator.boundaries import (
    Place,
    clip,
    contains,
    convex_hull,
    geojson_polygon,
    outlines,
    voronoi_cells,
)
from fengqiao.demo.generator.county import build_county


def _area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def test_every_region_has_a_closed_counter_clockwise_outline_holding_its_point():
    county = build_county()
    assert set(county.boundaries) == {r.code for r in county.regions}
    for region in county.regions:
        geometry = county.boundaries[region.code]
        assert geometry["type"] == "Polygon"
        ring = geometry["coordinates"][0]
        assert ring[0] == ring[-1] and len(ring) >= 4
        assert _area(ring) > 0  # counter-clockwise, as GeoJSON asks
        assert contains([tuple(p) for p in ring[:-1]], (float(region.longitude), float(region.latitude))), region.name


def test_the_children_of_each_region_cover_it_without_gaps_or_overlaps():
    county = build_county()
    for region in county.regions:
        kids = county.children.get(region.code, [])
        if not kids:
            continue
        whole = _area(county.boundaries[region.code]["coordinates"][0])
        parts = sum(_area(county.boundaries[k]["coordinates"][0]) for k in kids)
        assert parts == pytest.approx(whole, rel=1e-4), region.name  # six decimals of rounding, no more


def test_the_layout_is_the_same_on_every_build():
    assert build_county().boundaries == build_county().boundaries


def test_a_child_whose_centre_lies_outside_its_parent_is_pulled_inside():
    places = [Place("c", "", (0.5, 0.5)), Place("a", "c", (0.0, 0.0)), Place("b", "c", (1.0, 1.0)),
              Place("d", "c", (1.0, 0.0)), Place("x", "a", (5.0, 5.0))]
    shapes = outlines(places)
    assert contains(shapes["x"].ring, shapes["x"].centre)
    assert _area(shapes["x"].ring + shapes["x"].ring[:1]) == pytest.approx(_area(shapes["a"].ring + shapes["a"].ring[:1]))


def test_the_geometry_helpers():
    square = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
    assert convex_hull([(0, 0), (1, 0), (1, 1), (0, 1), (0.5, 0.5)]) == square
    assert clip(square, (1.0, 0.0), 0.5) == [(0.0, 0.0), (0.5, 0.0), (0.5, 1.0), (0.0, 1.0)]
    left, right = voronoi_cells(square, [(0.25, 0.5), (0.75, 0.5)])
    assert _area(left + left[:1]) == pytest.approx(0.5) and _area(right + right[:1]) == pytest.approx(0.5)
    assert geojson_polygon(square)["coordinates"][0][-1] == [0.0, 0.0]
    with pytest.raises(ValueError):
        outlines([Place("a", "", (0, 0)), Place("b", "", (1, 1))])
