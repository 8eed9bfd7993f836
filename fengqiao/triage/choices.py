"""Choices of the triage app: result states, suggestion sources, label fields, model kinds, handling levels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultStatus(models.TextChoices):
    PENDING = "pending", _("等待分析")
    DONE = "done", _("已完成")
    FAILED = "failed", _("分析失败")


class SuggestionSource(models.TextChoices):
    MODEL = "model", _("文本模型")
    DISPUTE_TYPE = "dispute_type", _("按纠纷类型推断")
    NONE = "none", _("无")


class LabelField(models.TextChoices):
    CATEGORY = "category", _("诉求类别")
    DISPUTE_TYPE = "dispute_type", _("纠纷类型")
    CRISIS = "crisis", _("危机言语")


class CrisisKind(models.TextChoices):
    SELF_HARM = "self_harm", _("自伤、自杀风险")
    HARM_OTHERS = "harm_others", _("伤害他人风险")


# The "no crisis" answer of a crisis label (a correction of a false alarm).
CRISIS_NONE = "none"


class ModelKind(models.TextChoices):
    CATEGORY = "category", _("诉求类别模型")
    DISPUTE_TYPE = "dispute_type", _("纠纷类型模型")
    CRISIS = "crisis", _("危机言语模型")


class HandlingLevel(models.IntegerChoices):
    """The level that should settle a case (小事不出村、大事不出镇): the same numbers as regions' levels."""

    COUNTY = 1, _("县（区）级")
    STREET = 2, _("街道（乡镇）级")
    COMMUNITY = 3, _("社区（村）级")
    GRID = 4, _("网格")


class RuleChangeKind(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DEACTIVATE = "deactivate", _("停用")
