"""Forms of the triage pages and of the routing-rule admin."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.models import Case
from fengqiao.cases.selectors import departments_for_case
from fengqiao.triage.choices import LabelField
from fengqiao.triage.models import RoutingRule


class FeedbackForm(forms.Form):
    field = forms.ChoiceField(label=_("字段"), choices=LabelField.choices)
    chosen = forms.CharField(label=_("确定值"), max_length=60)
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class RouteForm(forms.Form):
    department = forms.ModelChoiceField(label=_("承办部门"), queryset=None, required=False)
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_for_case(case=case)


class QueueFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("显示"),
        required=False,
        choices=[("manual", _("需人工分流")), ("all", _("全部待分流"))],
    )


class RoutingRuleAdminForm(forms.ModelForm):
    """The admin's rule form: a note is required with every change (it goes to the change history)."""

    change_note = forms.CharField(
        label=_("修改说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("必填：为什么新增或修改这条规则（记入变更记录）"),
    )

    class Meta:
        model = RoutingRule
        fields = [
            "category",
            "region",
            "process",
            "dispute_type",
            "department",
            "handling_level",
            "is_active",
        ]
