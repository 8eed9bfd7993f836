"""Oversight of a case: supervision notices (督办), a leader owning a major case (领导包案), escalation (上报)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.choices import ReplyStatus, SupervisionKind


class Supervision(models.Model):
    """One supervision notice about one step of a case (or one co-handler's task).

    Automatic notices are raised by the periodic overdue check, at most once per step and due date;
    formal notices are raised by center staff or a leader and ask for a written reply by a date."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="supervisions")
    kind = models.CharField(_("督办方式"), max_length=10, choices=SupervisionKind.choices)
    state = models.ForeignKey("cases.State", verbose_name=_("督办时环节"), on_delete=models.PROTECT, related_name="+")
    step_due_at = models.DateTimeField(_("督办时期限"), null=True, blank=True)
    assignment = models.ForeignKey(
        "cases.Assignment", verbose_name=_("协办任务"), null=True, blank=True, on_delete=models.CASCADE, related_name="supervisions"
    )
    to_department = models.ForeignKey(
        "regions.Department", verbose_name=_("督办对象部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("督办对象"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("督办人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("空表示系统自动督办"),
    )
    raised_at = models.DateTimeField(_("督办时间"), default=timezone.now)
    reason = models.TextField(_("督办事由"))
    reply_due = models.DateTimeField(_("回复期限"), null=True, blank=True)
    reply = models.TextField(_("书面回复"), blank=True)
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("回复人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed = models.BooleanField(_("已销号"), default=False)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("销号人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    close_note = models.TextField(_("销号说明"), blank=True)

    class Meta:
        verbose_name = _("督办")
        verbose_name_plural = _("督办")
        ordering = ["-raised_at", "-id"]
        indexes = [models.Index(fields=["closed", "reply_due"]), models.Index(fields=["to_user", "closed"])]
        constraints = [
            # One automatic notice per case step and due date, and per co-handler task and due date.
            models.UniqueConstraint(
                fields=["case", "state", "step_due_at"], condition=Q(kind="auto", assignment__isnull=True),
                name="one_auto_supervision_per_step",
            ),
            models.UniqueConstraint(
                fields=["assignment", "step_due_at"], condition=Q(kind="auto", assignment__isnull=False),
                name="one_auto_supervision_per_task",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_id} {self.raised_at:%Y-%m-%d}"

    @property
    def addressee_label(self) -> str:
        return " · ".join(str(p) for p in (self.to_department, self.to_user) if p is not None)

    def reply_status(self, now=None) -> str:
        if self.replied_at is not None:
            return ReplyStatus.REPLIED
        if self.reply_due is None:
            return ReplyStatus.NOT_ASKED
        if self.closed:
            return ReplyStatus.NOT_ASKED
        return ReplyStatus.OVERDUE if (now or timezone.now()) > self.reply_due else ReplyStatus.WAITING

    def get_reply_status_display(self) -> str:
        return str(ReplyStatus(self.reply_status()).label)


class LeaderCase(models.Model):
    """领导包案: a leader answers for a major case until released."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="leader_cases")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("包案领导"), on_delete=models.PROTECT, related_name="leader_cases")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("指定人"), on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("包案说明"), blank=True)
    active = models.BooleanField(_("有效"), default=True)
    created_at = models.DateTimeField(_("包案时间"), default=timezone.now)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("结束操作人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_note = models.TextField(_("结束说明"), blank=True)

    class Meta:
        verbose_name = _("领导包案")
        verbose_name_plural = _("领导包案")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["leader", "active"])]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(active=True), name="one_active_leader_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.leader} · {self.case_id}"


class Escalation(models.Model):
    """上报: the case's handling moves one administrative level up; the case's own region stays."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="escalations")
    from_region = models.ForeignKey("regions.Region", verbose_name=_("原承办层级"), on_delete=models.PROTECT, related_name="+")
    to_region = models.ForeignKey("regions.Region", verbose_name=_("上报至"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("上报理由"))
    escalated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上报人"), on_delete=models.PROTECT, related_name="+")
    escalated_at = models.DateTimeField(_("上报时间"), default=timezone.now)

    class Meta:
        verbose_name = _("上报")
        verbose_name_plural = _("上报")
        ordering = ["escalated_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_region} → {self.to_region}"
