"""Linked cases: the keys a case can be linked by, and the groups of cases those keys join (union-find)."""
from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.warning.choices import KeyKind


class MatterKey(models.Model):
    """One key of a case: a keyed hash of a person's ID or phone, of an organisation's normalised name or of the
    normalised address. `label` is what a page may show (an organisation's name; never a person's number)."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类型"), max_length=20, choices=KeyKind.choices)
    key = models.CharField(_("键"), max_length=40)
    label = models.CharField(_("显示"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("关联键")
        verbose_name_plural = _("关联键")
        constraints = [models.UniqueConstraint(fields=["case", "kind", "key"], name="warning_matter_key_unique")]
        indexes = [models.Index(fields=["kind", "key"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class Cluster(models.Model):
    """Cases linked by a shared person, organisation or place (open or recently closed)."""

    key = models.CharField(_("标识"), max_length=64, unique=True)
    title = models.CharField(_("名称"), max_length=200)
    kinds = models.JSONField(_("关联方式"), default=list)
    region = models.ForeignKey("regions.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT,
                               related_name="+")
    region_path = models.CharField(max_length=400, db_index=True, editable=False)
    size = models.PositiveIntegerField(_("案件数"), default=0)
    open_count = models.PositiveIntegerField(_("在办案件数"), default=0)
    active = models.BooleanField(_("有效"), default=True, db_index=True)
    first_seen = models.DateTimeField(_("首次发现"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        verbose_name = _("关联案件群")
        verbose_name_plural = _("关联案件群")
        ordering = ["-open_count", "-size", "-id"]

    def __str__(self) -> str:
        return self.title


class ClusterMember(models.Model):
    cluster = models.ForeignKey(Cluster, verbose_name=_("案件群"), on_delete=models.CASCADE, related_name="members")
    case = models.OneToOneField("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("案件群成员")
        verbose_name_plural = _("案件群成员")
        ordering = ["cluster_id", "case_id"]

    def __str__(self) -> str:
        return f"{self.cluster_id}:{self.case_id}"
