"""The administrative tree (county > street/town > community/village > grid) and departments."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fengqiao.regions.choices import DepartmentKind, RegionLevel
from fengqiao.regions.paths import path_codes


class RegionQuerySet(models.QuerySet):
    def within(self, region: Region) -> RegionQuerySet:
        """The region and everything below it."""
        return self.filter(path__startswith=region.path)


class Region(models.Model):
    code = models.CharField(_("区划代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.PositiveSmallIntegerField(_("层级"), choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Materialised path of codes ("/3301/330101/…/"): "within" is one indexed prefix filter.
    path = models.CharField(_("路径"), max_length=400, db_index=True, editable=False)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    boundary = models.JSONField(_("边界 (GeoJSON)"), null=True, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else "/"
        return f"{prefix}{self.code}/"

    def ancestors(self) -> list[Region]:
        codes = path_codes(self.path)
        by_code = {r.code: r for r in Region.objects.filter(code__in=codes)}
        return [by_code[c] for c in codes if c in by_code]

    @property
    def full_name(self) -> str:
        return " / ".join(r.name for r in self.ancestors())

    def contains(self, other: Region) -> bool:
        return other.path.startswith(self.path)


class Department(models.Model):
    """A department or office that handles cases (人社局, 派出所, 司法所 ...), with the regions it covers."""

    code = models.CharField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    home_region = models.ForeignKey(
        Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="departments"
    )
    covers = models.ManyToManyField(Region, verbose_name=_("管辖区划"), related_name="covering_departments", blank=True)
    kind = models.CharField(
        _("类型"), max_length=10, choices=DepartmentKind.choices, default=DepartmentKind.OTHER, db_index=True
    )
    is_active = models.BooleanField(_("启用"), default=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["home_region__path", "name"]

    def __str__(self) -> str:
        return self.name
