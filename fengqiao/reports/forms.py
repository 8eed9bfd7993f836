"""The form that asks for a report document (reports.services.documents.report_request checks it again)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import User
from fengqiao.regions.models import Region
from fengqiao.reports import selectors
from fengqiao.reports.choices import ReportFormat, ReportKind
from fengqiao.reports.periods import month_of


def region_choices(user: User) -> list[tuple[str, str]]:
    """The highest regions of the user's jurisdiction, each followed by the regions one level down."""
    roots = selectors.jurisdiction_roots(user=user)
    children: dict[int, list[Region]] = {}
    for child in Region.objects.filter(parent__in=roots).defer("boundary").order_by("code"):
        children.setdefault(child.parent_id or 0, []).append(child)
    choices: list[tuple[str, str]] = []
    for root in roots:
        choices.append((root.code, root.name))
        choices += [(child.code, f"　{child.name}") for child in children.get(root.pk, [])]
    return choices


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("报表类型"), choices=ReportKind.choices)
    period = forms.CharField(label=_("统计期间"), max_length=10,
                             help_text=_("月报写成 2026-03，季报写成 2026-Q3，信访情况年度报告写成 2026。"))
    region = forms.ChoiceField(label=_("区划"), required=False,
                               error_messages={"invalid_choice": _("所选区划不在您的管辖范围内。")})
    file_format = forms.ChoiceField(label=_("文件格式"), choices=ReportFormat.choices, initial=ReportFormat.XLSX)
    other_matters = forms.CharField(
        label=_("其他应当报告的事项"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("仅信访情况年度报告（信访工作条例第四十一条第四项），可不填；照录于报告中。"))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["region"].choices = [("", _("全部辖区")), *region_choices(user)]
        last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
        self.fields["period"].initial = month_of(last_month)

    def clean_region(self) -> Region | None:
        code = self.cleaned_data.get("region") or ""
        if not code:
            return None
        region = selectors.figures_region(user=self.user, code=code)
        if region is None:
            raise forms.ValidationError(_("所选区划不在您的管辖范围内。"))
        return region
