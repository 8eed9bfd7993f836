"""The four figures of 接诉即办 考评 (北京市接诉即办工作条例 第三十二条: 响应率、解决率、满意率, and the on-time
rate), per department, per region or per month, over the cases a user may see.

- response rate (响应率): of the cases received in the period whose first step is over or overdue, the share
  that left their first step (accepted, dispatched or settled on the spot) by that step's due date;
- settlement rate (解决率): of the follow-ups answered in the period, the share answered 已解决;
- satisfaction rate (满意率): of the same follow-ups, the share answered 满意 or 基本满意;
- on-time rate (按期办结率): of the cases closed in the period (a refusal or redirection is not closing) and the
  cases still open whose current step's due date passed in the period (overdue and not paused), the share of
  closed cases that finished every handling step (every step of kind "open") by its due date, approved
  extensions included. An overdue open case counts as late: leaving it open must never make the rate look
  better than closing it late.

A case counts for its lead department and its region; the month of a figure is the month of its own event
(received, answered, closed). Dashboards call `followup_figures` directly.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.cases.choices import EventKind, ExtensionStatus, StateKind
from fengqiao.cases.models import Case, CaseEvent, DeadlineExtension, State
from fengqiao.cases.querysets import REGIONAL_ROLES
from fengqiao.followup.choices import SATISFIED_VALUES, FollowUpStatus, ReviewStatus, Settled
from fengqiao.followup.clocks import PastClocks
from fengqiao.followup.models import FollowUp
from fengqiao.regions.models import Department, Region
from fengqiao.regions.paths import path_codes

BY_DEPARTMENT, BY_REGION, BY_MONTH = "department", "region", "month"
GROUPINGS = (BY_DEPARTMENT, BY_REGION, BY_MONTH)
NO_DEPARTMENT = "-"


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class FigureRates:
    """The rates of a row of figures, one definition for the follow-up figures and the count tables' figures."""

    closed: int
    closed_on_time: int
    open_overdue: int
    answered: int
    settled: int
    satisfied: int

    @property
    def settlement_rate(self) -> float | None:
        return _rate(self.settled, self.answered)

    @property
    def satisfaction_rate(self) -> float | None:
        return _rate(self.satisfied, self.answered)

    @property
    def on_time_judged(self) -> int:
        """The denominator of the on-time rate: closed cases plus open cases already overdue (counted as late)."""
        return self.closed + self.open_overdue

    @property
    def on_time_rate(self) -> float | None:
        """Closed on time over closed plus still open past due (an overdue open case counts as late)."""
        return _rate(self.closed_on_time, self.on_time_judged)


