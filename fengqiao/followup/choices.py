from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowUpStatus(models.TextChoices):
    PENDING = "pending", _("待回访")
    ANSWERED = "answered", _("已回访")
    SUPERSEDED = "superseded", _("已失效")  # the case went back to handling before anyone answered


class Settled(models.TextChoices):
    YES = "yes", _("已解决")
    NO = "no", _("未解决")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    FAIRLY = "fairly", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class AnswerChannel(models.TextChoices):
    CALL = "call", _("电话回访")
    PORTAL = "portal", _("群众网上评价")


class ReviewStatus(models.TextChoices):
    NONE = "", _("无需复核")
    REQUESTED = "requested", _("待中心复核")
    REOPENED = "reopened", _("已重新办理")
    DISMISSED = "dismissed", _("复核后不重新办理")


SATISFIED_VALUES = (Satisfaction.SATISFIED, Satisfaction.FAIRLY)
