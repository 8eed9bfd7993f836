"""What triage found for a case, the staff's answers to it, and the keys of the similar-case index."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.triage.choices import HandlingLevel, LabelField, ResultStatus, SuggestionSource


class TriageResult(models.Model):
    """One per case. Written by the triage task after the case is saved; `pending`/`failed` until it succeeds."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="triage_result"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=ResultStatus.choices, default=ResultStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("最近错误"), max_length=300, blank=True)
    category_model = models.ForeignKey(
        "triage.ModelVersion",
        verbose_name=_("所用类别模型"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    model_versions = models.JSONField(_("所用模型版本"), default=dict, blank=True)
    timings = models.JSONField(_("耗时（毫秒）"), default=dict, blank=True)

    category = models.ForeignKey(
        "cases.Category",
        verbose_name=_("推荐类别"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category_label = models.CharField(_("模型输出类别"), max_length=100, blank=True)
    category_confidence = models.FloatField(_("类别置信度"), null=True, blank=True)
    category_source = models.CharField(
        _("类别来源"), max_length=20, choices=SuggestionSource.choices, default=SuggestionSource.NONE
    )
    dispute_type = models.ForeignKey(
        "cases.DisputeType",
        verbose_name=_("推荐纠纷类型"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dispute_type_code = models.CharField(_("纠纷类型代码"), max_length=40, blank=True)
    dispute_type_confidence = models.FloatField(_("纠纷类型置信度"), null=True, blank=True)
    dispute_type_terms = models.JSONField(_("命中词语"), default=list, blank=True)

    entities = models.JSONField(_("提取的实体"), default=dict, blank=True)
    places = models.JSONField(_("对应区划"), default=list, blank=True)

    crisis = models.BooleanField(_("危机言语"), default=False, db_index=True)
    crisis_kind = models.CharField(_("危机类型"), max_length=20, blank=True)
    crisis_score = models.FloatField(_("危机评分"), default=0.0)
    crisis_reasons = models.JSONField(_("触发的语句"), default=list, blank=True)
    crisis_dispatched_at = models.DateTimeField(_("危机预警发出时间"), null=True, blank=True)

    similar = models.JSONField(_("相似案件"), default=list, blank=True)

    department = models.ForeignKey(
        "regions.Department",
        verbose_name=_("建议承办部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handling_level = models.PositiveSmallIntegerField(
        _("建议处置层级"), choices=HandlingLevel.choices, null=True, blank=True
    )
    routing_rule = models.ForeignKey(
        "triage.RoutingRule",
        verbose_name=_("适用分流规则"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    routing_label = models.CharField(_("分流规则说明"), max_length=300, blank=True)
    needs_manual = models.BooleanField(_("需人工分流"), default=False, db_index=True)
    manual_reasons = models.JSONField(_("转人工原因"), default=list, blank=True)

    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("最近开始"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("智能分流结果")
        verbose_name_plural = _("智能分流结果")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_status_display()}"

    @property
    def is_done(self) -> bool:
        return self.status == ResultStatus.DONE

    @property
    def category_percent(self) -> int | None:
        return None if self.category_confidence is None else round(self.category_confidence * 100)

    @property
    def dispute_type_percent(self) -> int | None:
        return None if self.dispute_type_confidence is None else round(self.dispute_type_confidence * 100)


class TriageLabel(models.Model):
    """A staff member's answer to a suggestion (accepted or corrected): a training label. Append-only."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="triage_labels"
    )
    field = models.CharField(_("字段"), max_length=20, choices=LabelField.choices)
    suggested = models.CharField(_("建议值"), max_length=60, blank=True)
    chosen = models.CharField(_("确定值"), max_length=60)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("分流标注")
        verbose_name_plural = _("分流标注")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["field", "at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.field}: {self.suggested or '-'} -> {self.chosen}"

    @property
    def accepted(self) -> bool:
        return self.suggested == self.chosen


class SimilarityKey(models.Model):
    """A lookup key of the similar-case index: MinHash band keys of the text, hashed party names, phones,
    ID numbers and places. Cases sharing a key are candidates; the engine ranks them."""

    class Kind(models.IntegerChoices):
        TEXT = 0, _("文本")
        ID_NUMBER = 1, _("身份证号")
        PHONE = 2, _("电话")
        PARTY = 3, _("当事人")
        PLACE = 4, _("地点")
        ORGANISATION = 5, _("单位")
        TOPIC = 6, _("话题词")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    key = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("相似案件索引键")
        verbose_name_plural = _("相似案件索引键")
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="triage_similarity_key_unique")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.kind}:{self.key}"
