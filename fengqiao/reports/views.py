"""The figures page: the count tables within the viewer's jurisdiction, every figure a link to its cases."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from fengqiao.accounts.choices import Role
from fengqiao.core.viewkit import is_htmx, staff_view
from fengqiao.regions.models import Region
from fengqiao.reports import selectors
from fengqiao.reports.dashboard import Dashboard, dashboard_for
from fengqiao.reports.periods import Period, month_of, period_parse
from fengqiao.reports.selectors import BY_REGION, BY_STATE, BY_TIME, FigureRow, Figures

GROUP_LABELS = {
    selectors.BY_REGION: gettext_lazy("按区划"), selectors.BY_STATE: gettext_lazy("按环节"),
    selectors.BY_PROCESS: gettext_lazy("按流程"), selectors.BY_CATEGORY: gettext_lazy("按诉求类别"),
    selectors.BY_DISPUTE_TYPE: gettext_lazy("按纠纷类型"), selectors.BY_CHANNEL: gettext_lazy("按来源渠道"),
    selectors.BY_DEPARTMENT: gettext_lazy("按主办部门"), selectors.BY_ACCUSED: gettext_lazy("按被投诉机关、单位"),
    selectors.BY_WEEK: gettext_lazy("按周"),
    selectors.BY_MONTH: gettext_lazy("按月"),
}
COLUMN_LABELS = {
    selectors.BY_REGION: gettext_lazy("区划"), selectors.BY_STATE: gettext_lazy("环节"),
    selectors.BY_PROCESS: gettext_lazy("流程"), selectors.BY_CATEGORY: gettext_lazy("诉求类别"),
    selectors.BY_DISPUTE_TYPE: gettext_lazy("纠纷类型"), selectors.BY_CHANNEL: gettext_lazy("来源渠道"),
    selectors.BY_DEPARTMENT: gettext_lazy("主办部门"), selectors.BY_ACCUSED: gettext_lazy("被投诉机关、单位"),
    selectors.BY_WEEK: gettext_lazy("周"),
    selectors.BY_MONTH: gettext_lazy("月份"),
}


def _not_found(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "reports/not_found.html", {"message": message}, status=404)


def _period_days(period: Period) -> dict[str, str]:
    if period.start is None or period.end is None:
        return {}
    return {"received_from": period.start.isoformat(), "received_to": (period.end - dt.timedelta(days=1)).isoformat()}


def _row_period(figures: Figures, row: FigureRow) -> Period:
    return (period_parse(row.key) or figures.period) if figures.by in BY_TIME and row.key != "total" else figures.period


def _links(figures: Figures, row: FigureRow) -> dict[str, str]:
    """The case list behind each figure of the row: same region, same row value, same period where it applies."""
    base = {"region": str(figures.region.pk)} if figures.region is not None else {}
    if row.filter_name:
        base[row.filter_name] = row.filter_value
    elif row.key not in ("total",) and figures.by not in BY_TIME:
        return {}  # "no category" and the like: the case list has no filter for them
    state_given = figures.by == BY_STATE and row.key != "total"
    url = reverse("cases:list")

    def link(**extra: str) -> str:
        return f"{url}?{urlencode({**base, **extra})}"

    found = {"received": link(**_period_days(_row_period(figures, row))), "overdue": link(overdue="on")}
    if state_given:
        found["cases"] = link()
    else:
        found["open"] = link(state="kind:open")
        found["closed"] = link(state="kind:closed")
    return found


def _region_and_period(request: HttpRequest) -> tuple[str, Region | None, Period] | HttpResponse:
    """The region (?region=CODE, within the viewer's jurisdiction) and the period (?period=, this month by
    default) a figures page shows, or the 404 page that names what it does not know."""
    if not selectors.figures_visible_to(request.user):
        raise Http404
    code = request.GET.get("region", "").strip()
    region = None
    if code:
        region = selectors.figures_region(user=request.user, code=code)
        if region is None:
            return _not_found(request, _("没有代码为“%(code)s”的区划，或它不在您的管辖范围内。") % {"code": code[:40]})
    value = request.GET.get("period", "").strip() or month_of(timezone.localdate())
    period = period_parse(value)
    if period is None:
        return _not_found(request, _("无法识别统计期间“%(value)s”：请写成 2026（年）、2026-Q3（季度）、"
                                     "2026-03（月）、2026-W10（周）或 all（全部）。") % {"value": value[:40]})
    return code, region, period


@staff_view
@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    chosen = _region_and_period(request)
    if isinstance(chosen, HttpResponse):
        return chosen
    code, region, period = chosen
    by = request.GET.get("by", BY_REGION)
    if by not in selectors.GROUP_FIELDS:
        return _not_found(request, _("无法识别分组方式“%(value)s”。") % {"value": by[:40]})
    report = selectors.figures_for(user=request.user, region=region, period=period, by=by)
    rows = [(row, _links(report, row)) for row in report.rows]
    context = {
        "report": report, "rows": rows, "total_links": _links(report, report.total), "region_code": code,
        "period_value": period.param, "by": by, "groupings": list(GROUP_LABELS.items()),
        "column_label": COLUMN_LABELS[by], "regions": report.roots, "time_rows": by in BY_TIME,
        "state_rows": by == BY_STATE,
    }
    template = "reports/partials/figures_table.html" if is_htmx(request) else "reports/figures.html"
    return render(request, template, context)


@staff_view
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    """The leaders' dashboard (驾驶舱) of the viewer's jurisdiction, or of one region in it (?region=CODE)."""
    chosen = _region_and_period(request)
    if isinstance(chosen, HttpResponse):
        return chosen
    code, region, period = chosen
    board = dashboard_for(user=request.user, region=region, period=period)
    places = [(row, _links(board.places, row)) for row in board.places.rows]
    departments = [(row, _links(board.departments, row)) for row in board.departments.rows]
    charts = {
        "map": board.map,
        "byState": board.open_by_state,
        "departments": {"names": [row.label for row, _l in departments],
                        "rates": [round(row.on_time_rate * 100, 1) if row.on_time_rate is not None else None
                                  for row, _l in departments],
                        "urls": [links.get("closed", "") for _row, links in departments]},
        "trend": {"months": [row.key for row in board.trend],
                  "received": [row.received or 0 for row in board.trend],
                  "settlement": [round(row.settlement_rate * 100, 1) if row.settlement_rate is not None else None
                                 for row in board.trend],
                  "satisfaction": [round(row.satisfaction_rate * 100, 1) if row.satisfaction_rate is not None
                                   else None for row in board.trend],
                  "urls": [_month_cases(board, row.key) for row in board.trend]},
        "labels": {"open": _("在办"), "received": _("收到"), "settlement": _("解决率"),
                   "satisfaction": _("满意率"), "onTime": _("按期办结率"), "risk": _("红橙风险案件")},
    }
    return render(request, "reports/dashboard.html", {
        "board": board, "places": places, "departments": departments, "charts": charts,
        "total_links": _links(board.places, board.places.total), "region_code": code, "period_value": period.param,
        "regions": board.places.roots,
    })


def _month_cases(board: Dashboard, month: str) -> str:
    period = period_parse(month)
    query = {"region": str(board.region.pk)} if board.region is not None else {}
    return f"{reverse('cases:list')}?{urlencode({**query, **(_period_days(period) if period else {})})}"


@staff_view
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Where a login lands: the dashboard for leaders and center staff, the work list for everyone else."""
    if request.user.is_superuser or request.user.has_role(Role.LEADER, Role.CENTER):
        return redirect("reports:dashboard")
    return redirect("cases:my_work")
