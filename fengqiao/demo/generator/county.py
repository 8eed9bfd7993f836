"""The fictional demo county 青溪县: its administrative tree, departments and staff roster.

Everything here is plain data computed without the database, so the case generator can
refer to places, departments and people by code and username before anything is loaded.
The layout is fixed (it does not depend on the case seed): a second load finds the same county.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from decimal import Decimal

from fengqiao.demo.generator.boundaries import Place, as_decimal, geojson_polygon, outlines
from fengqiao.demo.generator.people import person_name

COUNTY_CODE = "990101"
COUNTY_NAME = "青溪县"
CENTRE = (29.352000, 119.627000)  # a fictional centre; nothing real lies under these numbers
DEMO_PREFIX = "demo-"
GRID_NUMERALS = ["一", "二", "三", "四", "五"]

# street code suffix, name, short name (for 派出所/司法所), username slug, kind, communities
STREETS: list[tuple[str, str, str, str, list[str]]] = [
    ("001", "青石街道", "青石", "qingshi", ["柳湾社区", "青石社区", "石板巷社区", "新河社区", "文昌社区"]),
    ("002", "锦华街道", "锦华", "jinhua", ["锦华苑社区", "锦华社区", "翠屏社区", "望江社区", "和平社区"]),
    ("101", "东坪镇", "东坪", "dongping", ["东坪村", "上坪村", "下坪村", "东坪社区", "龙潭村"]),
    ("102", "溪口镇", "溪口", "xikou", ["溪口村", "溪口社区", "桃源村", "竹坞村", "下塘村"]),
    ("103", "白沙镇", "白沙", "baisha", ["白沙村", "白沙社区", "沙洲村", "江湾村", "新塘村"]),
    ("201", "石桥乡", "石桥", "shiqiao", ["石桥村", "双溪村", "茶园村", "岭头村"]),
    ("202", "枫林乡", "枫林", "fenglin", ["枫林村", "岙里村", "梅坞村", "上洋村"]),
]

# County departments: code suffix, name, kind (regions.DepartmentKind). Street-level 派出所 and 司法所 are added
# per street.
COUNTY_DEPARTMENTS: list[tuple[str, str, str]] = [
    ("rsj", "县人社局", "other"),
    ("zjj", "县住建局", "other"),
    ("scjgj", "县市场监管局", "other"),
    ("sthjj", "县生态环境局", "other"),
    ("zrzyj", "县自然资源局", "other"),
    ("wjj", "县卫健局", "other"),
    ("jtysj", "县交通运输局", "other"),
    ("jyj", "县教育局", "other"),
    ("xfj", "县信访局", "other"),
    ("sfj", "县司法局", "justice"),
    ("fy", "县法院诉调对接中心", "court"),
    ("gaj", "县公安局", "police"),
    ("nyncj", "县农业农村局", "other"),
    ("mzj", "县民政局", "other"),
    ("zhzf", "县综合行政执法局", "other"),
]
STREET_DEPARTMENTS: list[tuple[str, str, str]] = [("pcs", "派出所", "police"), ("sfs", "司法所", "justice")]

# The seven accounts that can log in, one per role: (username, role, where, display name)
DEMO_ACCOUNTS: list[tuple[str, str, str, str]] = [
    ("demo-admin", "admin", "county", "周立群"),
    ("demo-leader", "leader", "county", "陈卫东"),
    ("demo-center", "center", "county", "林晓燕"),
    ("demo-grid", "grid_worker", "grid:柳湾社区:1", "吴海峰"),
    ("demo-mediator", "mediator", "street:青石街道", "郑桂芳"),
    ("demo-handler", "handler", "department:rsj", "徐志刚"),
    ("demo-counsellor", "counsellor", "county", "何静怡"),
]


@dataclass(frozen=True)
class RegionSpec:
    code: str
    name: str
    level: int
    parent_code: str
    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    home_code: str
    covers: tuple[str, ...]
    kind: str = "other"


@dataclass(frozen=True)
class StaffSpec:
    username: str
    display_name: str
    role: str
    region_code: str
    department_code: str = ""
    can_login: bool = False
    superuser: bool = False


@dataclass
class County:
    regions: list[RegionSpec] = field(default_factory=list)
    departments: list[DepartmentSpec] = field(default_factory=list)
    staff: list[StaffSpec] = field(default_factory=list)
    boundaries: dict[str, dict] = field(default_factory=dict)  # region code -> GeoJSON Polygon geometry

    def __post_init__(self) -> None:
        self.by_code: dict[str, RegionSpec] = {}
        self.children: dict[str, list[str]] = {}

    def index(self) -> None:
        self.by_code = {r.code: r for r in self.regions}
        self.children = {}
        for region in self.regions:
            if region.parent_code:
                self.children.setdefault(region.parent_code, []).append(region.code)
        self.department_by_code = {d.code: d for d in self.departments}
        self.staff_by_username = {s.username: s for s in self.staff}
        self._by_role: dict[tuple[str, str], list[str]] = {}
        for person in self.staff:
            key = (person.role, person.department_code or person.region_code)
            self._by_role.setdefault(key, []).append(person.username)

    # -- the tree -------------------------------------------------------------------------------
    def level(self, level: int) -> list[RegionSpec]:
        return [r for r in self.regions if r.level == level]

    def street_of(self, code: str) -> RegionSpec:
        region = self.by_code[code]
        while region.level > 2:
            region = self.by_code[region.parent_code]
        return region

    def community_of(self, code: str) -> RegionSpec:
        region = self.by_code[code]
        while region.level > 3:
            region = self.by_code[region.parent_code]
        return region

    def community_named(self, name: str) -> RegionSpec:
        return next(r for r in self.regions if r.level == 3 and r.name == name)

    def street_named(self, name: str) -> RegionSpec:
        return next(r for r in self.regions if r.level == 2 and r.name == name)

    def grids_of(self, community_code: str) -> list[str]:
        return self.children.get(community_code, [])

    def path_of(self, code: str) -> str:
        parts = []
        region = self.by_code[code]
        while True:
            parts.append(region.code)
            if not region.parent_code:
                break
            region = self.by_code[region.parent_code]
        return "/" + "/".join(reversed(parts)) + "/"

    # -- departments and people ------------------------------------------------------------------
    def department(self, key: str, region_code: str) -> str:
        """A department code from a topic's key: county-level keys as they are, `pcs`/`sfs` for the case's street."""
        if key in {k for k, _label, _kind in STREET_DEPARTMENTS}:
            return f"qx-{key}-{street_slug(self.street_of(region_code))}"
        return f"qx-{key}"

    def people(self, role: str, where: str) -> list[str]:
        return self._by_role.get((role, where), [])

    def grid_worker(self, grid_code: str) -> str:
        return self.people("grid_worker", grid_code)[0]

    def mediator(self, region_code: str) -> str:
        community = self.community_of(region_code)
        return self.people("mediator", community.code)[0]

    def street_center(self, region_code: str) -> list[str]:
        return self.people("center", self.street_of(region_code).code)

    def county_center(self) -> list[str]:
        return self.people("center", COUNTY_CODE)

    def handlers(self, department_code: str) -> list[str]:
        return self.people("handler", department_code)


SLUG_BY_STREET_CODE = {COUNTY_CODE + suffix: slug for suffix, _, _, slug, _ in STREETS}


def street_slug(street: RegionSpec) -> str:
    return SLUG_BY_STREET_CODE[street.code]


def _coord(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


def build_county() -> County:
    """The whole county, computed the same way every time."""
    rng = random.Random("qingxi-county-layout")
    county = County()
    lat0, lng0 = CENTRE
    county.regions.append(RegionSpec(COUNTY_CODE, COUNTY_NAME, 1, "", _coord(lat0), _coord(lng0)))
    for index, (suffix, street_name, short, _slug, communities) in enumerate(STREETS):
        street_code = COUNTY_CODE + suffix
        spread = 0.02 if street_name.endswith("街道") else 0.12
        s_lat = lat0 + rng.uniform(-spread, spread) + (0.01 * index if index < 2 else 0)
        s_lng = lng0 + rng.uniform(-spread, spread) * 1.2
        county.regions.append(RegionSpec(street_code, street_name, 2, COUNTY_CODE, _coord(s_lat), _coord(s_lng)))
        for c_index, community_name in enumerate(communities, start=1):
            community_code = f"{street_code}{c_index:03d}"
            c_lat = s_lat + rng.uniform(-0.015, 0.015)
            c_lng = s_lng + rng.uniform(-0.018, 0.018)
            county.regions.append(
                RegionSpec(community_code, community_name, 3, street_code, _coord(c_lat), _coord(c_lng))
            )
            for g_index, numeral in enumerate(GRID_NUMERALS, start=1):
                county.regions.append(
                    RegionSpec(
                        f"{community_code}{g_index:02d}",
                        f"{community_name}第{numeral}网格",
                        4,
                        community_code,
                        _coord(c_lat + rng.uniform(-0.003, 0.003)),
                        _coord(c_lng + rng.uniform(-0.003, 0.003)),
                    )
                )
        for key, label, kind in STREET_DEPARTMENTS:
            county.departments.append(
                DepartmentSpec(f"qx-{key}-{_slug}", f"{short}{label}", street_code, (street_code,), kind)
            )
    for key, name, kind in COUNTY_DEPARTMENTS:
        county.departments.append(DepartmentSpec(f"qx-{key}", name, COUNTY_CODE, (COUNTY_CODE,), kind))
    _outline(county)
    county.index()
    county.staff = _roster(county, rng)
    county.index()
    return county


def _outline(county: County) -> None:
    """Tile the county with outlines (demo.generator.boundaries) and move each region's point inside its own."""
    shapes = outlines([Place(r.code, r.parent_code, (float(r.longitude), float(r.latitude))) for r in county.regions])
    county.regions = [replace(r, longitude=as_decimal(shapes[r.code].centre[0]), latitude=as_decimal(shapes[r.code].centre[1]))
                      for r in county.regions]
    county.boundaries = {code: geojson_polygon(shape.ring) for code, shape in shapes.items()}


