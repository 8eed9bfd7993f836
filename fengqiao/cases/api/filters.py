"""Query parameters of the case list. They are parsed and checked here and filtered by the page's own rules:
`CaseFilter.filter_queryset` hands them to `fengqiao.cases.list_filters.filter_cases` as a `CaseFilters`."""
from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from fengqiao.cases.choices import StateKind
from fengqiao.cases.list_filters import MAX_QUERY_LENGTH, CaseFilters, PersonKeyField, filter_cases
from fengqiao.cases.models import Case, Category, DisputeType, Process, State
from fengqiao.intake.choices import Channel
from fengqiao.regions.models import Region


class StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0); anything else is an error rather than silently ignored."""

    widget = forms.TextInput

    def to_python(self, value: object) -> bool | None:
        text = str(value).strip().lower() if value is not None else ""
        if not text:
            return None
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise ValidationError(_("应为 true 或 false。"), code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class RelatedCodeFilter(django_filters.CharFilter):
    """A row of a lookup table named by its code; the cases that point at it (or at any row with that code)."""

    def __init__(self, *, model: type[Model], **kwargs: object) -> None:
        self.lookup_model = model
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def rows(self, value: str) -> QuerySet | None:
        """The rows with that code (None for no filter)."""
        return self.lookup_model.objects.filter(code=value) if value else None

    def filter(self, qs: QuerySet[Case], value: str) -> QuerySet[Case]:
        return filter_cases(qs, CaseFilters(**{self.field_name: self.rows(value)}))


class RegionCodeField(forms.CharField):
    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("max_length", Region._meta.get_field("code").max_length)
        super().__init__(**kwargs)

    def clean(self, value: object) -> Region | None:
        code = super().clean(value)
        if not code:
            return None
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise ValidationError(_("未知的区划代码“%(code)s”。"), code="invalid_choice", params={"code": code})
        return region


@extend_schema_field({"type": "string", "description": _("区划代码：该区划及其下级的案件")})
class RegionFilter(django_filters.Filter):
    """A region code: the cases of that region and every region below it."""

    field_class = RegionCodeField

    def filter(self, qs: QuerySet[Case], value: Region | None) -> QuerySet[Case]:
        return filter_cases(qs, CaseFilters(region=value))


@extend_schema_field({"type": "string", "description": _(
    "当事人的电话号码或证件号码（任意写法：空格、短横线、全角数字、+86/0086 前缀均可）：该当事人在您辖区内的案件")})
class PersonFilter(django_filters.Filter):
    """A phone or ID number in any spelling: the cases with a party of that number, matched by its keyed hash."""

    field_class = PersonKeyField

    def filter(self, qs: QuerySet[Case], value: str) -> QuerySet[Case]:
        return filter_cases(qs, CaseFilters(person=value or ""))


class CaseFilter(django_filters.FilterSet):
    state = RelatedCodeFilter(model=State, field_name="state", help_text=_("环节代码"))
    state_kind = django_filters.ChoiceFilter(choices=StateKind.choices)
    process = RelatedCodeFilter(model=Process, field_name="process", help_text=_("流程代码"))
    category = RelatedCodeFilter(model=Category, field_name="category", help_text=_("诉求类别代码"))
    dispute_type = RelatedCodeFilter(model=DisputeType, field_name="dispute_type", help_text=_("纠纷类型代码"))
    region = RegionFilter()
    channel = django_filters.ChoiceFilter(choices=Channel.choices)
    overdue = StrictBooleanFilter(help_text=_("true：已超期的在办案件（计时暂停的不算）；false：其余案件"))
    received_after = django_filters.DateFilter(help_text=_("收到日期不早于（YYYY-MM-DD）"))
    received_before = django_filters.DateFilter(help_text=_("收到日期不晚于（YYYY-MM-DD）"))
    q = django_filters.CharFilter(max_length=MAX_QUERY_LENGTH,
                                  help_text=_("在标题、诉求内容中查找；也可输入当事人姓名、电话号码、证件号码，案件编号、查询码或外部编号（工单号）"))
    person = PersonFilter()
    ordering = django_filters.OrderingFilter(
        fields=(("received_at", "received_at"), ("due_at", "due_at"), ("updated_at", "updated_at"),
                ("urgency", "urgency"), ("id", "id")),
        help_text=_("排序字段，前加 - 表示倒序"),
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def to_filters(self) -> CaseFilters:
        """The cleaned parameters as the list filters the staff page uses too."""
        data: dict[str, Any] = self.form.cleaned_data
        codes: dict[str, Model | QuerySet | None] = {
            name: self.filters[name].rows(data.get(name) or "") for name in ("state", "process", "category", "dispute_type")
        }
        return CaseFilters(
            **codes, state_kind=data.get("state_kind") or "", region=data.get("region"),
            channel=data.get("channel") or "", overdue=data.get("overdue"), received_from=data.get("received_after"),
            received_to=data.get("received_before"), text=data.get("q") or "", person=data.get("person") or "",
        )

    def filter_queryset(self, queryset: QuerySet[Case]) -> QuerySet[Case]:
        queryset = filter_cases(queryset, self.to_filters())
        return self.filters["ordering"].filter(queryset, self.form.cleaned_data.get("ordering"))
