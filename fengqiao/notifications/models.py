"""Notifications (one row per recipient), their deliveries per channel, preferences and the SMS log."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.notifications.choices import Channel, DeliveryStatus, Kind


class Notification(models.Model):
    """A message for one user. Title and body are stored masked (no full ID or phone numbers)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("类型"), max_length=40, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("案件"), null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    url = models.CharField(_("链接"), max_length=500, blank=True)
    urgent = models.BooleanField(_("紧急"), default=False)
    # False when the recipient switched the in-app channel off for this kind (the row still carries the
    # e-mail or SMS deliveries); such notifications stay out of the inbox and the unread count.
    in_inbox = models.BooleanField(_("显示在消息中心"), default=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, editable=False)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    # Notices of one kind from one sweep (or one day) share a key and show as one line of the inbox
    # (fengqiao.notifications.grouping); `group_url` is the filtered list that line links to.
    group_key = models.CharField(_("分组"), max_length=120, blank=True, default="")
    group_url = models.CharField(_("分组链接"), max_length=500, blank=True, default="")

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "in_inbox", "-created_at"], name="notif_inbox_idx"),
            models.Index(fields=["recipient", "in_inbox", "read_at"], name="notif_unread_idx"),
            models.Index(fields=["recipient", "group_key"], name="notif_group_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Delivery(models.Model):
    """One channel of one notification: every attempt to send it is counted here."""

    notification = models.ForeignKey(
        Notification, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    last_attempt_at = models.DateTimeField(_("最近尝试时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知投递")
        verbose_name_plural = _("通知投递")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="unique_delivery_per_channel"),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="delivery_status_idx")]

    def __str__(self) -> str:
        return f"{self.notification_id} · {self.get_channel_display()} · {self.get_status_display()}"


class NotificationPreference(models.Model):
    """A user's explicit choice for one kind on one channel; without a row the defaults apply."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("类型"), max_length=40, choices=Kind.choices)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(_("接收"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("通知设置")
        verbose_name_plural = _("通知设置")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "channel"], name="unique_notification_preference"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.get_channel_display()}"


class SmsLog(models.Model):
    """What the logging SMS backend would have sent: the masked number and the (masked) text."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    delivery = models.ForeignKey(
        Delivery, verbose_name=_("通知投递"), null=True, blank=True, on_delete=models.SET_NULL, related_name="sms_logs"
    )
    phone_masked = models.CharField(_("手机号（已脱敏）"), max_length=20)
    message = models.TextField(_("短信内容"))
    backend = models.CharField(_("发送通道"), max_length=200)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("短信记录")
        verbose_name_plural = _("短信记录")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.phone_masked} · {self.created_at:%Y-%m-%d %H:%M}"


class CaseVisit(models.Model):
    """When a user last opened a case's page: a case changed after it is "new" to them (我的待办's 新 mark)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="case_visits"
    )
    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="visits")
    seen_at = models.DateTimeField(_("最近查看时间"), default=timezone.now)

    class Meta:
        verbose_name = _("案件查看记录")
        verbose_name_plural = _("案件查看记录")
        constraints = [models.UniqueConstraint(fields=["user", "case"], name="unique_case_visit")]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.case_id} · {self.seen_at:%Y-%m-%d %H:%M}"
