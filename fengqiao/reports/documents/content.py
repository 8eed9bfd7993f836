"""What a report document says, built only from the count tables through `selectors.figures_for`, as the user
who asked for it (within their jurisdiction): a summary, the figures by region one level down, by category, by
dispute type, by lead department, by channel, and the trend inside the period.

The annual petition report (信访情况年度报告, 信访工作条例 第四十一条第一项) holds the petition process's
figures only: their counts, the fields they concern (categories), the areas (regions) and the bodies most
complained about, which the platform knows as the lead department a petition was handed to as the body with
authority (ranked by petitions received in the year).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from fengqiao.accounts.models import User
from fengqiao.cases.models import Process
from fengqiao.cases.services.petition import PETITION_PROCESS
from fengqiao.regions.models import Region
from fengqiao.reports import selectors
from fengqiao.reports.choices import ReportKind
from fengqiao.reports.periods import MONTH, Period
from fengqiao.reports.selectors import FigureRow

COUNT, RATE = "count", "rate"
# The columns of every table: (FigureRow attribute, heading); a rate's attribute ends in "_rate".
COLUMNS = (("received", gettext_lazy("收到")), ("closed", gettext_lazy("办结")),
           ("on_time_rate", gettext_lazy("按期办结率")), ("settlement_rate", gettext_lazy("解决率")),
           ("satisfaction_rate", gettext_lazy("满意率")), ("open", gettext_lazy("在办（当前）")),
           ("open_overdue", gettext_lazy("超期未办结")))
AREA_NAMES_SHOWN = 3


NO_PETITION_PROCESS = gettext_noop("未配置信访流程，无法生成信访情况年度报告。")


class ReportUnavailable(Exception):
    """The report cannot be made; `message` (a msgid, translated where it is shown) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Section:
    key: str  # region, category, dispute_type, department, channel, trend
    title: str
    column: str  # the heading of the first column
    rows: list[FigureRow]
    chart: bool = False  # a bar chart of the rows' received cases goes with the table
    time_rows: bool = False  # rows are weeks or months: no counts "now"


@dataclass
class ReportDocument:
    kind: str
    title: str
    period: Period
    area: str
    summary: FigureRow
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    made_on: dt.date = field(default_factory=timezone.localdate)

    def summary_items(self) -> list[tuple[str, int | float | None, str]]:
        """(heading, value, COUNT or RATE) of each figure of the summary."""
        return [(heading, getattr(self.summary, name), column_kind(name)) for name, heading in column_headings()]


def column_kind(name: str) -> str:
    return RATE if name.endswith("_rate") else COUNT


def column_headings() -> list[tuple[str, str]]:
    return [(name, str(heading)) for name, heading in COLUMNS]


def row_values(row: FigureRow) -> list[int | float | None]:
    return [getattr(row, name) for name, _heading in COLUMNS]


def petition_process() -> Process:
    process = Process.objects.filter(code=PETITION_PROCESS).first()
    if process is None:
        raise ReportUnavailable(NO_PETITION_PROCESS)
    return process


def area_name(user: User, region: Region | None) -> str:
    if region is not None:
        return region.name
    names = [r.name for r in selectors.jurisdiction_roots(user=user)]
    shown = "、".join(names[:AREA_NAMES_SHOWN])
    return shown + (_("等") if len(names) > AREA_NAMES_SHOWN else "")


def document_title(kind: str, area: str, period: Period) -> str:
    titles = {ReportKind.MONTHLY: _("%(area)s%(period)s统计月报"), ReportKind.QUARTERLY: _("%(area)s%(period)s统计季报"),
              ReportKind.ANNUAL_PETITION: _("%(area)s%(period)s信访情况年度报告")}
    return titles[ReportKind(kind)] % {"area": area, "period": period.label.replace(" ", "")}