@dataclass
class FigureRow(FigureRates):
    key: str
    label: str = ""
    response_due: int = 0
    responded_in_time: int = 0
    answered: int = 0
    settled: int = 0
    satisfied: int = 0
    dissatisfied: int = 0
    reopened: int = 0
    closed: int = 0
    closed_on_time: int = 0
    open_overdue: int = 0

    @property
    def response_rate(self) -> float | None:
        return _rate(self.responded_in_time, self.response_due)


    def add(self, other: FigureRow) -> None:
        for name in ("response_due", "responded_in_time", "answered", "settled", "satisfied", "dissatisfied",
                     "reopened", "closed", "closed_on_time", "open_overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class FiguresReport:
    group_by: str
    rows: list[FigureRow] = field(default_factory=list)
    total: FigureRow = field(default_factory=lambda: FigureRow(key="total"))
    month: dt.date | None = None
    region: Region | None = None
    department: Department | None = None


def _local_month(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m")


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(following, dt.time.min))
    return start, end


def _base_depth(user: User, region: Region | None) -> int:
    """The depth (0 = county) of the chosen region, or of the user's highest region; rows are one level below."""
    if region is not None:
        return region.path.count("/") - 2
    depths = [m.region.path.count("/") - 2 for m in user.active_memberships if m.role in REGIONAL_ROLES and m.region_id]
    return min(depths) if depths else 0


def _region_key(region_path: str, depth: int) -> str:
    codes = path_codes(region_path)
    return codes[min(depth, len(codes) - 1)] if codes else ""


class _Grouper:
    def __init__(self, *, group_by: str, depth: int) -> None:
        self.group_by, self.depth = group_by, depth
        self.rows: dict[str, FigureRow] = {}

    def row(self, *, department_id: int | None, region_path: str, moment: dt.datetime) -> FigureRow:
        if self.group_by == BY_DEPARTMENT:
            key = str(department_id) if department_id else NO_DEPARTMENT
        elif self.group_by == BY_REGION:
            key = _region_key(region_path, self.depth)
        else:
            key = _local_month(moment)
        if key not in self.rows:
            self.rows[key] = FigureRow(key=key)
        return self.rows[key]

    def labelled(self) -> list[FigureRow]:
        rows = list(self.rows.values())
        if self.group_by == BY_DEPARTMENT:
            names = dict(Department.objects.filter(pk__in=[int(r.key) for r in rows if r.key != NO_DEPARTMENT])
                         .values_list("pk", "name"))
            for row in rows:
                row.label = names.get(int(row.key), row.key) if row.key != NO_DEPARTMENT else _("未交办部门")
            return sorted(rows, key=lambda r: (r.key == NO_DEPARTMENT, r.label))
        if self.group_by == BY_REGION:
            regions = {r.code: r for r in Region.objects.filter(code__in=[r.key for r in rows])}
            for row in rows:
                row.label = regions[row.key].name if row.key in regions else row.key
            return sorted(rows, key=lambda r: (regions[r.key].path if r.key in regions else r.key))
        for row in rows:
            row.label = row.key
        return sorted(rows, key=lambda r: r.key)


def case_steps(case_ids: QuerySet | list[int]) -> dict[int, list[tuple[int | None, int | None, dt.datetime]]]:
    steps: dict[int, list[tuple[int | None, int | None, dt.datetime]]] = defaultdict(list)
    rows = (CaseEvent.objects.filter(case_id__in=case_ids, kind=EventKind.TRANSITION)
            .order_by("case_id", "created_at", "id").values_list("case_id", "from_state_id", "to_state_id", "created_at"))
    for case_id, source, target, at in rows:
        steps[case_id].append((source, target, at))
    return steps


def approved_extensions(case_ids: QuerySet | list[int]) -> dict[int, list[tuple[int, int, dt.datetime]]]:
    found: dict[int, list[tuple[int, int, dt.datetime]]] = defaultdict(list)
    rows = DeadlineExtension.objects.filter(case_id__in=case_ids, status=ExtensionStatus.APPROVED).values_list(
        "case_id", "state_id", "days", "decided_at")
    for case_id, state_id, days, decided_at in rows:
        if decided_at is not None:
            found[case_id].append((state_id, days, decided_at))
    return found


def _count_responses(cases: list[dict], grouper: _Grouper, clocks: PastClocks, initial: dict[int, int], steps: dict,
                     now: dt.datetime) -> None:
    for case in cases:
        first_state = initial.get(case["process_id"])
        if first_state is None:
            continue
        due = clocks.due(process_id=case["process_id"], state_id=first_state, region_path=case["region_path"],
                         received_at=case["received_at"], entered_at=case["created_at"])
        if due is None:
            continue
        left = next((at for source, target, at in steps.get(case["id"], []) if source == first_state and target != source),
                    None)
        if left is None and now <= due:
            continue  # still inside its first step's time: not yet judged
        row = grouper.row(department_id=case["lead_department_id"], region_path=case["region_path"],
                          moment=case["received_at"])
        row.response_due += 1
        row.responded_in_time += int(left is not None and left <= due)


def finished_in_time(case: dict, clocks: PastClocks, states: dict[int, State], steps: list, extensions: list) -> bool:
    """Every open step the case went through ended by its due date (approved extensions included). `case` has
    the case's id, process_id, region_path, received_at and created_at; the count tables (reports) call it too."""
    entered = case["created_at"]
    for source, _target, at in steps:
        state = states.get(source) if source else None
        if state is not None and state.kind == StateKind.OPEN:
            granted = [days for state_id, days, decided in extensions if state_id == source and entered <= decided <= at]
            due = clocks.due(process_id=case["process_id"], state_id=source, region_path=case["region_path"],
                             received_at=case["received_at"], entered_at=entered, extensions=granted)
            if due is not None and at > due:
                return False
        entered = at
    return True


def followup_figures(*, user: User, region: Region | None = None, department: Department | None = None,
                     month: dt.date | None = None, group_by: str = BY_DEPARTMENT,
                     now: dt.datetime | None = None) -> FiguresReport:
    """Response, settlement, satisfaction and on-time rates over `Case.objects.visible_to(user)`."""
    if group_by not in GROUPINGS:
        group_by = BY_DEPARTMENT
    now = now or timezone.now()
    scope = Case.objects.visible_to(user)
    if region is not None:
        scope = scope.filter(region_path__startswith=region.path)
    if department is not None:
        scope = scope.filter(lead_department=department)
    # a refusal or redirection (不予受理, 告知其他途径) ends a case without settling it: never counted as closed
    received = scope
    closed = scope.filter(state__kind=StateKind.CLOSED, state__ends_unsettled=False, closed_at__isnull=False)
    overdue = scope.filter(state__kind=StateKind.OPEN, due_at__lt=now, clock_paused_at__isnull=True)
    answered = FollowUp.objects.filter(case__in=scope, status=FollowUpStatus.ANSWERED, answered_at__isnull=False)
    if month is not None:
        start, end = month_bounds(month)
        received = received.filter(received_at__gte=start, received_at__lt=end)
        closed = closed.filter(closed_at__gte=start, closed_at__lt=end)
        answered = answered.filter(answered_at__gte=start, answered_at__lt=end)
        overdue = overdue.filter(due_at__gte=start, due_at__lt=end)
    fields = ("id", "process_id", "region_path", "received_at", "created_at", "lead_department_id", "closed_at")
    received_rows = list(received.order_by().values(*fields))
    closed_rows = list(closed.order_by().values(*fields))
    grouper = _Grouper(group_by=group_by, depth=_base_depth(user, region) + 1)

    if received_rows or closed_rows:
        states = {s.pk: s for s in State.objects.all()}
        initial = {s.process_id: s.pk for s in states.values() if s.is_initial}
        moments = [r["received_at"] for r in received_rows + closed_rows]
        clocks = PastClocks(first_day=timezone.localtime(min(moments)).date(), last_day=timezone.localtime(now).date())
        involved = Case.objects.filter(Q(pk__in=received.values("pk")) | Q(pk__in=closed.values("pk"))).values("pk")
        steps = case_steps(involved)
        _count_responses(received_rows, grouper, clocks, initial, steps, now)
        extensions = approved_extensions(involved)
        for case in closed_rows:
            row = grouper.row(department_id=case["lead_department_id"], region_path=case["region_path"],
                              moment=case["closed_at"])
            row.closed += 1
            row.closed_on_time += int(finished_in_time(case, clocks, states, steps.get(case["id"], []),
                                                        extensions.get(case["id"], [])))

    for item in answered.values("case__lead_department_id", "case__region_path", "answered_at", "settled",
                                "satisfaction", "review_status"):
        row = grouper.row(department_id=item["case__lead_department_id"], region_path=item["case__region_path"],
                          moment=item["answered_at"])
        row.answered += 1
        row.settled += int(item["settled"] == Settled.YES)
        row.satisfied += int(item["satisfaction"] in SATISFIED_VALUES)
        row.dissatisfied += int(item["satisfaction"] not in SATISFIED_VALUES)
        row.reopened += int(item["review_status"] == ReviewStatus.REOPENED)

    for item in overdue.order_by().values("lead_department_id", "region_path", "due_at"):
        row = grouper.row(department_id=item["lead_department_id"], region_path=item["region_path"],
                          moment=item["due_at"])
        row.open_overdue += 1

    rows = grouper.labelled()
    total = FigureRow(key="total", label=_("合计"))
    for row in rows:
        total.add(row)
    return FiguresReport(group_by=group_by, rows=rows, total=total, month=month, region=region, department=department)
