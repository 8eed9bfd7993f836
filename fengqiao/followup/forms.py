"""Forms of the follow-up pages: shapes only; the services decide what is allowed."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fengqiao.followup.choices import Satisfaction, Settled
from fengqiao.followup.services.answers import RESIDENT_WORDS_MAX
from fengqiao.followup.services.common import MAX_WORDS

REACHED_CHOICES = [("yes", _("已联系上")), ("no", _("未联系上"))]


class CallForm(forms.Form):
    followup = forms.IntegerField(widget=forms.HiddenInput)
    reached = forms.ChoiceField(label=_("联系结果"), choices=REACHED_CHOICES, widget=forms.RadioSelect, initial="yes")
    called_at = forms.DateTimeField(
        label=_("回访时间"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"], help_text=_("留空表示现在。"),
    )
    settled = forms.ChoiceField(label=_("问题是否解决"), choices=Settled.choices, required=False, widget=forms.RadioSelect)
    satisfaction = forms.ChoiceField(label=_("满意程度"), choices=Satisfaction.choices, required=False,
                                     widget=forms.RadioSelect)
    resident_words = forms.CharField(label=_("群众原话"), required=False, max_length=MAX_WORDS,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label=_("备注"), required=False, max_length=MAX_WORDS, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("reached") == "yes":
            if not data.get("settled"):
                self.add_error("settled", _("联系上群众后，请记录问题是否解决。"))
            if not data.get("satisfaction"):
                self.add_error("satisfaction", _("联系上群众后，请记录满意程度。"))
        return data


class ReviewForm(forms.Form):
    followup = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("复核意见"), max_length=MAX_WORDS, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": _("请填写复核意见。")})


class OpenForm(forms.Form):
    """No fields: the button is the whole request."""


class RatingForm(forms.Form):
    settled = forms.ChoiceField(label=_("您反映的问题解决了吗？"), choices=Settled.choices, widget=forms.RadioSelect,
                                error_messages={"required": _("请选择问题是否已解决。")})
    satisfaction = forms.ChoiceField(label=_("您对办理结果满意吗？"), choices=Satisfaction.choices, widget=forms.RadioSelect,
                                     error_messages={"required": _("请选择满意程度。")})
    words = forms.CharField(label=_("还想说的话（选填）"), required=False, max_length=RESIDENT_WORDS_MAX,
                            widget=forms.Textarea(attrs={"rows": 3}))
