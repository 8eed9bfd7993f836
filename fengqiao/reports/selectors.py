"""The figures, read from the count tables only (never the case table), within the user's jurisdiction.

The jurisdiction is the cases app's own: `regions_for_filter`, the regions the user's memberships cover, the same
rule the case list's region filter and `Case.objects.visible_to` apply by region. Figures of a region are the rows
with exactly its path (every case counts once at each level of its region), so a county's figures are one index
range and a sum however many cases it has.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Category, DisputeType, Process, State
from fengqiao.cases.selectors import regions_for_filter
from fengqiao.followup.figures import FigureRates
from fengqiao.intake.choices import Channel
from fengqiao.regions.models import Department, Region
from fengqiao.regions.paths import within_paths
from fengqiao.reports.choices import RunStatus
from fengqiao.reports.models import DailyCount, Dimension, Recommendation, ReportRun, StateCount
from fengqiao.reports.periods import Period, month_of, week_of
from fengqiao.reports.services.facts import DAILY_COLUMNS

# Who may open the figures page: the county's and streets' centers (矛调中心), leaders and administrators.
FIGURE_ROLES = frozenset({Role.CENTER, Role.LEADER, Role.ADMIN})
# Who records the petition office's recommendations and their adoption (the centers, where the petition office
# sits, and administrators); leaders read them.
RECOMMENDATION_ROLES = frozenset({Role.CENTER, Role.ADMIN})

BY_REGION, BY_STATE, BY_PROCESS, BY_CATEGORY, BY_DISPUTE_TYPE = "region", "state", "process", "category", "dispute_type"
BY_CHANNEL, BY_DEPARTMENT, BY_WEEK, BY_MONTH = "channel", "department", "week", "month"
BY_ACCUSED = "accused"  # the body a petition accuses (only petitions that name one)
# The count rows a grouping reads (their dimension) and the field it groups them by.
DIMENSIONS = {BY_PROCESS: Dimension.PROCESS, BY_CATEGORY: Dimension.CATEGORY, BY_DISPUTE_TYPE: Dimension.DISPUTE_TYPE,
              BY_CHANNEL: Dimension.CHANNEL, BY_DEPARTMENT: Dimension.DEPARTMENT, BY_ACCUSED: Dimension.ACCUSED}
GROUP_FIELDS = {BY_REGION: "region_path", BY_STATE: "state_id", **{by: "value" for by in DIMENSIONS},
                BY_WEEK: "day", BY_MONTH: "day"}
BY_TIME = (BY_WEEK, BY_MONTH)
RUNS_SHOWN = 20
# The figures of one process: the total and the groupings by region, state and time read its PROCESS rows; by
# category and by department read the crossed rows ("<process id>:<id>"). Dispute types and channels are not
# counted per process. The accused body is a petition's only: its rows are those of the petition process already.
CROSSED = {BY_CATEGORY: Dimension.PROCESS_CATEGORY, BY_DEPARTMENT: Dimension.PROCESS_DEPARTMENT}
PROCESS_GROUPINGS = (BY_REGION, BY_STATE, BY_PROCESS, BY_CATEGORY, BY_DEPARTMENT, BY_ACCUSED, BY_WEEK, BY_MONTH)


@dataclass
class FigureRow(FigureRates):
    key: str
    label: str = ""
    filter_name: str = ""  # the case list's filter that selects this row's cases ("" when it has none)
    filter_value: str = ""
    region_code: str = ""  # a row of a region: its code, to open its own figures one level down
    cases: int | None = 0  # cases in the row now (None where the row is a period: by week or month)
    open: int | None = 0
    open_overdue: int = 0
    received: int | None = 0  # None for a row of a state: the daily counts do not know states
    closed: int = 0
    closed_on_time: int = 0
    closed_late: int = 0
    answered: int = 0
    settled: int = 0
    satisfied: int = 0
    dissatisfied: int = 0
    transferred: int = 0
    assigned: int = 0
    supervised: int = 0


@dataclass
class Figures:
    by: str
    period: Period
    region: Region | None  # the region chosen; None: the user's whole jurisdiction
    roots: list[Region] = field(default_factory=list)
    process: Process | None = None  # the figures of this process only; None: every case
    rows: list[FigureRow] = field(default_factory=list)
    total: FigureRow = field(default_factory=lambda: FigureRow(key="total"))

    @property
    def is_empty(self) -> bool:
        return not self.total.cases and not self.total.received


def figures_visible_to(user: User) -> bool:
    return user.is_active and (user.is_superuser or bool(user.roles() & FIGURE_ROLES))


def jurisdiction_roots(*, user: User) -> list[Region]:
    """The highest regions of the user's jurisdiction (none inside another)."""
    roots: list[str] = []
    for path in sorted(regions_for_filter(user=user).values_list("path", flat=True)):
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    return list(Region.objects.filter(path__in=roots).defer("boundary").order_by("path"))


