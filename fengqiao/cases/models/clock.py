"""Pauses of a step's clock (e.g. 听证 time is not counted in the petition review clocks, 信访工作条例 Arts. 35-36)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.choices import DeadlineUnit


class ClockPause(models.Model):
    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="clock_pauses")
    state = models.ForeignKey("cases.State", verbose_name=_("环节"), on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("暂停时间"))
    ended_at = models.DateTimeField(_("恢复时间"), null=True, blank=True)
    reason = models.TextField(_("暂停理由"))
    end_note = models.TextField(_("恢复说明"), blank=True)
    unit = models.CharField(_("计时单位"), max_length=20, choices=DeadlineUnit.choices, blank=True)
    days_added = models.PositiveIntegerField(_("顺延天数"), default=0)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("暂停操作人"), on_delete=models.PROTECT, related_name="+")
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("恢复操作人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("计时暂停")
        verbose_name_plural = _("计时暂停")
        ordering = ["case_id", "started_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(ended_at__isnull=True), name="one_open_pause_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.started_at:%Y-%m-%d}"
