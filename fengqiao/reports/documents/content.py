"""What a report document says, built only from the count tables through `selectors.figures_for`, as the user
who asked for it (within their jurisdiction): a summary, the figures by region one level down, by category, by
dispute type, by lead department, by channel, and the trend inside the period.

The annual petition report (信访情况年度报告) holds the four items of 信访工作条例 第四十一条, each under a heading
citing it: (一) the petition process's figures only: their counts, the fields they concern (categories), the areas
(regions), the bodies most complained about (the body an accusation names, PetitionDetail.accused_department,
ranked by petitions received in the year) and the bodies that handled them (lead department); (二) the petition
office's 转送, 交办 and 督办 by region (the daily counts of reports.services.facts); (三) the recommendations it made
(reports.models.Recommendation) counted by kind and adoption, and listed; (四) the other matters the requester wrote
when asking for the report.
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
from fengqiao.reports.choices import RecommendationKind, RecommendationStatus, ReportKind
from fengqiao.reports.periods import MONTH, Period
from fengqiao.reports.selectors import FigureRow

COUNT, RATE = "count", "rate"
# The columns of every table: (FigureRow attribute, heading); a rate's attribute ends in "_rate".
COLUMNS = (("received", gettext_lazy("收到")), ("closed", gettext_lazy("办结")),
           ("on_time_rate", gettext_lazy("按期办结率")), ("settlement_rate", gettext_lazy("解决率")),
           ("satisfaction_rate", gettext_lazy("满意率")), ("open", gettext_lazy("在办（当前）")),
           ("open_overdue", gettext_lazy("超期未办结")))
AREA_NAMES_SHOWN = 3
ARTICLE_41_ITEMS = {
    1: gettext_lazy("一、信访事项的数据统计、涉及领域以及被投诉较多的机关、单位（信访工作条例第四十一条第一项）"),
    2: gettext_lazy("二、转送、交办、督办情况（信访工作条例第四十一条第二项）"),
    3: gettext_lazy("三、提出改进工作、完善政策、追究责任建议以及被采纳情况（信访工作条例第四十一条第三项）"),
    4: gettext_lazy("四、其他应当报告的事项（信访工作条例第四十一条第四项）"),
}
STEP_COLUMNS = (("transferred", gettext_lazy("转送")), ("assigned", gettext_lazy("交办")),
                ("supervised", gettext_lazy("督办")))


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
    item: str = ""  # the heading of the item of 第四十一条 this section opens (annual petition report)


@dataclass
class ListPart:
    """A part that is not a table of figures: a table of its own headings and cells, a text, or both (the items
    二 to 四 of the annual petition report)."""

    key: str
    title: str
    headings: list[str] = field(default_factory=list)
    rows: list[list[str | int]] = field(default_factory=list)
    text: str = ""
    item: str = ""

    def all_text(self) -> list[str]:
        return [self.title, self.text, self.item, *self.headings, *(str(cell) for row in self.rows for cell in row)]


@dataclass
class ReportDocument:
    kind: str
    title: str
    period: Period
    area: str
    summary: FigureRow
    sections: list[Section] = field(default_factory=list)
    parts: list[ListPart] = field(default_factory=list)
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
        return [("region", selectors.BY_REGION, _("第四十一条第一项·信访事项涉及地区"), _("区划"), True),
                ("category", selectors.BY_CATEGORY, _("第四十一条第一项·信访事项涉及领域"), _("诉求类别"), False),
                ("accused", selectors.BY_ACCUSED, _("第四十一条第一项·被投诉较多的机关、单位"), _("被投诉机关、单位"),
                 True),
                ("department", selectors.BY_DEPARTMENT, _("第四十一条第一项·承办机关、单位"), _("主办机关、单位"), False),
                (trend[0], trend[1], _("第四十一条第一项·") + trend[2], trend[3], trend[4])]
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
                   on_progress: Callable[[int, int], None] | None = None, other_matters: str = "") -> ReportDocument:
    """The document of `kind` for `period` and `region` (None: the user's whole jurisdiction), counted as `user`;
    `other_matters` is printed as item 四 of an annual petition report. `on_progress(done, total)` is called after
    each part is counted."""
    today = today or timezone.localdate()
    annual = kind == ReportKind.ANNUAL_PETITION
    process = petition_process() if annual else None
    plan = _sections(kind, period)
    total_parts = len(plan) + 1 + (1 if annual else 0)

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
        elif key in ("department", "accused") and process is not None:
            rows = _ranked(rows)
        document.sections.append(Section(key=key, title=title, column=column, rows=rows, chart=chart,
                                         time_rows=key == "trend", item=str(ARTICLE_41_ITEMS[1]) if annual and done == 2
                                         else ""))
        counted(done)
    if annual:
        document.parts = [_steps_part(summary.rows, summary.total),
                          *_recommendation_parts(user=user, region=region, period=period),
                          _other_matters_part(other_matters)]
        counted(total_parts)
    return document


def _steps_part(rows: list[FigureRow], total: FigureRow) -> ListPart:
    """Item 二: the petitions transferred, assigned and supervised in the period, by region and in all."""
    headings = [_("区划"), *(str(heading) for _name, heading in STEP_COLUMNS)]
    cells: list[list[str | int]] = [[row.label or row.key, *(getattr(row, name) for name, _h in STEP_COLUMNS)]
                                    for row in rows if any(getattr(row, name) for name, _h in STEP_COLUMNS)]
    cells.append([_("合计"), *(getattr(total, name) for name, _h in STEP_COLUMNS)])
    text = _("期间内转送%(transferred)d件次，交办%(assigned)d件次，督办%(supervised)d件次。") % {
        name: getattr(total, name) for name, _h in STEP_COLUMNS}
    return ListPart(key="steps", title=_("第四十一条第二项·转送、交办、督办情况"), headings=headings, rows=cells,
                    text=text, item=str(ARTICLE_41_ITEMS[2]))


def _recommendation_parts(*, user: User, region: Region | None, period: Period) -> list[ListPart]:
    """Item 三: the recommendations made in the period, counted by kind and adoption, then each of them."""
    items = list(selectors.recommendations_for(user=user, region=region, period=period).order_by("made_on", "pk"))
    statuses = list(RecommendationStatus)
    headings = [_("建议类别"), _("提出"), *(str(status.label) for status in statuses)]
    counts: list[list[str | int]] = []
    for kind in RecommendationKind:
        mine = [item for item in items if item.kind == kind]
        counts.append([str(kind.label), len(mine), *(sum(1 for i in mine if i.status == s) for s in statuses)])
    counts.append([_("合计"), len(items), *(sum(1 for i in items if i.status == s) for s in statuses)])
    adopted = sum(1 for i in items if i.status in (RecommendationStatus.ADOPTED, RecommendationStatus.PARTLY_ADOPTED))
    text = _("期间内提出建议%(made)d件，已采纳或部分采纳%(adopted)d件。") % {"made": len(items), "adopted": adopted}
    listing = ListPart(
        key="recommendations", title=_("第四十一条第三项·建议清单"),
        headings=[_("提出日期"), _("建议类别"), _("建议对象"), _("区划"), _("建议内容"), _("采纳情况"), _("答复日期"),
                  _("采纳情况说明")],
        rows=[[i.made_on.isoformat(), i.get_kind_display(), i.addressed_to.name, i.region.name, i.text,
               i.get_status_display(), i.decided_on.isoformat() if i.decided_on else "", i.decision_note]
              for i in items],
        text="" if items else _("期间内未提出建议。"))
    return [ListPart(key="recommendation_counts", title=_("第四十一条第三项·建议及被采纳情况"), headings=headings,
                     rows=counts, text=text, item=str(ARTICLE_41_ITEMS[3])), listing]


def _other_matters_part(text: str) -> ListPart:
    """Item 四: what the requester wrote, as written ("无。" when nothing)."""
    return ListPart(key="other_matters", title=_("第四十一条第四项·其他应当报告的事项"), text=text.strip() or _("无。"),
                    item=str(ARTICLE_41_ITEMS[4]))


def report_notes(kind: str) -> list[str]:
    notes = [
        _("收到、办结：期间内收到或办结的案件（不予受理、告知其他途径不算办结）。"),
        _("按期办结率：每个办理环节都在期限内（含批准的延期）办结的案件，占期间内办结案件与已超期仍未办结案件之和的比例。"),
        _("解决率、满意率：期间内完成的回访中，群众表示“已解决”，或“满意”“基本满意”的比例。"),
        _("在办：生成报表时仍在办理的案件数；超期未办结：其中本环节期限日在期间内且已过的案件。"),
    ]
    if kind == ReportKind.ANNUAL_PETITION:
        notes.append(_("本报告只统计信访事项。被投诉较多的机关、单位按登记为被检举控告单位的信访事项件数排序；承办机关、单位按信访事项交由其作为有权处理机关办理（主办）的件数排序。"))
        notes.append(_("转送：信访事项转办其他有权处理的机关、单位或涉法涉诉转送政法部门；交办：转送交办步骤将信访事项交由有权处理的机关、单位办理并确定期限；督办：发出督办通知（含超期自动督办）。均按件次计，计入办理之日。"))
        notes.append(_("建议：信访部门登记的改进工作、完善政策、追究责任建议，按提出日期计入期间，采纳情况为生成报表时的登记。"))
    return notes