def figures_region(*, user: User, code: str) -> Region | None:
    """The region with this code if it is within the user's jurisdiction, else None (missing and forbidden alike)."""
    return regions_for_filter(user=user).filter(code=code).first()


def _depth(path: str) -> int:
    return path.strip("/").count("/")


def _scopes(region: Region | None, roots: list[Region], by: str) -> tuple[Q, Q]:
    """The rows of the total, and the rows to group: one level below the region (or below the only root)."""
    base = [region] if region is not None else roots
    total = Q(region_path__in=[r.path for r in base])
    if by == BY_REGION and len(base) == 1 and base[0].children.exists():
        parent = base[0]
        return total, Q(depth=_depth(parent.path) + 1, region_path__startswith=parent.path)
    return total, total


def _period_q(period: Period, name: str) -> Q:
    q = Q()
    if period.start is not None:
        q &= Q(**{f"{name}__gte": period.start})
    if period.end is not None:
        q &= Q(**{f"{name}__lt": period.end})
    return q


def _time_key(by: str, day: dt.date) -> str:
    return week_of(day) if by == BY_WEEK else month_of(day)


def _dimension(by: str | None, process: Process | None) -> Q:
    """The count rows a grouping reads (the "all" rows for the total), of every case or of one process."""
    if process is None:
        return Q(dimension=DIMENSIONS.get(by or "", Dimension.ALL))
    if by in CROSSED:
        return Q(dimension=CROSSED[by], value__startswith=f"{process.pk}:")
    if by == BY_ACCUSED:
        return Q(dimension=Dimension.ACCUSED)
    if by is None or by in PROCESS_GROUPINGS:
        return Q(dimension=Dimension.PROCESS, value=str(process.pk))
    raise ValueError(f"figures of one process cannot be grouped by {by}")


def _count(scope: Q, *, by: str | None, period: Period, today: dt.date, open_ids: set[int],
           rows: dict[str, FigureRow], process: Process | None = None) -> None:
    """Add the figures of `scope` to `rows`, keyed by the grouping's value (one row "total" when `by` is None)."""
    name = GROUP_FIELDS[by] if by else None
    scope &= _dimension(by, process)
    crossed = process is not None and by in CROSSED

    def row(value: object) -> FigureRow:
        if by is None:
            key = "total"
        elif by in BY_TIME:
            key = _time_key(by, value)  # type: ignore[arg-type]
        else:
            key = str(value).partition(":")[2] if crossed else str(value)
        return rows.setdefault(key, FigureRow(key=key))

    if by != BY_STATE:
        daily = DailyCount.objects.filter(scope & _period_q(period, "day"))
        sums = {column: Sum(column) for column in DAILY_COLUMNS}
        found = daily.values(name).annotate(**sums) if name else [daily.aggregate(**sums)]
        for item in found:
            target = row(item.get(name) if name else None)
            for column in DAILY_COLUMNS:
                setattr(target, column, getattr(target, column) + (item[column] or 0))
    overdue = Q(due_on__lt=today) & _period_q(period, "due_on")
    stock = StateCount.objects.filter(scope)
    if by in BY_TIME:
        for item in stock.filter(overdue).values("due_on").annotate(n=Sum("cases")):
            target = row(item["due_on"])
            target.open_overdue += item["n"]
            target.cases = target.open = None
        for target in rows.values():
            target.cases = target.open = None
        return
    group = [name, "state_id"] if name else ["state_id"]
    for item in stock.values(*group).annotate(n=Sum("cases"), late=Sum("cases", filter=overdue)):
        target = row(item[name] if name else None)
        assert target.cases is not None and target.open is not None
        target.cases += item["n"]
        target.open += item["n"] if item["state_id"] in open_ids else 0
        target.open_overdue += item["late"] or 0
    if by == BY_STATE:
        for target in rows.values():
            target.received = None


