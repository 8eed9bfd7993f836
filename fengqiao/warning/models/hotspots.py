"""Hotspots: a place and category whose cases of the last seven days rose above the place's own usual level
(warning.engine.hotspots holds the test; reports.services.hotspots feeds it the weekly counts)."""
from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Hotspot(models.Model):
    region = models.ForeignKey("regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    region_path = models.CharField(max_length=400, db_index=True, editable=False)
    category = models.ForeignKey("cases.Category", verbose_name=_("诉求类别"), on_delete=models.PROTECT,
                                 related_name="+")
    week_start = models.DateField(_("统计周起"))  # the first of the seven days tested
    week_end = models.DateField(_("统计周止"))
    count = models.PositiveIntegerField(_("本周案件数"))
    expected = models.FloatField(_("往常每周"))
    ratio = models.FloatField(_("倍数"))
    p_value = models.FloatField(_("偶然出现的概率"))
    baseline = models.JSONField(_("基线各周"), default=list)
    false_alarm_rate = models.FloatField(_("设定误报率"))
    found_at = models.DateTimeField(_("发现时间"), default=timezone.now)

    class Meta:
        verbose_name = _("热点区域")
        verbose_name_plural = _("热点区域")
        ordering = ["-week_end", "p_value"]
        constraints = [models.UniqueConstraint(fields=["region", "category", "week_end"],
                                               name="warning_hotspot_unique")]

    def __str__(self) -> str:
        return f"{self.week_end} {self.region_id} {self.category_id} x{self.ratio}"
