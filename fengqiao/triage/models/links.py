"""A person's answer to "this may be the same matter as case X (closed after 复核)".

信访工作条例 第三十六条第三款: a petitioner who, after 复核, raises the same complaint on the same facts and reasons
is not accepted again. Whether a new matter has the same facts and reasons is a person's judgement: the machine
suggests a link from the matter (text, place, organisation), never from the person alone, and only a link a
staff member confirmed shows the note on the case page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SameMatterStatus(models.TextChoices):
    SUGGESTED = "suggested", _("待确认")
    CONFIRMED = "confirmed", _("已确认为同一事项")
    REJECTED = "rejected", _("已确认不是同一事项")


class SameMatterLink(models.Model):
    case = models.ForeignKey("cases.Case", verbose_name=_("新事项"), on_delete=models.CASCADE,
                             related_name="same_matter_links")
    earlier = models.ForeignKey("cases.Case", verbose_name=_("已复核终结的事项"), on_delete=models.CASCADE,
                                related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=SameMatterStatus.choices,
                              default=SameMatterStatus.SUGGESTED)
    score = models.FloatField(_("相似度"), default=0.0)
    reasons = models.JSONField(_("建议理由"), default=list, blank=True)
    suggested_at = models.DateTimeField(_("建议时间"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    # The reasons as text for the case page, set by triage.selectors.same_matter_for (not a column).
    reason_texts: list[str]

    class Meta:
        verbose_name = _("同一事项关联")
        verbose_name_plural = _("同一事项关联")
        ordering = ["-score", "-id"]
        constraints = [models.UniqueConstraint(fields=["case", "earlier"], name="triage_same_matter_unique")]

    def __str__(self) -> str:
        return f"{self.case_id} ~ {self.earlier_id} ({self.status})"