def _label(by: str, rows: list[FigureRow]) -> None:
    """Names, and the case list's filter for each row."""
    ids = [int(r.key) for r in rows if r.key.isdigit() and r.key != "0"]
    if by == BY_REGION:
        regions = {r.path: r for r in Region.objects.filter(path__in=[r.key for r in rows]).defer("boundary")}
        for row in rows:
            region = regions.get(row.key)
            row.label = region.name if region else row.key
            if region is not None:
                row.filter_name, row.filter_value, row.region_code = "region", str(region.pk), region.code
        return
    if by == BY_CHANNEL:
        labels = dict(Channel.choices)
        for row in rows:
            row.label, row.filter_name, row.filter_value = str(labels.get(row.key, row.key)), "channel", row.key
        return
    if by in BY_TIME:
        for row in rows:
            row.label = row.key
        return
    model = {BY_STATE: State, BY_PROCESS: Process, BY_CATEGORY: Category, BY_DISPUTE_TYPE: DisputeType,
             BY_DEPARTMENT: Department, BY_ACCUSED: Department}[by]
    if by == BY_STATE:
        names = {s.pk: f"{s.process.name} · {s.name}" for s in State.objects.filter(pk__in=ids).select_related("process")}
    else:
        names = dict(model.objects.filter(pk__in=ids).values_list("pk", "name"))  # type: ignore[attr-defined]
    none = {BY_CATEGORY: _("未分类"), BY_DISPUTE_TYPE: _("未填写纠纷类型"), BY_DEPARTMENT: _("未交办部门")}
    for row in rows:
        number = int(row.key) if row.key.isdigit() else 0
        if number == 0:
            row.label = none.get(by, "—")
            continue
        row.label = names.get(number, row.key)
        if by == BY_ACCUSED:
            continue  # the case list has no filter by the accused body
        row.filter_name = by
        row.filter_value = f"state:{number}" if by == BY_STATE else str(number)


def figures_for(*, user: User, region: Region | None, period: Period, by: str,
                today: dt.date | None = None, process: Process | None = None) -> Figures:
    """The figures of the region (or of the user's whole jurisdiction), grouped `by`, over `period`; of the cases
    of `process` only when one is given (grouped by one of PROCESS_GROUPINGS). The caller has checked that the
    region is within the user's jurisdiction (`figures_region`)."""
    if by not in GROUP_FIELDS:
        by = BY_REGION
    if process is not None and by not in PROCESS_GROUPINGS:
        raise ValueError(f"figures of one process cannot be grouped by {by}")
    today = today or timezone.localdate()
    roots = jurisdiction_roots(user=user)
    figures = Figures(by=by, period=period, region=region, roots=roots, process=process)
    if region is None and not roots:
        return figures
    open_ids = set(State.objects.filter(kind=StateKind.OPEN).values_list("pk", flat=True))
    total_scope, group_scope = _scopes(region, roots, by)
    totals: dict[str, FigureRow] = {}
    _count(total_scope, by=None, period=period, today=today, open_ids=open_ids, rows=totals, process=process)
    figures.total = totals.get("total", FigureRow(key="total"))
    figures.total.label = _("合计")
    grouped: dict[str, FigureRow] = {}
    _count(group_scope, by=by, period=period, today=today, open_ids=open_ids, rows=grouped, process=process)
    rows = [row for row in grouped.values() if row.cases or row.received or row.open_overdue or row.closed
            or row.answered or row.transferred or row.assigned or row.supervised]
    _label(by, rows)
    figures.rows = sorted(rows, key=lambda r: (r.key in ("0", ""), r.key if by in (BY_REGION, *BY_TIME) else r.label))
    return figures


def report_runs_for(*, user: User, limit: int = RUNS_SHOWN) -> list[ReportRun]:
    """The user's own report runs, newest first."""
    return list(ReportRun.objects.filter(requested_by=user).select_related("region").order_by("-created_at", "-pk")
                [:limit])


def report_run_for_download(*, user: User, run_id: int) -> ReportRun | None:
    """The run if the user asked for it, may still see figures, and its file is ready; else None (a 404)."""
    if not figures_visible_to(user):
        return None
    return ReportRun.objects.filter(pk=run_id, requested_by=user, status=RunStatus.DONE).exclude(file="").first()


def recommendations_writable_by(user: User) -> bool:
    return user.is_active and (user.is_superuser or bool(user.roles() & RECOMMENDATION_ROLES))


def recommendation_region_allowed(*, user: User, region: Region) -> bool:
    return regions_for_filter(user=user).filter(pk=region.pk).exists()


def recommendations_for(*, user: User, region: Region | None = None, period: Period | None = None
                        ) -> QuerySet[Recommendation]:
    """The recommendations about regions within the user's jurisdiction (within `region` when one is given), made
    within `period` when one is given; none for a user who may not see figures."""
    if not figures_visible_to(user):
        return Recommendation.objects.none()
    paths = [region.path] if region is not None else [r.path for r in jurisdiction_roots(user=user)]
    found = Recommendation.objects.filter(within_paths(paths))
    if period is not None:
        found = found.filter(_period_q(period, "made_on"))
    return found.select_related("addressed_to", "region").order_by("-made_on", "-pk")


def recommendation_get(*, user: User, recommendation_id: int, for_update: bool = False) -> Recommendation | None:
    """The recommendation if it is within the user's jurisdiction, else None (missing and forbidden alike)."""
    found = recommendations_for(user=user).filter(pk=recommendation_id)
    if for_update:
        found = found.select_for_update(of=("self",))
    return found.first()
