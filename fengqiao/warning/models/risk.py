"""Risk levels of open cases, the weights that score them (a row per version) and a person's overrides."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.warning.choices import RiskLevel


class RiskWeights(models.Model):
    """One version of the scoring weights; the newest row is in force. Rows are never edited: a change is a
    new version, so every assessment can say which weights produced it."""

    version = models.PositiveIntegerField(_("版本"), unique=True)
    weights = models.JSONField(_("权重与阈值"))
    note = models.CharField(_("修改说明"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("修改人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("生效时间"), default=timezone.now)

    class Meta:
        verbose_name = _("风险权重")
        verbose_name_plural = _("风险权重")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version}"


class RiskAssessment(models.Model):
    """The computed level of one open case, with its score and reasons (codes and values, shown as text)."""

    case = models.OneToOneField("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE,
                                related_name="risk_assessment")
    region_path = models.CharField(max_length=400, db_index=True, editable=False)
    level = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.NONE)
    score = models.PositiveIntegerField(_("风险分"), default=0)
    reasons = models.JSONField(_("理由"), default=list, blank=True)
    weights = models.ForeignKey(RiskWeights, verbose_name=_("所用权重"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    computed_at = models.DateTimeField(_("计算时间"), default=timezone.now)

    class Meta:
        verbose_name = _("风险研判")
        verbose_name_plural = _("风险研判")
        indexes = [models.Index(fields=["level", "region_path"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.level} {self.score}"


class RiskOverride(models.Model):
    """A person set the level of a case by hand, with a note. In force until cleared or the case closes."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="+")
    level = models.CharField(_("人工认定等级"), max_length=10, choices=RiskLevel.choices)
    note = models.TextField(_("理由"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("认定人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("认定时间"), default=timezone.now)
    cleared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("取消人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    cleared_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    clear_note = models.CharField(_("取消说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("风险等级人工认定")
        verbose_name_plural = _("风险等级人工认定")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["case"], condition=Q(cleared_at__isnull=True),
                                               name="warning_one_active_override")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.level}"

    @property
    def is_active(self) -> bool:
        return self.cleared_at is None