def _roster(county: County, rng: random.Random) -> list[StaffSpec]:
    staff: list[StaffSpec] = []
    taken: set[str] = set()

    def name() -> str:
        while True:
            candidate = person_name(rng)
            if candidate not in taken:
                taken.add(candidate)
                return candidate

    liuwan = county.community_named("柳湾社区")
    demo_grid = county.grids_of(liuwan.code)[0]
    qingshi = county.street_named("青石街道")
    for username, role, where, display in DEMO_ACCOUNTS:
        taken.add(display)
        region_code, department_code = COUNTY_CODE, ""
        if where.startswith("grid:"):
            region_code = demo_grid
        elif where.startswith("street:"):
            region_code = qingshi.code
        elif where.startswith("department:"):
            department_code = f"qx-{where.split(':')[1]}"
        staff.append(StaffSpec(username, display, role, region_code, department_code, True, role == "admin"))
    for i in range(1, 4):
        staff.append(StaffSpec(f"qx-center-{i}", name(), "center", COUNTY_CODE))
    staff.append(StaffSpec("qx-leader-1", name(), "leader", COUNTY_CODE))
    for i in range(1, 3):
        staff.append(StaffSpec(f"qx-counsellor-{i}", name(), "counsellor", COUNTY_CODE))
    for street in county.level(2):
        slug = street_slug(street)
        for i in range(1, 3):
            staff.append(StaffSpec(f"qx-{slug}-center-{i}", name(), "center", street.code))
        staff.append(StaffSpec(f"qx-{slug}-leader", name(), "leader", street.code))
    for community in county.level(3):
        staff.append(StaffSpec(f"qx-mediator-{community.code}", name(), "mediator", community.code))
    for grid in county.level(4):
        if grid.code != demo_grid:
            staff.append(StaffSpec(f"qx-grid-{grid.code}", name(), "grid_worker", grid.code))
    for department in county.departments:
        count = 2 if department.code == "qx-rsj" else 3
        for i in range(1, count + 1):
            staff.append(StaffSpec(f"{department.code}-{i}", name(), "handler", department.home_code, department.code))
    return staff
