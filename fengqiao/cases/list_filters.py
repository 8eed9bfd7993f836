"""The case list's filters: one set for the staff page (forms.CaseFilterForm) and the API (api.filters.CaseFilter).

Each cleans its own parameters into a `CaseFilters` and calls `filter_cases`, so the same filter selects the same
cases on both. Rows of the small lookup tables (state, process, category, dispute type) become `<fk> IN (SELECT id
...)` rather than joins, so the database can use the indexes on the case table's foreign keys.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from fengqiao.cases.models import Case, Category, DisputeType, Process, State
from fengqiao.regions.models import Department, Region

REFERENCE_RE = re.compile(r"^FQ\d{4}-(\d{1,12})$", re.IGNORECASE)  # a case number as shown, FQ2026-000123
TRACKING_RE = re.compile(r"^[2-9A-HJ-NP-Z]{10}$")  # a 查询码, upper case
MAX_QUERY_LENGTH = 100

# Dates outside this span select nothing more than its ends would, and stay clear of datetime overflow.
EARLIEST_DAY, LATEST_DAY = dt.date(1900, 1, 1), dt.date(9000, 1, 1)


@dataclass
class CaseFilters:
    """Cleaned list filters. A lookup filter is one row (the page's selects) or the rows with a code (the API)."""

    state_kind: str = ""
    state: State | QuerySet[State] | None = None
    process: Process | QuerySet[Process] | None = None
    category: Category | QuerySet[Category] | None = None
    dispute_type: DisputeType | QuerySet[DisputeType] | None = None
    region: Region | None = None
    department: Department | None = None  # the lead (主办) department
    channel: str = ""
    overdue: bool | None = None  # True: only overdue cases; False: only the others; None: either
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    text: str = ""


def day_start(day: dt.date, *, days_later: int = 0) -> dt.datetime:
    day = min(max(day, EARLIEST_DAY), LATEST_DAY) + dt.timedelta(days=days_later)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def text_search_q(text: str) -> Q:
    """Title or narrative containing the text; or the case number, the 查询码 (any case) or the external
    work-order number given whole."""
    text = text.strip()
    q = Q(title__icontains=text) | Q(narrative__icontains=text) | Q(external_ref=text)
    if TRACKING_RE.match(text.upper()):
        q |= Q(tracking_code=text.upper())
    reference = REFERENCE_RE.match(text)
    if reference:
        q |= Q(pk=int(reference.group(1)))
    return q


def _one_of(qs: QuerySet[Case], field: str, value: Model | QuerySet | None) -> QuerySet[Case]:
    if value is None:
        return qs
    rows = value.values("pk") if isinstance(value, QuerySet) else [value.pk]
    return qs.filter(**{f"{field}__in": rows})


def filter_cases(qs: QuerySet[Case], filters: CaseFilters, *, now: dt.datetime | None = None) -> QuerySet[Case]:
    """Narrow `qs` (already scoped to the user) by the list filters. Ordering is the caller's."""
    qs = _one_of(qs, "state", filters.state)
    if filters.state_kind:
        qs = qs.filter(state__in=State.objects.filter(kind=filters.state_kind).values("pk"))
    qs = _one_of(qs, "process", filters.process)
    qs = _one_of(qs, "category", filters.category)
    qs = _one_of(qs, "dispute_type", filters.dispute_type)
    if filters.region is not None:
        qs = qs.filter(region_path__startswith=filters.region.path)
    if filters.department is not None:
        qs = qs.filter(lead_department_id=filters.department.pk)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.overdue is True:
        qs = qs.overdue(now)
    elif filters.overdue is False:
        qs = qs.not_overdue(now)
    if filters.received_from:
        qs = qs.filter(received_at__gte=day_start(filters.received_from))
    if filters.received_to:
        qs = qs.filter(received_at__lt=day_start(filters.received_to, days_later=1))
    if filters.text.strip():
        qs = qs.filter(text_search_q(filters.text))
    return qs
