"""What happens to a case: assignments, the timeline, deadline extensions."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.choices import AssignmentRole, AssignmentStatus, EventKind, ExtensionStatus


class Assignment(models.Model):
    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(_("承办方式"), max_length=10, choices=AssignmentRole.choices)
    department = models.ForeignKey(
        "regions.Department", verbose_name=_("部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    status = models.CharField(_("状态"), max_length=12, choices=AssignmentStatus.choices, default=AssignmentStatus.ACTIVE)
    note = models.TextField(_("交办意见"), blank=True)
    # 协办任务: what a co-handler must do, by when.
    task = models.TextField(_("协办任务"), blank=True)
    due_at = models.DateTimeField(_("期限"), null=True, blank=True)
    # Who chose `due_at` when it is earlier than the rule's (a lead's due date set when 交办); empty: the rule's date.
    due_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("期限设定人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("交办人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("交办时间"), auto_now_add=True)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    end_note = models.TextField(_("结束说明"), blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("结束操作人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("交办")
        verbose_name_plural = _("交办")
        ordering = ["case_id", "created_at", "id"]
        indexes = [models.Index(fields=["user", "status"]), models.Index(fields=["department", "status"])]

    def __str__(self) -> str:
        who = self.user or self.department
        return f"{self.get_role_display()}: {who}"

    @property
    def due_chosen(self) -> bool:
        """True when a person chose the due date (earlier than the rule's); False when it is the rule's."""
        return self.due_set_by_id is not None

    @property
    def handler_label(self) -> str:
        parts = [str(p) for p in (self.department, self.user) if p is not None]
        return " · ".join(parts)


class CaseEvent(models.Model):
    """One line of a case's timeline; append-only."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("类型"), max_length=20, choices=EventKind.choices)
    action = models.CharField(_("动作"), max_length=40, blank=True)
    from_state = models.ForeignKey("cases.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_state = models.ForeignKey("cases.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("说明"), blank=True)
    public_note = models.TextField(_("对群众公开的说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.action}"


class DeadlineExtension(models.Model):
    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="extensions")
    state = models.ForeignKey("cases.State", verbose_name=_("环节"), on_delete=models.PROTECT, related_name="+")
    days = models.PositiveIntegerField(_("延长期限"))
    reason = models.TextField(_("延期理由"))
    status = models.CharField(_("状态"), max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审批人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.case_id} +{self.days} {self.get_status_display()}"
