"""Written notices (告知书) of refusals and redirections: the channels each kind of notice may name (data, edited
by an administrator) and the notice a case received, frozen as written (who, when, reason, channel, text)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.choices import NoticeKind


class NoticeChannel(models.Model):
    """A channel or route a notice may tell the resident to use (诉讼、仲裁、行政复议、110 ...)."""

    notice_kind = models.CharField(_("告知书类型"), max_length=30, choices=NoticeKind.choices)
    code = models.SlugField(_("代码"), max_length=40)
    name = models.CharField(_("途径"), max_length=100)
    guidance = models.CharField(_("告知内容"), max_length=300, blank=True,
                                help_text=_("写入告知书：向何处、如何提出"))
    legal_basis = models.CharField(_("依据"), max_length=200, blank=True)
    needs_detail = models.BooleanField(_("须补充说明"), default=False,
                                       help_text=_("如“其他途径”：须写明具体机关、单位或途径"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("告知途径")
        verbose_name_plural = _("告知途径")
        ordering = ["notice_kind", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["notice_kind", "code"], name="unique_notice_channel")]

    def __str__(self) -> str:
        return self.name


class CaseNotice(models.Model):
    """One written notice given on a refusal or redirection step; never edited after it is issued."""

    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("类型"), max_length=30, choices=NoticeKind.choices)
    number = models.CharField(_("文号"), max_length=60)
    state = models.ForeignKey("cases.State", verbose_name=_("环节"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("理由"))
    channel = models.ForeignKey(NoticeChannel, verbose_name=_("告知途径"), on_delete=models.PROTECT, related_name="+")
    channel_name = models.CharField(_("途径"), max_length=100)
    channel_detail = models.CharField(_("具体去向"), max_length=300, blank=True)
    legal_basis = models.CharField(_("依据"), max_length=200, blank=True)
    text = models.TextField(_("告知书正文"))
    issuer = models.CharField(_("出具单位"), max_length=100)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("经办人"), on_delete=models.PROTECT,
                                  related_name="+")
    issued_at = models.DateTimeField(_("出具时间"))

    class Meta:
        verbose_name = _("告知书")
        verbose_name_plural = _("告知书")
        ordering = ["case_id", "issued_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
