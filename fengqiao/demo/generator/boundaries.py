"""Map outlines for the fictional demo county: every street, community and grid gets a polygon that tiles its parent.

The county is the convex hull of its places, widened a little; each level is cut into the Voronoi cells of its
children's centres, clipped to the parent's cell, so the children of one region cover it without gaps or overlaps
and every cell is convex (the intersection of the parent and half-planes). A centre that lies outside its parent's
cell is first pulled towards the parent's middle until it lies inside, and the region's point on the map is moved
there too, so a place's point always lies in its own outline.

Plain geometry on (longitude, latitude) pairs; rings follow GeoJSON (RFC 7946): counter-clockwise, closed, in
[longitude, latitude] order, six decimals.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

Point = tuple[float, float]  # (longitude, latitude)
Ring = list[Point]
COUNTY_MARGIN = 1.25  # the county outline is the hull of its places, this much wider about its middle
EPSILON = 1e-12


@dataclass(frozen=True)
class Place:
    code: str
    parent_code: str
    centre: Point


@dataclass(frozen=True)
class Outline:
    code: str
    centre: Point  # inside the ring
    ring: Ring  # counter-clockwise, not closed (see geojson_polygon)


def convex_hull(points: Sequence[Point]) -> Ring:
    """The hull of the points, counter-clockwise (Andrew's monotone chain)."""
    pts = sorted(set(points))
    if len(pts) < 3:
        raise ValueError("a hull needs three distinct points")

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: Ring = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: Ring = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def centroid(ring: Ring) -> Point:
    """The area centroid of a simple polygon."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        step = x0 * y1 - x1 * y0
        area += step
        cx += (x0 + x1) * step
        cy += (y0 + y1) * step
    if abs(area) < EPSILON:
        return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    return (cx / (3 * area), cy / (3 * area))


def clip(ring: Ring, a: Point, b: float) -> Ring:
    """The part of a convex polygon where a·p <= b (one Sutherland-Hodgman pass)."""
    out: Ring = []
    for p, q in zip(ring, ring[1:] + ring[:1], strict=True):
        fp = a[0] * p[0] + a[1] * p[1] - b
        fq = a[0] * q[0] + a[1] * q[1] - b
        if fp <= 0:
            out.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def contains(ring: Ring, point: Point) -> bool:
    """Whether a counter-clockwise convex polygon holds the point (its edge included)."""
    x, y = point
    return all((q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]) >= -EPSILON
               for p, q in zip(ring, ring[1:] + ring[:1], strict=True))


def pulled_inside(point: Point, ring: Ring) -> Point:
    """The point itself if the polygon holds it, else the point moved towards the polygon's middle until it does."""
    middle = centroid(ring)
    for _ in range(60):
        if contains(ring, point):
            return point
        point = (middle[0] + 0.7 * (point[0] - middle[0]), middle[1] + 0.7 * (point[1] - middle[1]))
    return middle


def voronoi_cells(parent: Ring, centres: Sequence[Point]) -> list[Ring]:
    """The cell of each centre within a convex parent: the points of the parent nearer to it than to the others."""
    cells = []
    for i, (xi, yi) in enumerate(centres):
        cell = parent
        for j, (xj, yj) in enumerate(centres):
            if i == j:
                continue
            # |p - ci|² <= |p - cj|²  <=>  2 (cj - ci)·p <= |cj|² - |ci|²
            cell = clip(cell, (2 * (xj - xi), 2 * (yj - yi)), xj * xj + yj * yj - xi * xi - yi * yi)
            if not cell:
                break
        cells.append(cell)
    return cells


def outlines(places: Sequence[Place]) -> dict[str, Outline]:
    """An outline for every place; the one place without a parent is the root (the county)."""
    roots = [p for p in places if not p.parent_code]
    if len(roots) != 1:
        raise ValueError("the places need exactly one root")
    children: dict[str, list[Place]] = {}
    for place in places:
        if place.parent_code:
            children.setdefault(place.parent_code, []).append(place)
    root = roots[0]
    hull = convex_hull([p.centre for p in places])
    middle = centroid(hull)
    ring = [(middle[0] + COUNTY_MARGIN * (x - middle[0]), middle[1] + COUNTY_MARGIN * (y - middle[1])) for x, y in hull]
    result = {root.code: Outline(root.code, pulled_inside(root.centre, ring), ring)}
    todo = [root.code]
    while todo:
        code = todo.pop()
        parent = result[code]
        kids = children.get(code, [])
        centres = _distinct([pulled_inside(k.centre, parent.ring) for k in kids])
        for kid, centre, cell in zip(kids, centres, voronoi_cells(parent.ring, centres), strict=True):
            result[kid.code] = Outline(kid.code, centre, cell)
            todo.append(kid.code)
    return result


def _distinct(points: list[Point]) -> list[Point]:
    """Nudge repeated centres apart (two children pulled onto the parent's middle would share one cell)."""
    seen: set[tuple[float, float]] = set()
    out = []
    for n, (x, y) in enumerate(points):
        while (round(x, 9), round(y, 9)) in seen:
            x, y = x + 1e-5 * (n + 1), y + 7e-6 * (n + 1)
        seen.add((round(x, 9), round(y, 9)))
        out.append((x, y))
    return out


def geojson_polygon(ring: Ring) -> dict:
    """A GeoJSON Polygon geometry from a counter-clockwise ring (closed here, six decimals)."""
    coords = [[round(x, 6), round(y, 6)] for x, y in ring]
    return {"type": "Polygon", "coordinates": [coords + coords[:1]]}


def as_decimal(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")
