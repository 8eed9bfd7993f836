"""Forms of the care pages."""
from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import User
from fengqiao.care.choices import ContactMethod

REACHED_CHOICES = [("yes", _("已联系上")), ("no", _("未联系上"))]


class ContactForm(forms.Form):
    at = forms.DateTimeField(label=_("联系时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                             input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"])
    method = forms.ChoiceField(label=_("方式"), choices=ContactMethod.choices, widget=forms.RadioSelect,
                               initial=ContactMethod.PHONE)
    reached = forms.ChoiceField(label=_("是否联系上"), choices=REACHED_CHOICES, widget=forms.RadioSelect, initial="yes")
    outcome = forms.CharField(label=_("情况与处理"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    safety_plan = forms.CharField(label=_("安全计划"), max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("与当事人商定的保护措施、可以求助的人和电话"))
    next_follow_up = forms.DateField(label=_("下次跟进日期"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class AssignForm(forms.Form):
    counsellor = forms.ModelChoiceField(label=_("心理咨询师/社工"), queryset=User.objects.none())

    def __init__(self, *args, counsellors: list[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = User.objects.filter(pk__in=[u.pk for u in counsellors])


class CloseForm(forms.Form):
    note = forms.CharField(label=_("结束说明"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("例如：当事人情绪平稳并有家人陪伴；已转介专业机构；经核实为误报"))


class ListFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[
        ("active", _("跟进中")), ("open", _("待联系")), ("contacted", _("已联系，跟进中")), ("closed", _("已结束")),
        ("all", _("全部")),
    ])
