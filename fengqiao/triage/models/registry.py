"""The model registry: trained text models on disk, one active version per kind."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fengqiao.triage.choices import ModelKind


class ModelVersion(models.Model):
    """A trained model directory (under VAR_DIR/models/ by default; never committed to the repository)."""

    kind = models.CharField(_("模型类型"), max_length=20, choices=ModelKind.choices)
    version = models.PositiveIntegerField(_("版本号"))
    path = models.CharField(_("模型目录"), max_length=500)
    training_summary = models.JSONField(_("训练数据概况"), default=dict, blank=True)
    metrics = models.JSONField(_("评估指标"), default=dict, blank=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("训练人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("训练时间"), auto_now_add=True)
    is_active = models.BooleanField(_("使用中"), default=False)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("启用人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activated_at = models.DateTimeField(_("启用时间"), null=True, blank=True)
    deactivated_at = models.DateTimeField(_("停用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("模型版本")
        verbose_name_plural = _("模型版本")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="triage_model_version_unique"),
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(is_active=True), name="triage_one_active_model_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"

    @property
    def label(self) -> str:
        return f"v{self.version}"
