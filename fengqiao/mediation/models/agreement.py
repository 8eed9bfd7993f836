"""The mediation agreement (调解协议书), its judicial-confirmation window and the follow-up of its performance."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fengqiao.mediation.choices import (
    AgreementStatus,
    ConfirmationResult,
    InstalmentStatus,
    PerformanceResult,
)


class Agreement(models.Model):
    mediation = models.OneToOneField(
        "mediation.Mediation", verbose_name=_("调解"), on_delete=models.CASCADE, related_name="agreement"
    )
    number = models.CharField(_("编号"), max_length=60, unique=True)
    status = models.CharField(_("状态"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT)
    facts = models.TextField(_("纠纷事实"))
    terms = models.JSONField(_("协议内容"), default=list)
    performance_method = models.TextField(_("履行方式"))
    performance_deadline = models.DateField(_("履行期限"), null=True, blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("制作人"), on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(_("制作时间"))
    # 人民调解法 第29条: effective on the day all parties have signed and the committee has sealed it.
    signed_on = models.DateField(_("签署生效日期"), null=True, blank=True)
    signed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记生效人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    # 人民调解法 第33条; 民事诉讼法 第205条: joint application within 30 days of the agreement taking effect.
    judicial_confirmation_due = models.DateField(_("申请司法确认截止日"), null=True, blank=True, db_index=True)
    judicial_confirmation_warn_on = models.DateField(_("司法确认预警日"), null=True, blank=True)
    judicial_confirmation_basis = models.CharField(_("司法确认期限依据"), max_length=300, blank=True)
    calendar_warning = models.CharField(_("日历提示"), max_length=200, blank=True)
    confirmation_applied_on = models.DateField(_("申请司法确认日期"), null=True, blank=True)
    confirmation_court = models.CharField(_("受理法院"), max_length=100, blank=True)
    confirmation_result = models.CharField(
        _("司法确认结果"), max_length=12, choices=ConfirmationResult.choices, blank=True
    )
    confirmation_result_on = models.DateField(_("裁定日期"), null=True, blank=True)
    confirmation_note = models.TextField(_("司法确认说明"), blank=True)

    class Meta:
        verbose_name = _("调解协议书")
        verbose_name_plural = _("调解协议书")
        ordering = ["-drafted_at", "-id"]

    def __str__(self) -> str:
        return self.number

    @property
    def is_effective(self) -> bool:
        return self.status == AgreementStatus.EFFECTIVE


class Instalment(models.Model):
    """One performance obligation to follow up (履行回访): the whole agreement by one date, or an instalment."""

    agreement = models.ForeignKey(Agreement, verbose_name=_("调解协议"), on_delete=models.CASCADE, related_name="instalments")
    number = models.PositiveSmallIntegerField(_("期次"))
    description = models.CharField(_("履行内容"), max_length=300)
    due_on = models.DateField(_("履行期限"), db_index=True)
    status = models.CharField(_("履行情况"), max_length=16, choices=InstalmentStatus.choices, default=InstalmentStatus.PENDING)
    last_checked_on = models.DateField(_("最近回访日期"), null=True, blank=True)
    overdue_notified_at = models.DateTimeField(_("超期督办提醒时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("履行回访事项")
        verbose_name_plural = _("履行回访事项")
        ordering = ["agreement_id", "number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="unique_instalment_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.due_on} {self.description}"


class PerformanceCheck(models.Model):
    instalment = models.ForeignKey(Instalment, verbose_name=_("履行回访事项"), on_delete=models.CASCADE, related_name="checks")
    result = models.CharField(_("回访结果"), max_length=16, choices=PerformanceResult.choices)
    note = models.TextField(_("回访情况"), blank=True)
    checked_on = models.DateField(_("回访日期"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("回访人"), on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("履行回访记录")
        verbose_name_plural = _("履行回访记录")
        ordering = ["instalment_id", "checked_on", "id"]

    def __str__(self) -> str:
        return f"{self.checked_on} {self.get_result_display()}"
