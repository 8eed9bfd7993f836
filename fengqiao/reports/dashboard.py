"""The leaders' dashboard (驾驶舱): what a county's or a street's leader and center staff look at first.

Every figure comes from the count tables (reports.selectors) or the warning app's own tables, scoped to the
viewer's jurisdiction; none reads the case table row by row. The map's case points are the open cases at red or
orange risk that have coordinates (a few dozen, read by their risk rows, which hold the region path). Hot
issues appear as last computed for the viewer (the engine is not run for a dashboard). Each figure carries the case-list
query behind it, so a click on a number, a bar or a place opens those cases.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone

from fengqiao.accounts.models import User
from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import State
from fengqiao.regions.models import Region
from fengqiao.regions.paths import within_paths
from fengqiao.regions.selectors import region_children, region_outlines
from fengqiao.reports import selectors
from fengqiao.reports.models import Dimension, StateCount
from fengqiao.reports.periods import Period, month_of, period_parse
from fengqiao.warning.choices import RiskLevel
from fengqiao.warning.display import reason_text
from fengqiao.warning.models import Cluster, HotIssue, Hotspot, RiskAssessment, RiskOverride
from fengqiao.warning.selectors import hot_issues_found_visible_to, hotspot_cases_url, hotspots_visible_to
from fengqiao.warning.selectors.hot_issues import WINDOW_DAYS

TREND_MONTHS = 12
TOP_STATES = 6
RISKS_SHOWN = 8
POINTS_MAX = 200


def cases_url(**query: Any) -> str:
    """The case list with these filters (None and "" left out)."""
    clean = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{reverse('cases:list')}?{urlencode(clean)}" if clean else reverse("cases:list")


@dataclass
class RiskItem:
    case_id: int
    reference: str
    title: str
    region: str
    level: str
    score: int
    reasons: list[str]
    url: str


@dataclass
class Dashboard:
    region: Region | None  # the region looked at; None: the whole jurisdiction
    period: Period
    places: selectors.Figures  # this month's figures of each region one level down
    departments: selectors.Figures
    trend: list[selectors.FigureRow]  # the last months, oldest first
    open_by_state: dict[str, Any]  # the stacked bar: places x the busiest open states
    map: dict[str, Any]  # outlines, each place's open cases, and risk points
    risks: list[RiskItem] = field(default_factory=list)
    hot_issues: list[HotIssue] = field(default_factory=list)  # found by the daily scan, hottest first
    clusters: list[Cluster] = field(default_factory=list)
    hotspots: list[tuple[Hotspot, str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.places.is_empty and not self.risks


def _trend(user: User, region: Region | None, today: dt.date) -> list[selectors.FigureRow]:
    monthly = selectors.figures_for(user=user, region=region, period=Period(param="all"), by=selectors.BY_MONTH,
                                    today=today)
    months = []
    first = today.replace(day=1)
    for _n in range(TREND_MONTHS):
        months.append(month_of(first))
        first = (first - dt.timedelta(days=1)).replace(day=1)
    rows = {row.key: row for row in monthly.rows}
    return [rows.get(key) or selectors.FigureRow(key=key, label=key) for key in reversed(months)]


def _open_by_state(places: selectors.Figures) -> dict[str, Any]:
    """Open cases of each place split by state: the busiest states by name, the rest as one."""
    paths = [row.key for row in places.rows]
    open_states = {s.pk: s.name for s in State.objects.filter(kind=StateKind.OPEN)}
    counts: dict[tuple[str, str], int] = {}
    totals: dict[str, int] = {}
    rows = (StateCount.objects.filter(region_path__in=paths, dimension=Dimension.ALL, state_id__in=list(open_states))
            .values("region_path", "state_id").annotate(n=Sum("cases")))
    for item in rows:
        name = open_states[item["state_id"]]
        counts[(item["region_path"], name)] = counts.get((item["region_path"], name), 0) + item["n"]
        totals[name] = totals.get(name, 0) + item["n"]
    busiest = [name for name, n in sorted(totals.items(), key=lambda kv: -kv[1]) if n][:TOP_STATES]
    series = [{"name": name, "data": [counts.get((path, name), 0) for path in paths]} for name in busiest]
    rest = [sum(n for (path, name), n in counts.items() if path == p and name not in busiest) for p in paths]
    if any(rest):
        series.append({"name": "…", "data": rest})
    return {"places": [row.label for row in places.rows],
            "urls": [cases_url(region=row.filter_value, state="kind:open") for row in places.rows],
            "series": series}


def _map(places: selectors.Figures, points: list[dict[str, Any]]) -> dict[str, Any]:
    """The places one level below the region looked at (or below the only root), every one of them, those
    without cases at 0, so the map has no holes; the whole jurisdiction's roots where there are several."""
    base = [places.region] if places.region is not None else places.roots
    one_parent = len(base) == 1 and base[0].children.exists()
    regions = region_children(region=base[0]) if one_parent else list(base)
    by_path = {row.key: row for row in places.rows}
    data = []
    for r in regions:
        row = by_path.get(r.path)
        data.append({"name": r.name, "value": (row.open or 0) if row else 0, "overdue": row.open_overdue if row else 0,
                     "url": cases_url(region=r.pk, state="kind:open")})
    return {"outlines": region_outlines(regions=regions), "data": data, "points": points}


