"""Forms of the follow-up pages: shapes only; the services decide what is allowed."""
from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import User
from fengqiao.cases.forms import RegionChoiceField
from fengqiao.cases.querysets import REGIONAL_ROLES
from fengqiao.followup.choices import Satisfaction, Settled
from fengqiao.followup.figures import BY_DEPARTMENT, BY_MONTH, BY_REGION
from fengqiao.followup.services.answers import RESIDENT_WORDS_MAX
from fengqiao.followup.services.common import MAX_WORDS
from fengqiao.regions.models import Department, Region

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


def _scoped_regions(user: User) -> QuerySet[Region]:
    if user.is_superuser:
        return Region.objects.order_by("path")
    paths = [m.region.path for m in user.active_memberships if m.role in REGIONAL_ROLES and m.region_id]
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(path__startswith=path)
    return Region.objects.filter(query).order_by("path")


class FiguresFilterForm(forms.Form):
    GROUPINGS = [(BY_DEPARTMENT, _("按部门")), (BY_REGION, _("按区划")), (BY_MONTH, _("按月份"))]

    group_by = forms.ChoiceField(label=_("统计口径"), choices=GROUPINGS, required=False, initial=BY_DEPARTMENT)
    region = RegionChoiceField(label=_("区划（含下级）"), queryset=Region.objects.none(), required=False, empty_label="—")
    department = forms.ModelChoiceField(label=_("部门"), queryset=Department.objects.filter(is_active=True).order_by("name"),
                                        required=False, empty_label="—")
    month = forms.CharField(label=_("月份"), required=False, widget=forms.TextInput(attrs={"type": "month"}),
                            help_text=_("留空表示全部月份。"))

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _scoped_regions(user)

    def clean_month(self) -> dt.date | None:
        value = (self.cleaned_data.get("month") or "").strip()
        if not value:
            return None
        try:
            return dt.datetime.strptime(value, "%Y-%m").date()
        except ValueError as exc:
            raise forms.ValidationError(_("月份格式应为 2026-03。")) from exc

    def clean_group_by(self) -> str:
        return self.cleaned_data.get("group_by") or BY_DEPARTMENT
