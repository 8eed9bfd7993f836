"""Psychological-service referrals and crisis follow-up, and the hotlines shown with them."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.care.choices import (
    ACTIVE_STATUSES,
    ContactMethod,
    HotlineScope,
    ReferralKind,
    ReferralSource,
    ReferralStatus,
)


class Hotline(models.Model):
    """A crisis or help line shown on crisis cases (numbers are data: an administrator edits them)."""

    name = models.CharField(_("名称"), max_length=60)
    number = models.CharField(_("号码"), max_length=30)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    scope = models.CharField(_("适用"), max_length=20, choices=HotlineScope.choices, default=HotlineScope.ALL)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("援助热线")
        verbose_name_plural = _("援助热线")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.number}"


class Referral(models.Model):
    """A case handed to psychological care because of crisis language. Care, not suspicion: it records that
    someone may need support or that people may need protecting, never a verdict on a person."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="care_referrals")
    kind = models.CharField(_("类型"), max_length=20, choices=ReferralKind.choices)
    phrases = models.JSONField(_("触发的语句"), default=list, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=ReferralSource.choices, default=ReferralSource.TRIAGE)
    status = models.CharField(_("状态"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.OPEN)
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("心理咨询师/社工"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="care_referrals",
    )
    follow_up_on = models.DateField(_("下次跟进日期"), null=True, blank=True, db_index=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("标记人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("转介时间"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("结束人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    close_note = models.TextField(_("结束说明"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        verbose_name = _("心理关怀转介")
        verbose_name_plural = _("心理关怀转介")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"], condition=models.Q(status__in=ACTIVE_STATUSES),
                name="care_one_active_referral_per_case_and_kind",
            ),
        ]
        indexes = [models.Index(fields=["status", "opened_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.case_id}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def follow_up_due(self) -> bool:
        return self.is_active and self.follow_up_on is not None and self.follow_up_on <= timezone.localdate()


class ReferralContact(models.Model):
    """One attempt to reach the person: by whom, when, how, whether they were reached, the outcome, the
    safety plan and the next follow-up. Append-only."""

    referral = models.ForeignKey(Referral, verbose_name=_("转介"), on_delete=models.CASCADE, related_name="contacts")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("联系人"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("联系时间"))
    method = models.CharField(_("方式"), max_length=10, choices=ContactMethod.choices)
    reached = models.BooleanField(_("已联系上"))
    outcome = models.TextField(_("情况与处理"))
    safety_plan = models.TextField(_("安全计划"), blank=True)
    next_follow_up = models.DateField(_("下次跟进日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("联系记录")
        verbose_name_plural = _("联系记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.at:%Y-%m-%d %H:%M}"


class PoliceReport(models.Model):
    """A report to the police decided and written by a mediator or center officer on a case (人民调解法 第二十五条),
    never by the machine (个人信息保护法 第二十四条). Holds exactly what was sent, to whom, by whom and why.
    Append-only."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="police_reports")
    department = models.ForeignKey("regions.Department", verbose_name=_("公安机关"), on_delete=models.PROTECT,
                                   related_name="+")
    reason = models.TextField(_("报告理由"))
    title = models.CharField(_("发送标题"), max_length=200)
    message = models.TextField(_("发送内容"))
    recipients = models.JSONField(_("接收人"), default=list, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("报告人"), on_delete=models.PROTECT,
                                related_name="+")
    sent_at = models.DateTimeField(_("发送时间"), default=timezone.now)

    class Meta:
        verbose_name = _("报告公安机关")
        verbose_name_plural = _("报告公安机关")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.department_id} {self.sent_at:%Y-%m-%d %H:%M}"
