from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.IntegerChoices):
    COUNTY = 1, _("县（区）")
    STREET = 2, _("街道（乡镇）")
    COMMUNITY = 3, _("社区（村）")
    GRID = 4, _("网格")


LEVEL_BY_NAME = {
    "county": RegionLevel.COUNTY, "县": RegionLevel.COUNTY, "区": RegionLevel.COUNTY, "县（区）": RegionLevel.COUNTY,
    "street": RegionLevel.STREET, "town": RegionLevel.STREET, "街道": RegionLevel.STREET, "乡镇": RegionLevel.STREET,
    "镇": RegionLevel.STREET, "乡": RegionLevel.STREET, "街道（乡镇）": RegionLevel.STREET,
    "community": RegionLevel.COMMUNITY, "village": RegionLevel.COMMUNITY, "社区": RegionLevel.COMMUNITY,
    "村": RegionLevel.COMMUNITY, "社区（村）": RegionLevel.COMMUNITY,
    "grid": RegionLevel.GRID, "网格": RegionLevel.GRID,
}


class DepartmentKind(models.TextChoices):
    """What a department is, so that code asks about a kind rather than a word in its name."""

    OTHER = "other", _("行政部门或其他单位")
    POLICE = "police", _("公安机关（公安局、派出所）")
    JUSTICE = "justice", _("司法行政（司法局、司法所）")
    COURT = "court", _("人民法院")
