"""The alerts inbox: one row per thing to look at (a red risk, a cluster, later a hotspot or a hot issue)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.warning.choices import OPEN_ALERT_STATUSES, AlertKind, AlertStatus


class Alert(models.Model):
    """Generic: `kind`, what it is about (`subject_type` + `subject_id`), where (`region`), and `dedup_key`, which
    one open alert at most may hold: raising the same thing again counts it on the open alert instead."""

    kind = models.CharField(_("类型"), max_length=20, choices=AlertKind.choices)
    subject_type = models.CharField(_("对象类型"), max_length=40)
    subject_id = models.PositiveBigIntegerField(_("对象编号"))
    region = models.ForeignKey("regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    region_path = models.CharField(max_length=400, db_index=True, editable=False)
    dedup_key = models.CharField(_("去重键"), max_length=120)
    title = models.CharField(_("标题"), max_length=200)
    detail = models.JSONField(_("详情"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=15, choices=AlertStatus.choices, default=AlertStatus.NEW)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("责任人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    occurrences = models.PositiveIntegerField(_("触发次数"), default=1)
    raised_at = models.DateTimeField(_("首次触发"), default=timezone.now, db_index=True)
    last_raised_at = models.DateTimeField(_("最近触发"), default=timezone.now)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    note = models.TextField(_("处置情况或排除理由"), blank=True)

    class Meta:
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        ordering = ["-last_raised_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["dedup_key"], condition=Q(status__in=OPEN_ALERT_STATUSES),
                                               name="warning_one_open_alert_per_key")]
        indexes = [models.Index(fields=["status", "region_path"]), models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ALERT_STATUSES
