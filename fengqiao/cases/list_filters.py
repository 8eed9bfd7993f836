"""The case list's filters: one set for the staff page (forms.CaseFilterForm) and the API (api.filters.CaseFilter).

Each cleans its own parameters into a `CaseFilters` and calls `filter_cases`, so the same filter selects the same
cases on both. Rows of the small lookup tables (state, process, category, dispute type) become `<fk> IN (SELECT id
...)` rather than joins, so the database can use the indexes on the case table's foreign keys.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.models import Case, Category, DisputeType, Party, Process, State
from fengqiao.core.lookup_keys import ID_NUMBER, PHONE, id_number_hash, phone_hash
from fengqiao.regions.models import Department, Region

REFERENCE_RE = re.compile(r"^FQ\d{4}-(\d{1,12})$", re.IGNORECASE)  # a case number as shown, FQ2026-000123
TRACKING_RE = re.compile(r"^[2-9A-HJ-NP-Z]{10}$")  # a 查询码, upper case
MAX_QUERY_LENGTH = 100
MAX_LISTED_CASES = 5000  # a person's cases read as a list of ids up to this many
# A person named by the keyed hash of a number (what the page carries instead of the number): "phone:<hex>"
PERSON_KEY_RE = re.compile(rf"^({PHONE}|{ID_NUMBER}):([0-9a-f]{{64}})$")
PERSON_HASH_FIELDS = {PHONE: "phone_hash", ID_NUMBER: "id_number_hash"}

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
    person: str = ""  # a person key (`person_key`): the cases with a party of that phone or ID number


def day_start(day: dt.date, *, days_later: int = 0) -> dt.datetime:
    day = min(max(day, EARLIEST_DAY), LATEST_DAY) + dt.timedelta(days=days_later)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def person_key(text: str) -> str:
    """"id:<hash>" or "phone:<hash>" when the text is an ID number or a phone number in any spelling (or already
    such a key); "" otherwise. The number itself goes no further than this function."""
    text = (text or "").strip()
    if PERSON_KEY_RE.match(text):
        return text
    digest = id_number_hash(text)
    if digest:
        return f"{ID_NUMBER}:{digest}"
    digest = phone_hash(text)
    return f"{PHONE}:{digest}" if digest else ""


def person_case_ids(key: str, *, work_order: str = "") -> list[int] | None:
    """The ids of the cases with a party whose phone or ID number has this key (and of those with this work-order
    number), read first through their indexes: a list of ids lets the case query use its primary key, where a
    subquery OR-ed with another condition has PostgreSQL walk the whole case table in date order. None when the
    number is on more than MAX_LISTED_CASES cases (a switchboard's number): the caller filters by subquery then."""
    match = PERSON_KEY_RE.match(key)
    ids: set[int] = set()
    if match:
        parties = Party.objects.filter(**{PERSON_HASH_FIELDS[match.group(1)]: match.group(2)})
        ids.update(parties.order_by().values_list("case_id", flat=True)[: MAX_LISTED_CASES + 1])
    if work_order:
        # unordered: ordered by date, SQLite would walk the date index instead of the work-order number's
        work_orders = Case.objects.filter(external_ref=work_order).order_by()
        ids.update(work_orders.values_list("pk", flat=True)[: MAX_LISTED_CASES + 1])
    return sorted(ids) if len(ids) <= MAX_LISTED_CASES else None


def person_q(key: str, *, work_order: str = "") -> Q:
    """The cases with a party whose phone or ID number has this key (or with this work-order number)."""
    ids = person_case_ids(key, work_order=work_order)
    if ids is not None:
        return Q(pk__in=ids)
    match = PERSON_KEY_RE.match(key)
    assert match is not None  # more ids than the limit came from the key
    parties = Party.objects.filter(**{PERSON_HASH_FIELDS[match.group(1)]: match.group(2)})
    q = Q(pk__in=parties.values("case_id"))
    return q | Q(external_ref=work_order) if work_order else q


def text_search_q(text: str) -> Q:
    """What the search box finds. A phone or ID number (any spelling): the cases of that person, by the keyed hash,
    or a work-order number spelled the same. Otherwise: title or narrative containing the text; a party of that
    name; the case number, the 查询码 (any case) or the external work-order number given whole."""
    text = text.strip()
    key = person_key(text)
    if key:
        return person_q(key, work_order=text)
    plain = unicodedata.normalize("NFKC", text).strip()
    work_order = Q(external_ref=text) | Q(external_ref=plain) if plain != text else Q(external_ref=text)
    q = Q(title__icontains=text) | Q(narrative__icontains=text) | work_order
    q |= Q(pk__in=Party.objects.filter(name=plain).values("case_id"))
    if TRACKING_RE.match(plain.upper()):
        q |= Q(tracking_code=plain.upper())
    reference = REFERENCE_RE.match(plain)
    if reference:
        q |= Q(pk=int(reference.group(1)))
    return q


class PersonKeyField(forms.CharField):
    """A phone or ID number in any spelling, or a person key; cleans to the key ("" when empty)."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value: object) -> str:
        text = super().clean(value)
        if not text:
            return ""
        key = person_key(text)
        if not key:
            raise ValidationError(_("无法识别的电话号码或证件号码（手机号请填11位，座机请带区号，身份证号请核对校验位）。"),
                                  code="invalid")
        return key


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
    if filters.person:
        qs = qs.filter(person_q(filters.person))
    return qs
