from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskLevel(models.TextChoices):
    RED = "red", _("红色")
    ORANGE = "orange", _("橙色")
    YELLOW = "yellow", _("黄色")
    NONE = "none", _("无")


class KeyKind(models.TextChoices):
    PERSON = "person", _("同一当事人")
    ORGANISATION = "organisation", _("同一单位")
    PLACE = "place", _("同一地点")


class AlertKind(models.TextChoices):
    RED_RISK = "red_risk", _("红色风险")
    CLUSTER = "cluster", _("关联案件群")
    HOTSPOT = "hotspot", _("热点区域")
    HOT_ISSUE = "hot_issue", _("热点问题")


class AlertStatus(models.TextChoices):
    NEW = "new", _("待处理")
    ACKNOWLEDGED = "acknowledged", _("已签收")
    ACTED = "acted", _("已处置")
    DISMISSED = "dismissed", _("已排除")


OPEN_ALERT_STATUSES = (AlertStatus.NEW, AlertStatus.ACKNOWLEDGED)
ALERT_ROLES = {"center", "leader", "admin"}  # who may see the alerts inbox and the cluster pages
