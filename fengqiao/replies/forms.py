"""The answer editor's form: shapes only; the services decide what may be saved and sent."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fengqiao.replies.models import MAX_TEXT
from fengqiao.replies.services import MAX_OVERRIDE_NOTE


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("答复内容"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 9}),
        error_messages={"required": _("请填写答复内容。")},
        help_text=_("发送后作为对群众公开的办理记录，群众查询进度时可以看到（证件号、手机号自动脱敏）。"),
    )
    override_note = forms.CharField(
        label=_("仍要发送的理由"), required=False, max_length=MAX_OVERRIDE_NOTE, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("答复未通过检查时必填，理由记入内部办理记录和审计记录。"),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
