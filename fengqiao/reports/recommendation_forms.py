"""The forms of the recommendations page (reports.services.recommendations checks everything again)."""
from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import User
from fengqiao.regions.models import Department, Region
from fengqiao.regions.paths import county_path
from fengqiao.reports import selectors
from fengqiao.reports.choices import RecommendationKind, RecommendationStatus
from fengqiao.reports.forms import region_choices


def departments_for(user: User) -> Any:
    """The active bodies of the counties of the user's jurisdiction."""
    counties = {county_path(root.path) for root in selectors.jurisdiction_roots(user=user)}
    within = Q(pk__in=[])
    for path in counties:
        within |= Q(home_region__path__startswith=path)
    return Department.objects.filter(within, is_active=True).order_by("home_region__path", "name")


class RecommendationForm(forms.Form):
    kind = forms.ChoiceField(label=_("建议类别"), choices=RecommendationKind.choices)
    addressed_to = forms.ModelChoiceField(label=_("建议对象（机关、单位）"), queryset=Department.objects.none(),
                                          error_messages={"invalid_choice": _("请选择本辖区启用中的机关、单位。")})
    region = forms.ChoiceField(label=_("区划"), error_messages={"invalid_choice": _("所选区划不在您的管辖范围内。")})
    made_on = forms.DateField(label=_("提出日期"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("建议内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["addressed_to"].queryset = departments_for(user)  # type: ignore[attr-defined]
        self.fields["region"].choices = region_choices(user)
        self.fields["made_on"].initial = timezone.localdate()

    def clean_region(self) -> Region:
        region = selectors.figures_region(user=self.user, code=self.cleaned_data.get("region") or "")
        if region is None:
            raise forms.ValidationError(_("所选区划不在您的管辖范围内。"))
        return region


class RecommendationDecisionForm(forms.Form):
    status = forms.ChoiceField(label=_("采纳情况"), choices=RecommendationStatus.choices)
    decided_on = forms.DateField(label=_("答复日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text=_("已采纳、部分采纳或未采纳时必填。"))
    decision_note = forms.CharField(label=_("采纳情况说明"), required=False, max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 3}))
