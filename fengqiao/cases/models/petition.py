"""The records of a petition (信访事项) that the law asks for: its kind and, for an accusation, whom it accuses
(信访工作条例 第二十九条 to 第三十一条); each written answer, 复查 and 复核 opinion as a document with the body
that gave it, its outcome (第三十二条) and its delivery to the resident; and each 复查/复核 request with the day it
was received and the body chosen to review (第三十五条, 第三十六条)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.petition_choices import AnswerOutcome, AnswerStage, DeliveryMethod, PetitionKind


class PetitionDetail(models.Model):
    case = models.OneToOneField("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="petition")
    kind = models.CharField(_("信访事项类别"), max_length=20, choices=PetitionKind.choices, default=PetitionKind.CLAIM)
    # 检举控告: never routed to whom it accuses (第三十条第三款).
    accused_department = models.ForeignKey(
        "regions.Department", verbose_name=_("被检举控告的单位"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    accused_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("被检举控告的人员（本系统用户）"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    accused_name = models.CharField(_("被检举控告的人员或单位"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("信访事项信息")
        verbose_name_plural = _("信访事项信息")

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_kind_display()}"


class PetitionAnswer(models.Model):
    """A written answer (书面答复), 复查意见 or 复核意见, with its delivery record."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="petition_answers")
    stage = models.CharField(_("答复类别"), max_length=20, choices=AnswerStage.choices)
    body = models.ForeignKey("regions.Department", verbose_name=_("出具机关、单位"), on_delete=models.PROTECT,
                             related_name="+")
    text = models.TextField(_("答复正文"))
    outcome = models.CharField(_("处理意见"), max_length=20, choices=AnswerOutcome.choices)
    check_result = models.JSONField(_("发送前检查"), default=dict, blank=True)
    sent_anyway = models.BooleanField(_("未通过检查仍出具"), default=False)
    override_note = models.TextField(_("仍出具的理由"), blank=True)
    issued_at = models.DateTimeField(_("出具时间"), default=timezone.now)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("出具人"), null=True, on_delete=models.PROTECT,
                                  related_name="+")
    # Delivery (送达): the day the resident received it starts the window to ask for the next review.
    delivery_method = models.CharField(_("送达方式"), max_length=20, choices=DeliveryMethod.choices, blank=True)
    delivered_on = models.DateField(_("信访人收到日期"), null=True, blank=True)
    delivery_note = models.CharField(_("送达说明（如邮件单号）"), max_length=300, blank=True)
    delivery_recorded_at = models.DateTimeField(_("送达登记时间"), null=True, blank=True)
    delivery_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("送达登记人"), null=True,
                                             blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("信访书面答复")
        verbose_name_plural = _("信访书面答复")
        ordering = ["case_id", "issued_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_stage_display()} {self.body}"

    @property
    def is_delivered(self) -> bool:
        return self.delivered_on is not None


class PetitionReviewRequest(models.Model):
    """A request for 复查 (第三十五条) or 复核 (第三十六条): the day it was received and the body that reviews."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="petition_requests")
    stage = models.CharField(_("请求类别"), max_length=20, choices=AnswerStage.choices)
    # Empty only for a matter answered before answers were recorded as documents.
    answer = models.ForeignKey(PetitionAnswer, verbose_name=_("不服的答复"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("收到请求日期"))
    body = models.ForeignKey("regions.Department", verbose_name=_("复查/复核机关、单位"), on_delete=models.PROTECT,
                             related_name="+")
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("复查/复核请求")
        verbose_name_plural = _("复查/复核请求")
        ordering = ["case_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_stage_display()} {self.received_on}"
