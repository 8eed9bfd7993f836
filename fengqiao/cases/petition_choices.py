"""Choices of the petition (信访事项) records: the kind of matter, the stage and outcome of a written answer, and
how it reached the resident. The words follow 信访工作条例 (第二十九条 to 第三十二条, 第三十五条, 第三十六条)."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PetitionKind(models.TextChoices):
    CLAIM = "claim", _("申诉求决类")          # 第三十一条
    SUGGESTION = "suggestion", _("建议意见类")  # 第二十九条
    ACCUSATION = "accusation", _("检举控告类")  # 第三十条


class AnswerStage(models.TextChoices):
    ANSWER = "answer", _("书面答复（信访处理意见）")
    REVIEW = "review", _("复查意见")
    RE_REVIEW = "re_review", _("复核意见")


class AnswerOutcome(models.TextChoices):
    # 第三十二条: 予以支持 / 作出解释说明 / 不予支持
    SUPPORT = "support", _("支持")
    EXPLAIN = "explain", _("解释说明")
    NOT_SUPPORT = "not_support", _("不予支持")
    # 第二十九条: 采纳或者部分采纳，并予以回复 (or, after study, not adopted, with the reasons)
    ADOPTED = "adopted", _("采纳")
    PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("经研究论证未予采纳")


OUTCOMES_BY_KIND: dict[str, tuple[str, ...]] = {
    PetitionKind.CLAIM: (AnswerOutcome.SUPPORT, AnswerOutcome.EXPLAIN, AnswerOutcome.NOT_SUPPORT),
    PetitionKind.ACCUSATION: (AnswerOutcome.SUPPORT, AnswerOutcome.EXPLAIN, AnswerOutcome.NOT_SUPPORT),
    PetitionKind.SUGGESTION: (AnswerOutcome.ADOPTED, AnswerOutcome.PARTLY_ADOPTED, AnswerOutcome.NOT_ADOPTED),
}


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", _("当面送达")
    POST = "post", _("邮寄送达（以回执签收日期为准）")
    ELECTRONIC = "electronic", _("电子送达")
