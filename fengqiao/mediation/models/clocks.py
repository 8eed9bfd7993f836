"""Legal clocks of mediation as editable rows, and the clocks a mediation has started."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.choices import DeadlineUnit
from fengqiao.mediation.choices import ClockKind


class ClockRule(models.Model):
    """How long a mediation clock runs and on what legal basis (seeded; an administrator may edit)."""

    kind = models.CharField(_("时限"), max_length=30, choices=ClockKind.choices, unique=True)
    duration = models.PositiveIntegerField(_("期限"))
    unit = models.CharField(_("单位"), max_length=20, choices=DeadlineUnit.choices, default=DeadlineUnit.CALENDAR_DAYS)
    roll_to_workday = models.BooleanField(
        _("末日遇节假日顺延"), default=False, help_text=_("勾选后，期限最后一日为休息日的，顺延至其后第一个工作日"),
    )
    warn_ratio = models.DecimalField(_("预警比例"), max_digits=3, decimal_places=2, default=0.80)
    dispute_type_codes = models.JSONField(
        _("适用纠纷类型"), default=list, blank=True, help_text=_("纠纷类型代码列表；留空表示全部类型"),
    )
    legal_basis = models.CharField(_("依据"), max_length=300)
    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("更新人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("调解时限规则")
        verbose_name_plural = _("调解时限规则")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.duration} {self.get_unit_display()}"

    def applies_to(self, dispute_type_code: str | None) -> bool:
        return not self.dispute_type_codes or (dispute_type_code or "") in self.dispute_type_codes


class MediationClock(models.Model):
    """A dated clock started by a mediation: the court's pre-filing mediation period after a referral
    (诉调对接), or the labour-dispute mediation period after which arbitration may be applied for."""

    mediation = models.ForeignKey("mediation.Mediation", verbose_name=_("调解"), on_delete=models.CASCADE, related_name="clocks")
    kind = models.CharField(_("时限"), max_length=30, choices=ClockKind.choices)
    start_on = models.DateField(_("起算日"))
    end_on = models.DateField(_("届满日"))
    warn_on = models.DateField(_("预警日"))
    duration = models.PositiveIntegerField(_("期限"))
    unit = models.CharField(_("单位"), max_length=20, choices=DeadlineUnit.choices)
    legal_basis = models.CharField(_("依据"), max_length=300)
    target_name = models.CharField(_("移送/申请机构"), max_length=100, blank=True)
    target_organisation = models.ForeignKey(
        "mediation.Organisation", verbose_name=_("接收调解组织"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    calendar_warning = models.CharField(_("日历提示"), max_length=200, blank=True)
    met_on = models.DateField(_("完成日期"), null=True, blank=True,
                              help_text=_("时限所等待的事项完成之日（如确认接受委派）；填写后显示为已完成"))
    overdue_notified_at = models.DateTimeField(_("超期督办提醒时间"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("调解时限")
        verbose_name_plural = _("调解时限")
        ordering = ["mediation_id", "start_on", "id"]
        constraints = [models.UniqueConstraint(fields=["mediation", "kind"], name="one_clock_of_a_kind_per_mediation")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_on} → {self.end_on}"
