"""A report document as an XLSX workbook: a summary sheet, then one sheet per section with a header row, rates
formatted as percentages, and a native bar chart on the sheets of regions, bodies and the trend. Text that a
spreadsheet would read as a formula (= + - @ …) is written as plain text (warning.export.safe_cell)."""
from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from fengqiao.reports.documents.content import (
    RATE,
    ListPart,
    ReportDocument,
    Section,
    column_headings,
    column_kind,
    row_values,
)
from fengqiao.warning.export import safe_cell

RATE_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
SHEET_TITLE_MAX = 31  # Excel's limit
FIRST_COLUMN_WIDTH, COLUMN_WIDTH = 28, 13


def _put(sheet: Worksheet, row: int, column: int, value: object, *, kind: str = "") -> None:
    cell = sheet.cell(row=row, column=column, value=safe_cell(value))
    if kind:
        cell.number_format = RATE_FORMAT if kind == RATE else COUNT_FORMAT


def _header(sheet: Worksheet, row: int, names: list[str]) -> None:
    for column, name in enumerate(names, start=1):
        _put(sheet, row, column, name)
        sheet.cell(row=row, column=column).font = BOLD
        sheet.cell(row=row, column=column).alignment = Alignment(horizontal="center", wrap_text=True)


def _widths(sheet: Worksheet, columns: int) -> None:
    sheet.column_dimensions["A"].width = FIRST_COLUMN_WIDTH
    for index in range(2, columns + 1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = COLUMN_WIDTH


def _summary_sheet(sheet: Worksheet, document: ReportDocument) -> None:
    sheet.title = _("概况")
    _header(sheet, 1, [_("指标"), _("数值")])
    row = 2
    for heading, value, kind in document.summary_items():
        _put(sheet, row, 1, heading)
        _put(sheet, row, 2, value, kind=kind)
        row += 1
    row += 1
    for label, value in ((_("报表"), document.title), (_("统计期间"), document.period.label),
                         (_("统计范围"), document.area), (_("生成日期"), document.made_on.isoformat())):
        _put(sheet, row, 1, label)
        _put(sheet, row, 2, value)
        row += 1
    items = [item for item in [*(s.item for s in document.sections), *(p.item for p in document.parts)] if item]
    if items:
        row += 1
        _put(sheet, row, 1, _("报告内容"))
        sheet.cell(row=row, column=1).font = BOLD
        for item in items:
            row += 1
            _put(sheet, row, 1, item)
    row += 1
    _put(sheet, row, 1, _("口径说明"))
    sheet.cell(row=row, column=1).font = BOLD
    for note in document.notes:
        row += 1
        _put(sheet, row, 1, note)
    _widths(sheet, 2)
    sheet.column_dimensions["B"].width = 40
    sheet.freeze_panes = "A2"


def _section_sheet(sheet: Worksheet, section: Section) -> None:
    headings = column_headings()
    _header(sheet, 1, [section.column, *(heading for _name, heading in headings)])
    for row_index, row in enumerate(section.rows, start=2):
        _put(sheet, row_index, 1, row.label or row.key)
        for column, ((name, _heading), value) in enumerate(zip(headings, row_values(row), strict=True), start=2):
            _put(sheet, row_index, column, value, kind=column_kind(name))
    if not section.rows:
        _put(sheet, 2, 1, _("没有数据。"))
    _widths(sheet, len(headings) + 1)
    sheet.freeze_panes = "B2"
    if section.chart and section.rows:
        _bar_chart(sheet, section, rows=len(section.rows))


def _bar_chart(sheet: Worksheet, section: Section, *, rows: int) -> None:
    """Received cases of each row (column B), the rows' names as categories."""
    chart = BarChart()
    chart.type = "col"
    chart.title = section.title
    chart.y_axis.title = _("收到")
    chart.y_axis.majorGridlines = None
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=rows + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows + 1))
    chart.legend = None
    chart.width, chart.height = 18, 9
    sheet.add_chart(chart, f"{sheet.cell(row=1, column=len(column_headings()) + 3).column_letter}2")


def _part_sheet(sheet: Worksheet, part: ListPart) -> None:
    """The item heading and the title, the text (a line a row), then the part's own table."""
    row = 1
    for heading in (part.item, part.title):
        if heading:
            _put(sheet, row, 1, heading)
            sheet.cell(row=row, column=1).font = BOLD
            row += 1
    for line in part.text.splitlines():
        _put(sheet, row, 1, line)
        row += 1
    if part.headings and part.rows:
        row += 1
        _header(sheet, row, list(part.headings))
        for cells in part.rows:
            row += 1
            for column, value in enumerate(cells, start=1):
                _put(sheet, row, column, value, kind="count" if isinstance(value, int) else "")
    _widths(sheet, max(len(part.headings), 1))


def sheet_title(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    clean = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()[:SHEET_TITLE_MAX] or "Sheet"
    name, number = clean, 2
    while name in taken:
        suffix = f" {number}"
        name, number = clean[:SHEET_TITLE_MAX - len(suffix)] + suffix, number + 1
    taken.add(name)
    return name


def report_xlsx(document: ReportDocument) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    _summary_sheet(summary, document)
    taken = {summary.title}
    for section in document.sections:
        _section_sheet(workbook.create_sheet(sheet_title(section.title, taken)), section)
    for part in document.parts:
        _part_sheet(workbook.create_sheet(sheet_title(part.title, taken)), part)
    workbook.properties.title = document.title
    workbook.properties.creator = "Fengqiao"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