def _sections(kind: str, period: Period) -> list[tuple[str, str, str, str, bool]]:
    """(key, grouping, title, first column, chart) of each section of a kind of report."""
    trend_by = selectors.BY_WEEK if period.kind == MONTH else selectors.BY_MONTH
    trend = ("trend", trend_by, _("按周趋势") if trend_by == selectors.BY_WEEK else _("按月趋势"),
             _("周") if trend_by == selectors.BY_WEEK else _("月份"), True)
    if kind == ReportKind.ANNUAL_PETITION:
        return [("region", selectors.BY_REGION, _("信访事项涉及地区"), _("区划"), True),
                ("category", selectors.BY_CATEGORY, _("信访事项涉及领域"), _("诉求类别"), False),
                ("department", selectors.BY_DEPARTMENT, _("被投诉较多的机关、单位"), _("主办机关、单位"), True),
                trend]
    return [("region", selectors.BY_REGION, _("按区划"), _("区划"), True),
            ("category", selectors.BY_CATEGORY, _("按诉求类别"), _("诉求类别"), False),
            ("dispute_type", selectors.BY_DISPUTE_TYPE, _("按纠纷类型"), _("纠纷类型"), False),
            ("department", selectors.BY_DEPARTMENT, _("按主办部门"), _("主办部门"), False),
            ("channel", selectors.BY_CHANNEL, _("按来源渠道"), _("来源渠道"), False),
            trend]


def _every_period(rows: list[FigureRow], keys: list[str]) -> list[FigureRow]:
    """One row for each week or month of the period, in order, those without figures at 0."""
    found = {row.key: row for row in rows}
    return [found.get(key) or FigureRow(key=key, label=key, cases=None, open=None) for key in keys]


def _ranked(rows: list[FigureRow]) -> list[FigureRow]:
    """Most petitions received first (then most cases now); petitions not yet handed to a body last."""
    return sorted(rows, key=lambda r: (r.key == "0", -(r.received or 0), -(r.cases or 0), r.label))


def report_content(*, user: User, kind: str, period: Period, region: Region | None, today: dt.date | None = None,
                   on_progress: Callable[[int, int], None] | None = None) -> ReportDocument:
    """The document of `kind` for `period` and `region` (None: the user's whole jurisdiction), counted as `user`.
    `on_progress(done, total)` is called after each part is counted."""
    today = today or timezone.localdate()
    process = petition_process() if kind == ReportKind.ANNUAL_PETITION else None
    plan = _sections(kind, period)
    total_parts = len(plan) + 1

    def counted(n: int) -> None:
        if on_progress is not None:
            on_progress(n, total_parts)

    summary = selectors.figures_for(user=user, region=region, period=period, by=selectors.BY_REGION, today=today,
                                    process=process)
    area = area_name(user, region)
    document = ReportDocument(kind=kind, title=document_title(kind, area, period), period=period, area=area,
                              summary=summary.total, made_on=today, notes=report_notes(kind))
    counted(1)
    for done, (key, by, title, column, chart) in enumerate(plan, start=2):
        rows = summary.rows if by == selectors.BY_REGION else selectors.figures_for(
            user=user, region=region, period=period, by=by, today=today, process=process).rows
        if key == "trend":
            rows = _every_period(rows, period.weeks() if by == selectors.BY_WEEK else period.months())
        elif key == "department" and process is not None:
            rows = _ranked(rows)
        document.sections.append(Section(key=key, title=title, column=column, rows=rows, chart=chart,
                                         time_rows=key == "trend"))
        counted(done)
    return document


def report_notes(kind: str) -> list[str]:
    notes = [
        _("收到、办结：期间内收到或办结的案件（不予受理、告知其他途径不算办结）。"),
        _("按期办结率：每个办理环节都在期限内（含批准的延期）办结的案件，占期间内办结案件与已超期仍未办结案件之和的比例。"),
        _("解决率、满意率：期间内完成的回访中，群众表示“已解决”，或“满意”“基本满意”的比例。"),
        _("在办：生成报表时仍在办理的案件数；超期未办结：其中本环节期限日在期间内且已过的案件。"),
    ]
    if kind == ReportKind.ANNUAL_PETITION:
        notes.append(_("本报告只统计信访事项。被投诉较多的机关、单位按信访事项交由其作为有权处理机关办理（主办）的件数排序。"))
    return notes
