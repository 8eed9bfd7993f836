"""Query parameters of the case list. Every filter is an indexed column or a cheap join."""
from __future__ import annotations

import datetime as dt
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case
from fengqiao.intake.choices import Channel
from fengqiao.regions.models import Region

REFERENCE_RE = re.compile(r"^FQ\d{4}-(\d{1,12})$", re.IGNORECASE)
MAX_QUERY_LENGTH = 100


# Dates outside this span select nothing more than its ends would, and stay clear of datetime overflow.
EARLIEST_DAY, LATEST_DAY = dt.date(1900, 1, 1), dt.date(9000, 1, 1)


def _day_start(day: dt.date, *, days_later: int = 0) -> dt.datetime:
    day = min(max(day, EARLIEST_DAY), LATEST_DAY) + dt.timedelta(days=days_later)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


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


@extend_schema_field({"type": "string", "description": "区划代码：该区划及其下级的案件"})
class RegionFilter(django_filters.Filter):
    """A region code: the cases of that region and every region below it."""

    field_class = RegionCodeField

    def filter(self, qs: QuerySet[Case], value: Region | None) -> QuerySet[Case]:
        return qs.filter(region_path__startswith=value.path) if value else qs


class CaseFilter(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="state__code", max_length=40, help_text="环节代码")
    state_kind = django_filters.ChoiceFilter(field_name="state__kind", choices=StateKind.choices)
    process = django_filters.CharFilter(field_name="process__code", max_length=40, help_text="流程代码")
    category = django_filters.CharFilter(field_name="category__code", max_length=40, help_text="诉求类别代码")
    dispute_type = django_filters.CharFilter(field_name="dispute_type__code", max_length=40, help_text="纠纷类型代码")
    region = RegionFilter()
    channel = django_filters.ChoiceFilter(choices=Channel.choices)
    overdue = StrictBooleanFilter(method="filter_overdue", help_text="true：已超期的在办案件；false：未超期的")
    received_after = django_filters.DateFilter(method="filter_received_after", help_text="收到日期不早于（YYYY-MM-DD）")
    received_before = django_filters.DateFilter(method="filter_received_before", help_text="收到日期不晚于（YYYY-MM-DD）")
    q = django_filters.CharFilter(method="filter_text", max_length=MAX_QUERY_LENGTH, help_text="在标题、诉求内容、编号中查找")
    ordering = django_filters.OrderingFilter(
        fields=(("received_at", "received_at"), ("due_at", "due_at"), ("updated_at", "updated_at"),
                ("urgency", "urgency"), ("id", "id")),
        help_text=_("排序字段，前加 - 表示倒序"),
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_overdue(self, queryset: QuerySet[Case], name: str, value: bool) -> QuerySet[Case]:
        if value is None:
            return queryset
        now = timezone.now()
        overdue = Q(state__kind=StateKind.OPEN, due_at__lt=now)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_received_after(self, queryset: QuerySet[Case], name: str, value: dt.date) -> QuerySet[Case]:
        return queryset.filter(received_at__gte=_day_start(value)) if value else queryset

    def filter_received_before(self, queryset: QuerySet[Case], name: str, value: dt.date) -> QuerySet[Case]:
        return queryset.filter(received_at__lt=_day_start(value, days_later=1)) if value else queryset

    def filter_text(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        value = value.strip()
        if not value:
            return queryset
        match = Q(title__icontains=value) | Q(narrative__icontains=value) | Q(external_ref=value)
        reference = REFERENCE_RE.match(value)
        if reference:
            match |= Q(pk=int(reference.group(1)))
        if len(value) == 10 and value.isalnum():
            match |= Q(tracking_code=value.upper())
        return queryset.filter(match)
