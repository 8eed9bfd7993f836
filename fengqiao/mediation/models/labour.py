"""Labour disputes: the one-year limitation for arbitration (劳动争议调解仲裁法 第二十七条) with the inputs staff record,
and a referral to labour arbitration with its clocks and outcome (第二十九条、第四十三条、第四十八条、第五十条)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fengqiao.mediation.choices import ArbitrationOutcome


class LabourLimitation(models.Model):
    """What the limitation period is counted from, as staff recorded it (the dates the worker gives)."""

    case = models.OneToOneField("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE,
                                related_name="labour_limitation")
    knew_on = models.DateField(_("知道或者应当知道权利被侵害之日"))
    wage_arrears_in_employment = models.BooleanField(
        _("劳动关系存续期间因拖欠劳动报酬发生争议"), default=False,
        help_text=_("第二十七条第四款：不受一年时效限制；劳动关系终止的，自终止之日起一年内提出"),
    )
    employment_ended_on = models.DateField(_("劳动关系终止之日"), null=True, blank=True)
    interruptions = models.JSONField(
        _("时效中断"), default=list, blank=True,
        help_text=_("[{on, reason}]：向对方主张权利、向有关部门请求权利救济、对方同意履行义务之日（第二十七条第二款）"),
    )
    note = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("劳动争议仲裁时效")
        verbose_name_plural = _("劳动争议仲裁时效")

    def __str__(self) -> str:
        return f"{self.case_id} {self.knew_on}"


class ArbitrationReferral(models.Model):
    """A labour dispute sent (or taken by the worker) to a labour dispute arbitration commission."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="arbitration_referrals")
    mediation = models.ForeignKey("mediation.Mediation", verbose_name=_("调解"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="arbitration_referrals")
    commission = models.CharField(_("劳动人事争议仲裁委员会"), max_length=100)
    applied_on = models.DateField(_("仲裁委收到申请之日"))
    accept_due = models.DateField(_("受理决定期限"))
    accepted_on = models.DateField(_("受理之日"), null=True, blank=True)
    award_due = models.DateField(_("裁决期限"), null=True, blank=True)
    extended_on = models.DateField(_("批准延期之日"), null=True, blank=True)
    extension_note = models.CharField(_("延期说明"), max_length=300, blank=True)
    outcome = models.CharField(_("结果"), max_length=20, choices=ArbitrationOutcome.choices, blank=True)
    outcome_on = models.DateField(_("结果日期"), null=True, blank=True)
    award_received_on = models.DateField(_("收到裁决书之日"), null=True, blank=True)
    suit_due = models.DateField(_("起诉期限"), null=True, blank=True)
    calendar_warning = models.CharField(_("日历提示"), max_length=200, blank=True)
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("劳动仲裁")
        verbose_name_plural = _("劳动仲裁")
        ordering = ["case_id", "applied_on", "id"]

    def __str__(self) -> str:
        return f"{self.commission} {self.applied_on}"

    @property
    def is_open(self) -> bool:
        return not self.outcome
