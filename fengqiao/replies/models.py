"""A written answer (书面答复) to a case: drafted, checked against the request, then sent to the resident."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.replies.checks import CheckResult
from fengqiao.replies.choices import ReplyStatus

MAX_TEXT = 5000


class WrittenReply(models.Model):
    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="written_replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("起草人"), on_delete=models.PROTECT,
                               related_name="+")
    text = models.TextField(_("答复内容"))
    status = models.CharField(_("状态"), max_length=10, choices=ReplyStatus.choices, default=ReplyStatus.DRAFT)
    check_result = models.JSONField(_("检查结果"), default=dict, blank=True)
    checked_at = models.DateTimeField(_("检查时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("起草时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("修改时间"), default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("最后修改人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发送人"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    sent_anyway = models.BooleanField(_("未通过检查仍发送"), default=False)
    override_note = models.TextField(_("仍发送的理由"), blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    class Meta:
        verbose_name = _("书面答复")
        verbose_name_plural = _("书面答复")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(status="draft"), name="one_draft_reply_per_case"),
        ]
        indexes = [models.Index(fields=["case", "status"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_status_display()} {self.created_at:%Y-%m-%d}"

    @property
    def is_draft(self) -> bool:
        return self.status == ReplyStatus.DRAFT

    @property
    def check_outcome(self) -> CheckResult | None:
        return CheckResult.from_json(self.check_result)
