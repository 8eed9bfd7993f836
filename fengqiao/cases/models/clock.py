"""Pauses of a step's clock (e.g. 听证 time is not counted in the petition review clocks, 信访工作条例 Arts. 35-36)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.choices import DeadlineUnit


class PauseGround(models.Model):
    """A lawful ground for pausing a step's clock and the steps where the law allows it (e.g. 听证 only in 复核,
    信访工作条例 第三十六条第二款). A pause without a ground, or with one not allowed in the step, is refused."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("事由"), max_length=60)
    legal_basis = models.CharField(_("依据"), max_length=200)
    states = models.ManyToManyField("cases.State", verbose_name=_("适用环节"), related_name="pause_grounds", blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("暂停计时事由")
        verbose_name_plural = _("暂停计时事由")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class ClockPause(models.Model):
    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="clock_pauses")
    state = models.ForeignKey("cases.State", verbose_name=_("环节"), on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("暂停时间"))
    ended_at = models.DateTimeField(_("恢复时间"), null=True, blank=True)
    ground = models.ForeignKey(PauseGround, verbose_name=_("法定事由"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", help_text=_("空：本规则之前记录的暂停"))
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
