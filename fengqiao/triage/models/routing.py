"""Routing as data: rules (category x region x process -> department and handling level), their change history,
and per-category settings (confidence threshold, dispute types that suggest the category)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fengqiao.triage.choices import HandlingLevel, RuleChangeKind

DEFAULT_THRESHOLD = Decimal("0.60")


class RoutingRule(models.Model):
    """Where a case goes. Empty fields match anything; among the active rules that match a case, the most
    specific wins: the deepest region first, then the one naming more of category, process and dispute type."""

    category = models.ForeignKey(
        "cases.Category",
        verbose_name=_("诉求类别"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空表示任意类别"),
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("适用区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("规则适用于该区划及其下级；留空表示全部区划"),
    )
    process = models.ForeignKey(
        "cases.Process",
        verbose_name=_("流程"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空表示任意流程"),
    )
    dispute_type = models.ForeignKey(
        "cases.DisputeType",
        verbose_name=_("纠纷类型"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空表示任意纠纷类型"),
    )
    department = models.ForeignKey(
        "regions.Department",
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空表示由处置层级所在的综治中心、社区或网格就地化解"),
    )
    handling_level = models.PositiveSmallIntegerField(
        _("处置层级"),
        choices=HandlingLevel.choices,
        default=HandlingLevel.COUNTY,
        help_text=_("能够化解该类事项的最低层级：小事不出村，大事不出镇"),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("分流规则")
        verbose_name_plural = _("分流规则")
        ordering = ["region__path", "category_id", "id"]
        indexes = [models.Index(fields=["is_active", "category"])]

    def __str__(self) -> str:
        from fengqiao.triage.routing import rule_label

        return rule_label(self)


class RoutingRuleChange(models.Model):
    """One change to a routing rule: what it was, what it became, who changed it and why. Append-only."""

    rule = models.ForeignKey(
        RoutingRule,
        verbose_name=_("分流规则"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )
    rule_number = models.PositiveIntegerField(_("规则编号"))
    kind = models.CharField(_("变更类型"), max_length=12, choices=RuleChangeKind.choices)
    before = models.JSONField(_("变更前"), null=True, blank=True)
    after = models.JSONField(_("变更后"), null=True, blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("修改说明"))
    created_at = models.DateTimeField(_("修改时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("分流规则变更记录")
        verbose_name_plural = _("分流规则变更记录")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.rule_number} {self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class CategorySetting(models.Model):
    """Per-category triage settings: below `threshold` a suggested category goes to the manual triage queue;
    `dispute_types` suggest this category while no category model is trained."""

    category = models.OneToOneField(
        "cases.Category", verbose_name=_("诉求类别"), on_delete=models.CASCADE, related_name="triage_setting"
    )
    threshold = models.DecimalField(
        _("置信度阈值"),
        max_digits=3,
        decimal_places=2,
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("模型置信度低于此值时转入中心人工分流队列"),
    )
    dispute_types = models.ManyToManyField(
        "cases.DisputeType",
        verbose_name=_("对应纠纷类型"),
        blank=True,
        related_name="+",
        help_text=_("尚未训练类别模型时，按这些纠纷类型推荐本类别"),
    )

    class Meta:
        verbose_name = _("类别分流设置")
        verbose_name_plural = _("类别分流设置")
        ordering = ["category_id"]

    def __str__(self) -> str:
        return str(self.category)
