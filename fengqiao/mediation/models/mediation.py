"""A mediation of a case through one channel, and its sessions (调解会议)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fengqiao.mediation.choices import (
    Channel,
    CourtReferralKind,
    MediationStatus,
    Route,
    SessionOutcome,
    SessionStatus,
)


class MediationQuerySet(models.QuerySet):
    def visible_to(self, user) -> MediationQuerySet:
        """Mediations of the cases the user may see: the one scoping rule of the case app, reused."""
        from fengqiao.cases.models import Case

        return self.filter(case__in=Case.objects.visible_to(user).values("pk"))

    def active(self) -> MediationQuerySet:
        return self.filter(status=MediationStatus.ACTIVE)


class Mediation(models.Model):
    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.PROTECT, related_name="mediations")
    channel = models.CharField(_("调解方式"), max_length=20, choices=Channel.choices)
    organisation = models.ForeignKey(
        "mediation.Organisation", verbose_name=_("调解组织"), on_delete=models.PROTECT, related_name="mediations"
    )
    mediator = models.ForeignKey(
        "mediation.Mediator", verbose_name=_("调解员"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="mediations",
    )
    mediator_reason = models.CharField(_("指派理由"), max_length=300, blank=True)
    mediator_assigned_at = models.DateTimeField(_("指派时间"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=MediationStatus.choices, default=MediationStatus.ACTIVE)
    applied_on = models.DateField(_("申请（受理）调解日期"))
    note = models.TextField(_("说明"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("发起时间"))
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("结束操作人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # 人民调解法 第17条、第23条: a party may refuse mediation; the channel then ends.
    refused_by = models.ForeignKey(
        "cases.Party", verbose_name=_("拒绝调解的当事人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refused_on = models.DateField(_("拒绝日期"), null=True, blank=True)
    refusal_note = models.TextField(_("拒绝情况"), blank=True)
    # 人民调解法 第26条: a failed mediation ends with the parties told of arbitration, administrative and judicial routes.
    failure_reason = models.TextField(_("调解不成的原因"), blank=True)
    routes_offered = models.JSONField(_("已告知的途径"), default=list, blank=True)
    # 人民法院在线调解规则: a dispute the court sent here (委派 before filing, 委托 after); blank kind: not court-entrusted.
    court_referral_kind = models.CharField(_("法院委派/委托类型"), max_length=30, choices=CourtReferralKind.choices,
                                           blank=True)
    referring_court = models.CharField(_("委派/委托法院"), max_length=100, blank=True)
    court_applied_on = models.DateField(_("当事人向法院申请日期"), null=True, blank=True)
    court_received_on = models.DateField(_("收到委派/委托日期"), null=True, blank=True)
    court_accepted_on = models.DateField(_("确认接受委派/委托日期"), null=True, blank=True)

    objects = MediationQuerySet.as_manager()

    class Meta:
        verbose_name = _("调解")
        verbose_name_plural = _("调解")
        ordering = ["case_id", "started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status=MediationStatus.ACTIVE), name="one_active_mediation_per_case"
            ),
        ]
        indexes = [models.Index(fields=["mediator", "status"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.organisation}"

    @property
    def is_active(self) -> bool:
        return self.status == MediationStatus.ACTIVE

    @property
    def is_court_entrusted(self) -> bool:
        return bool(self.court_referral_kind)

    @property
    def routes_offered_labels(self) -> list[str]:
        return [str(Route(r).label) for r in self.routes_offered or [] if r in Route.values]


class MediationSession(models.Model):
    mediation = models.ForeignKey(Mediation, verbose_name=_("调解"), on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("次序"))
    scheduled_at = models.DateTimeField(_("时间"))
    place = models.CharField(_("地点"), max_length=200)
    party_participants = models.ManyToManyField(
        "cases.Party", verbose_name=_("参加的当事人"), related_name="+", blank=True
    )
    staff_participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("参加的工作人员"), related_name="+", blank=True
    )
    status = models.CharField(_("状态"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED)
    held_at = models.DateTimeField(_("实际举行时间"), null=True, blank=True)
    minutes = models.TextField(_("调解记录"), blank=True)
    attended_parties = models.ManyToManyField("cases.Party", verbose_name=_("到场当事人"), related_name="+", blank=True)
    attended_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("到场工作人员"), related_name="+", blank=True
    )
    outcome = models.CharField(_("结果"), max_length=20, choices=SessionOutcome.choices, blank=True)
    minuted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minuted_at = models.DateTimeField(_("记录时间"), null=True, blank=True)
    cancel_reason = models.CharField(_("取消原因"), max_length=300, blank=True)
    reminder_sent_at = models.DateTimeField(_("提醒发送时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("安排人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("安排时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("调解会议")
        verbose_name_plural = _("调解会议")
        ordering = ["mediation_id", "number"]
        constraints = [models.UniqueConstraint(fields=["mediation", "number"], name="unique_session_number")]
        indexes = [models.Index(fields=["status", "scheduled_at"])]

    def __str__(self) -> str:
        return f"#{self.number} {self.scheduled_at:%Y-%m-%d %H:%M}"
