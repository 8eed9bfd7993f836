"""Writes to the administrative tree and departments. Each is atomic and audited."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.core.errors import ValidationFailed
from fengqiao.core.tabular import read_table, require_columns
from fengqiao.regions.choices import LEVEL_BY_NAME, DepartmentKind, RegionLevel
from fengqiao.regions.models import Department, Region

REGION_COLUMNS = ["code", "name", "level", "parent_code"]
REGION_COLUMN_ALIASES = {"区划代码": "code", "代码": "code", "名称": "name", "层级": "level", "上级代码": "parent_code"}


@transaction.atomic
def region_create(*, acting_user, code: str, name: str, level: int, parent: Region | None = None) -> Region:
    _validate_level(level=level, parent=parent)
    if Region.objects.filter(code=code).exists():
        raise ValidationFailed(_("区划代码已存在：%(code)s") % {"code": code}, field_errors={"code": [_("已存在")]})
    region = Region(code=code, name=name, level=level, parent=parent)
    region.path = region.compute_path()
    region.save()
    audit_record(actor=acting_user, action="region.create", obj=region, after={"code": code, "name": name, "level": level})
    return region


@dataclass(frozen=True)
class RegionPlace:
    """Where a region is on the map: a point inside it and, optionally, its outline (a GeoJSON Polygon or
    MultiPolygon geometry in [longitude, latitude] order)."""

    latitude: Decimal
    longitude: Decimal
    boundary: dict | None = None


@transaction.atomic
def regions_locate(*, acting_user, places: Mapping[str, RegionPlace]) -> int:
    """Set the map point and outline of many regions by code in one write and one audit row; returns how many
    regions changed. Unknown codes and malformed coordinates or outlines are refused before anything is written."""
    regions = {r.code: r for r in Region.objects.filter(code__in=list(places))}
    unknown = sorted(set(places) - set(regions))
    if unknown:
        raise ValidationFailed(_("未知的区划代码：%(codes)s") % {"codes": "、".join(unknown[:5])},
                               field_errors={"code": [_("未知")]})
    for code, place in places.items():
        if not (-90 <= place.latitude <= 90 and -180 <= place.longitude <= 180):
            raise ValidationFailed(_("坐标超出范围：%(code)s") % {"code": code}, field_errors={"latitude": [_("超出范围")]})
        if place.boundary is not None and not _is_polygon(place.boundary):
            raise ValidationFailed(_("边界不是有效的 GeoJSON 多边形：%(code)s") % {"code": code},
                                   field_errors={"boundary": [_("格式不正确")]})
        region = regions[code]
        region.latitude, region.longitude, region.boundary = place.latitude, place.longitude, place.boundary
    Region.objects.bulk_update(regions.values(), ["latitude", "longitude", "boundary"], batch_size=200)
    audit_record(actor=acting_user, action="region.locate", object_type="regions.region",
                 after={"codes": sorted(regions), "outlines": sum(p.boundary is not None for p in places.values())})
    return len(regions)


def _is_polygon(geometry: object) -> bool:
    """A GeoJSON Polygon (rings of at least four [lng, lat] positions, each closed) or a MultiPolygon of them."""
    if not isinstance(geometry, dict):
        return False
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else None
    if not isinstance(polygons, list) or not polygons:
        return False
    for rings in polygons:
        if not isinstance(rings, list) or not rings:
            return False
        for ring in rings:
            if not isinstance(ring, list) or len(ring) < 4 or ring[0] != ring[-1]:
                return False
            for pos in ring:
                if not (isinstance(pos, list) and len(pos) == 2 and all(isinstance(v, int | float) for v in pos)
                        and -180 <= pos[0] <= 180 and -90 <= pos[1] <= 90):
                    return False
    return True


def _validate_level(*, level: int, parent: Region | None) -> None:
    if level not in RegionLevel.values:
        raise ValidationFailed(_("未知的层级：%(level)s") % {"level": level}, field_errors={"level": [_("未知的层级")]})
    if parent is None and level != RegionLevel.COUNTY:
        raise ValidationFailed(_("只有县（区）可以没有上级。"), field_errors={"parent_code": [_("缺少上级")]})
    if parent is not None and level != parent.level + 1:
        raise ValidationFailed(
            _("层级与上级不符：%(name)s") % {"name": parent.name}, field_errors={"level": [_("层级与上级不符")]}
        )


@dataclass
class RegionImportReport:
    created: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _level_from(value: str) -> int | None:
    value = (value or "").strip()
    if value.isdigit():
        return int(value)
    return LEVEL_BY_NAME.get(value.lower()) or LEVEL_BY_NAME.get(value)


def region_import(*, acting_user, data: bytes, filename: str, dry_run: bool = False) -> RegionImportReport:
    """Load regions from a CSV/XLSX file (columns code, name, level, parent_code; Chinese headers accepted).

    Every row is validated before anything is written; one bad row means nothing is saved.
    """
    table = read_table(data, filename)
    table.columns = [REGION_COLUMN_ALIASES.get(c, c) for c in table.columns]
    table.rows = [{REGION_COLUMN_ALIASES.get(k, k): v for k, v in row.items()} for row in table.rows]
    require_columns(table, REGION_COLUMNS)
    report = RegionImportReport(dry_run=dry_run)
    existing = {r.code: r for r in Region.objects.all()}
    planned: dict[str, tuple[str, int, str]] = {}
    for line_no, row in enumerate(table.rows, start=2):
        code, name, parent_code = row["code"], row["name"], row["parent_code"]
        level = _level_from(row["level"])
        if not code or not name:
            report.errors.append(_("第 %(line)d 行：代码和名称不能为空。") % {"line": line_no})
            continue
        if level is None or level not in RegionLevel.values:
            report.errors.append(_("第 %(line)d 行：未知的层级“%(level)s”。") % {"line": line_no, "level": row["level"]})
            continue
        if code in planned:
            report.errors.append(_("第 %(line)d 行：代码 %(code)s 重复。") % {"line": line_no, "code": code})
            continue
        if code in existing:
            if existing[code].name == name and existing[code].level == level:
                report.unchanged += 1
                continue
            report.errors.append(_("第 %(line)d 行：代码 %(code)s 已被其他区划使用。") % {"line": line_no, "code": code})
            continue
        parent_level = None
        if parent_code:
            if parent_code in planned:
                parent_level = planned[parent_code][1]
            elif parent_code in existing:
                parent_level = existing[parent_code].level
            else:
                report.errors.append(
                    _("第 %(line)d 行：未知的上级区划 %(parent)s。") % {"line": line_no, "parent": parent_code}
                )
                continue
        if (parent_level is None and level != RegionLevel.COUNTY) or (
            parent_level is not None and level != parent_level + 1
        ):
            report.errors.append(_("第 %(line)d 行：层级与上级不符。") % {"line": line_no})
            continue
        planned[code] = (name, level, parent_code)
    if report.errors or dry_run:
        report.created = 0 if report.errors else len(planned)
        return report
    with transaction.atomic():
        for code, (name, level, parent_code) in planned.items():
            parent = existing.get(parent_code) if parent_code else None
            region = Region(code=code, name=name, level=level, parent=parent)
            region.path = region.compute_path()
            region.save()
            existing[code] = region
        report.created = len(planned)
        audit_record(
            actor=acting_user,
            action="region.import",
            object_type="regions.region",
            object_id=filename[:60],
            after={"created": report.created, "unchanged": report.unchanged},
        )
    return report


@transaction.atomic
def department_create(
    *, acting_user, code: str, name: str, home_region: Region, covers: list[Region] | None = None,
    kind: str = DepartmentKind.OTHER,
) -> Department:
    if Department.objects.filter(code=code).exists():
        raise ValidationFailed(_("部门代码已存在：%(code)s") % {"code": code}, field_errors={"code": [_("已存在")]})
    if kind not in DepartmentKind.values:
        raise ValidationFailed(_("未知的部门类型：%(kind)s") % {"kind": kind}, field_errors={"kind": [_("无效")]})
    department = Department.objects.create(code=code, name=name, home_region=home_region, kind=kind)
    department.covers.set(covers or [home_region])
    audit_record(
        actor=acting_user,
        action="department.create",
        obj=department,
        after={"code": code, "name": name, "kind": kind, "home_region": home_region.code,
               "covers": [r.code for r in department.covers.all()]},
    )
    return department
