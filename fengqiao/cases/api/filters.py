"""Query parameters of the case list.

Codes of small lookup tables (state, process, category, dispute type) become `<fk> IN (SELECT id ...)`
rather than joins, so the database can use the indexes on the case table's foreign keys.
"""
from __future__ import annotations

import datetime as dt
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case, Category, DisputeType, Process, State
from fengqiao.intake.choices import Channel
from fengqiao.regions.models import Region

REFERENCE_RE = re.compile(r"^FQ\d{4}-(\d{1,12})$", re.IGNORECASE)
TRACKING_RE = re.compile(r"^[2-9A-HJ-NP-Z]{10}$")
MAX_QUERY_LENGTH = 100

# Dates outside this span select nothing more than its ends would, and stay clear of datetime overflow.
EARLIEST_DAY, LATEST_DAY = dt.date(1900, 1, 1), dt.date(9000, 1, 1)


def _day_start(day: dt.date, *, days_later: int = 0) -> dt.datetime:
    day = min(max(day, EARLIEST_DAY), LATEST_DAY) + dt.timedelta(days=days_later)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _states_of_kind(kind: str) -> QuerySet[State]:
    return State.objects.filter(kind=kind).values("pk")


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

    def filter(self, qs: QuerySet[Case], value: str) -> QuerySet[Case]:
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": self.lookup_model.objects.filter(code=value).values("pk")})


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
        return qs.filter(region_path__startswith=value.path) if value else qs


class CaseFilter(django_filters.FilterSet):
    state = RelatedCodeFilter(model=State, field_name="state", help_text=_("环节代码"))
    state_kind = django_filters.ChoiceFilter(choices=StateKind.choices, method="filter_state_kind")
    process = RelatedCodeFilter(model=Process, field_name="process", help_text=_("流程代码"))
    category = RelatedCodeFilter(model=Category, field_name="category", help_text=_("诉求类别代码"))
    dispute_type = RelatedCodeFilter(model=DisputeType, field_name="dispute_type", help_text=_("纠纷类型代码"))
    region = RegionFilter()
    channel = django_filters.ChoiceFilter(choices=Channel.choices)
    overdue = StrictBooleanFilter(method="filter_overdue", help_text=_("true：已超期的在办案件；false：其余案件"))
    received_after = django_filters.DateFilter(method="filter_received_after", help_text=_("收到日期不早于（YYYY-MM-DD）"))
    received_before = django_filters.DateFilter(method="filter_received_before", help_text=_("收到日期不晚于（YYYY-MM-DD）"))
    q = django_filters.CharFilter(method="filter_text", max_length=MAX_QUERY_LENGTH,
                                  help_text=_("在标题、诉求内容中查找；也可输入案件编号、查询码或外部编号"))
    ordering = django_filters.OrderingFilter(
        fields=(("received_at", "received_at"), ("due_at", "due_at"), ("updated_at", "updated_at"),
                ("urgency", "urgency"), ("id", "id")),
        help_text=_("排序字段，前加 - 表示倒序"),
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_state_kind(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return queryset.filter(state__in=_states_of_kind(value)) if value else queryset

    def filter_overdue(self, queryset: QuerySet[Case], name: str, value: bool) -> QuerySet[Case]:
        if value is None:
            return queryset
        overdue = Q(state__in=_states_of_kind(StateKind.OPEN), due_at__lt=timezone.now())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_received_after(self, queryset: QuerySet[Case], name: str, value: dt.date) -> QuerySet[Case]:
        return queryset.filter(received_at__gte=_day_start(value)) if value else queryset

    def filter_received_before(self, queryset: QuerySet[Case], name: str, value: dt.date) -> QuerySet[Case]:
        return queryset.filter(received_at__lt=_day_start(value, days_later=1)) if value else queryset

    def filter_text(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        value = value.strip()
        if not value:
            return queryset
        reference = REFERENCE_RE.match(value)
        if reference:
            return queryset.filter(pk=int(reference.group(1)))
        match = Q(title__icontains=value) | Q(narrative__icontains=value) | Q(external_ref=value)
        if TRACKING_RE.match(value.upper()):
            match |= Q(tracking_code=value.upper())
        return queryset.filter(match)