def _risks(paths: list[str]) -> tuple[list[RiskItem], list[dict[str, Any]]]:
    """The open cases at red or orange (computed, or set by a person) within the region paths, highest first; the
    risk rows carry the case's region path, so the case table is read only for the few shown."""
    override = RiskOverride.objects.filter(case_id=OuterRef("case_id"), cleared_at__isnull=True)
    within = within_paths(paths)
    high = [RiskLevel.RED, RiskLevel.ORANGE]
    rows = (RiskAssessment.objects.filter(within).annotate(override_level=Subquery(override.values("level")[:1]))
            .filter(Q(override_level__in=high) | Q(override_level__isnull=True, level__in=high))
            .select_related("case", "case__region").order_by("-score", "-case_id"))
    items: list[RiskItem] = []
    points: list[dict[str, Any]] = []
    for assessment in rows[:POINTS_MAX]:
        case = assessment.case
        level = getattr(assessment, "override_level", None) or assessment.level
        url = reverse("cases:detail", args=[case.pk])
        if len(items) < RISKS_SHOWN:
            items.append(RiskItem(case_id=case.pk, reference=case.reference, title=case.title,
                                  region=case.region.name, level=level, score=assessment.score,
                                  reasons=[reason_text(r) for r in assessment.reasons], url=url))
        if case.latitude is not None and case.longitude is not None:
            points.append({"name": case.reference, "value": [float(case.longitude), float(case.latitude)],
                           "level": level, "url": url})
    return items, points


def dashboard_for(*, user: User, region: Region | None, period: Period | None = None,
                  today: dt.date | None = None) -> Dashboard:
    """The dashboard of the region (checked by the caller to lie in the user's jurisdiction) or of the whole
    jurisdiction, for `period` (default: this month)."""
    today = today or timezone.localdate()
    period = period or period_parse(month_of(today)) or Period(param="all")
    places = selectors.figures_for(user=user, region=region, period=period, by=selectors.BY_REGION, today=today)
    departments = selectors.figures_for(user=user, region=region, period=period, by=selectors.BY_DEPARTMENT,
                                        today=today)
    paths = [region.path] if region is not None else [r.path for r in places.roots]
    risks, points = _risks(paths)
    hotspots = hotspots_visible_to(user).select_related("region", "category").order_by("-week_end", "p_value")
    if region is not None:
        hotspots = hotspots.filter(region_path__startswith=region.path)
    clusters = Cluster.objects.filter(within_paths(paths), active=True).select_related("region")
    recent = timezone.now() - dt.timedelta(days=WINDOW_DAYS)
    hot_issues = hot_issues_found_visible_to(user).filter(within_paths(paths), ended_at__gte=recent)
    return Dashboard(
        region=region, period=period, places=places, departments=departments,
        trend=_trend(user, region, today), open_by_state=_open_by_state(places),
        map=_map(places, points), risks=risks,
        hot_issues=list(hot_issues.select_related("region").order_by("-heat", "-people")[:5]),
        clusters=list(clusters.order_by("-open_count", "-size")[:5]),
        hotspots=[(h, hotspot_cases_url(h)) for h in hotspots[:5]],
    )
