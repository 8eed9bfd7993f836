"""Follow-up (回访): after a case is resolved or closed, someone asks the resident whether the matter is settled
and how satisfied they are — by telephone (staff record each call) or on the portal (the resident answers)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.choices import DeadlineUnit
from fengqiao.followup.choices import AnswerChannel, FollowUpStatus, ReviewStatus, Satisfaction, Settled


class FollowUpRule(models.Model):
    """How soon a follow-up is due once a case is resolved: the process's own active rule, else the first active
    rule without a process."""

    process = models.OneToOneField("cases.Process", verbose_name=_("流程"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="+", help_text=_("留空表示全部流程"))
    duration = models.PositiveIntegerField(_("回访期限"), default=3)
    unit = models.CharField(_("单位"), max_length=20, choices=DeadlineUnit.choices, default=DeadlineUnit.WORKING_DAYS)
    lookback_days = models.PositiveIntegerField(
        _("追溯天数"), default=30,
        help_text=_("化解或办结超过这么多天的案件不再生成回访（例如导入的历史案件）。"),
    )
    legal_basis = models.CharField(_("依据"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("回访规则")
        verbose_name_plural = _("回访规则")
        ordering = ["process_id", "id"]

    def __str__(self) -> str:
        return f"{self.process or _('全部流程')} {self.duration} {self.get_unit_display()}"


class FollowUp(models.Model):
    """One follow-up for one resolution of a case (a case reopened and resolved again gets a new one)."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="followups")
    resolved_at = models.DateTimeField(_("化解/办结时间"))
    resolved_state = models.ForeignKey("cases.State", verbose_name=_("化解/办结环节"), on_delete=models.PROTECT,
                                       related_name="+")
    due_at = models.DateTimeField(_("回访期限"), db_index=True)
    status = models.CharField(_("状态"), max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.PENDING)
    answered_at = models.DateTimeField(_("回访完成时间"), null=True, blank=True, db_index=True)
    channel = models.CharField(_("回访方式"), max_length=10, choices=AnswerChannel.choices, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("回访人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    settled = models.CharField(_("是否解决"), max_length=4, choices=Settled.choices, blank=True)
    satisfaction = models.CharField(_("满意度"), max_length=14, choices=Satisfaction.choices, blank=True)
    resident_words = models.TextField(_("群众意见"), blank=True)
    review_status = models.CharField(_("复核"), max_length=10, choices=ReviewStatus.choices, blank=True, default="")
    review_requested_at = models.DateTimeField(_("申请复核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("复核人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    review_note = models.TextField(_("复核意见"), blank=True)
    created_at = models.DateTimeField(_("生成时间"), default=timezone.now)

    class Meta:
        verbose_name = _("回访")
        verbose_name_plural = _("回访")
        ordering = ["due_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "resolved_at"], name="one_followup_per_resolution")]
        indexes = [models.Index(fields=["status", "due_at"]), models.Index(fields=["review_status"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_status_display()} {self.due_at:%Y-%m-%d}"

    @property
    def is_pending(self) -> bool:
        return self.status == FollowUpStatus.PENDING

    @property
    def is_overdue(self) -> bool:
        return self.is_pending and timezone.now() > self.due_at

    @property
    def needs_review(self) -> bool:
        return self.review_status == ReviewStatus.REQUESTED


class FollowUpCall(models.Model):
    """One telephone attempt, reached or not; a reached call with the resident's answers completes the follow-up."""

    followup = models.ForeignKey(FollowUp, verbose_name=_("回访"), on_delete=models.CASCADE, related_name="calls")
    called_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("回访人"), on_delete=models.PROTECT,
                                  related_name="+")
    called_at = models.DateTimeField(_("回访时间"))
    reached = models.BooleanField(_("已联系上"))
    settled = models.CharField(_("是否解决"), max_length=4, choices=Settled.choices, blank=True)
    satisfaction = models.CharField(_("满意度"), max_length=14, choices=Satisfaction.choices, blank=True)
    resident_words = models.TextField(_("群众意见"), blank=True)
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    class Meta:
        verbose_name = _("回访电话")
        verbose_name_plural = _("回访电话")
        ordering = ["called_at", "id"]

    def __str__(self) -> str:
        return f"{self.followup_id} {self.called_at:%Y-%m-%d %H:%M} {'✓' if self.reached else '✗'}"
