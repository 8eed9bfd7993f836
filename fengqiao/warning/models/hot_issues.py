"""Hot issues found by the daily scan: many people reporting the same concrete place and problem (the engine in
warning.engine.heat groups and ranks them; warning.services.hot_issues stores them and raises their alerts).
The hot issues page computes the viewer's own on demand; these rows are what the scan found for each county."""
from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HotIssue(models.Model):
    # The lowest region holding every case of the issue: whose leader hears of it.
    region = models.ForeignKey("regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    region_path = models.CharField(max_length=400, db_index=True, editable=False)
    place = models.CharField(_("地点"), max_length=200)
    problem = models.CharField(_("问题"), max_length=200)
    description = models.CharField(_("问题描述"), max_length=400, blank=True)
    started_at = models.DateTimeField(_("最早反映"))
    ended_at = models.DateTimeField(_("最近反映"))
    heat = models.FloatField(_("热度"))
    people = models.PositiveIntegerField(_("反映人数"))
    support = models.PositiveIntegerField(_("附议人数"), default=0)
    case_ids = models.JSONField(_("案件"), default=list)
    found_at = models.DateTimeField(_("首次发现"), default=timezone.now)
    last_found_at = models.DateTimeField(_("最近发现"), default=timezone.now)

    class Meta:
        verbose_name = _("热点问题")
        verbose_name_plural = _("热点问题")
        ordering = ["-last_found_at", "-heat"]
        constraints = [models.UniqueConstraint(fields=["region", "place", "problem"], name="warning_hot_issue_unique")]

    def __str__(self) -> str:
        return f"{self.place} {self.problem} {self.heat}"
