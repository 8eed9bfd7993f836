"""Kinds of notification, delivery channels and delivery states, and which kinds count as urgent."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CASE_ASSIGNED = "case_assigned", _("案件交办")
    DEADLINE_WARNING = "deadline_warning", _("期限临近")
    DEADLINE_OVERDUE = "deadline_overdue", _("案件超期")
    SUPERVISION = "supervision", _("督办")
    CRISIS_ALERT = "crisis_alert", _("危机预警")
    EXTENSION_DECIDED = "extension_decided", _("延期审批结果")
    MEDIATION_SESSION = "mediation_session", _("调解安排")
    FOLLOWUP_DUE = "followup_due", _("回访提醒")
    SYSTEM = "system", _("系统消息")


class Channel(models.TextChoices):
    INAPP = "inapp", _("站内消息")
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
    SKIPPED = "skipped", _("未发送")


# Urgent kinds: always shown in the inbox (the in-app channel cannot be switched off) and sent by SMS by default.
URGENT_KINDS: frozenset[str] = frozenset({Kind.CRISIS_ALERT, Kind.SUPERVISION})
# Kinds sent by e-mail by default (when the user has an address).
EMAIL_DEFAULT_KINDS: frozenset[str] = frozenset(
    {Kind.SUPERVISION, Kind.DEADLINE_WARNING, Kind.DEADLINE_OVERDUE, Kind.CRISIS_ALERT}
)
# Channels that leave the platform and therefore go through the task queue.
EXTERNAL_CHANNELS: tuple[str, ...] = (Channel.EMAIL, Channel.SMS)
