"""Choices of the care app."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralKind(models.TextChoices):
    SELF_HARM = "self_harm", _("自伤、自杀风险")
    HARM_OTHERS = "harm_others", _("伤害他人风险")


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("待联系")
    CONTACTED = "contacted", _("已联系，跟进中")
    CLOSED = "closed", _("已结束")


ACTIVE_STATUSES = (ReferralStatus.OPEN, ReferralStatus.CONTACTED)


class ReferralSource(models.TextChoices):
    TRIAGE = "triage", _("智能识别")
    MANUAL = "manual", _("工作人员标记")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("电话")
    VISIT = "visit", _("上门或当面")


class HotlineScope(models.TextChoices):
    ALL = "all", _("所有危机")
    SELF_HARM = "self_harm", _("自伤、自杀风险")
    HARM_OTHERS = "harm_others", _("伤害他人风险")
