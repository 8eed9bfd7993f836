"""A report document as a PDF on the official page of core.pdf (GB/T 9704, Chinese faces of core.pdf_fonts):
title, period and area, the summary, then each section as a table, with a bar chart of received cases
(reportlab.graphics, labels in the document's body face) for the regions, the bodies and the trend."""
from __future__ import annotations

from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from fengqiao.core.pdf import document_styles, paragraph, render_document
from fengqiao.core.pdf_fonts import DocumentFonts
from fengqiao.reports.documents.content import (
    RATE,
    ListPart,
    ReportDocument,
    Section,
    column_headings,
    column_kind,
    row_values,
)

TABLE_SIZE, TABLE_LEADING = 9, 12
CHART_HEIGHT = 62 * mm
CHART_BARS = 24  # the first rows of a long table are charted
CHART_LABEL_CHARS = 8
FIRST_COLUMN = 0.28  # of the text width
GRID = colors.Color(0.6, 0.6, 0.6)
HEAD_FILL = colors.Color(0.92, 0.92, 0.92)
BAR_FILL = colors.Color(0.16, 0.38, 0.62)


def figure_text(value: int | float | None, kind: str) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.1f}%" if kind == RATE else f"{value:,}"


def _table(rows: list[list[str]], fonts: DocumentFonts, widths: list[float], *, wrap_all: bool = False) -> Table:
    """A table whose first column wraps (every column with `wrap_all`, for cells of text)."""
    cell = ParagraphStyle("cell", fontName=fonts.body, fontSize=TABLE_SIZE, leading=TABLE_LEADING, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, alignment=TA_CENTER)
    data = [[paragraph(text, head) for text in rows[0]]]  # headings wrap in their narrow columns
    data += [[paragraph(text, cell) if index == 0 or wrap_all else text for index, text in enumerate(row)]
             for row in rows[1:]]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.body, TABLE_SIZE, TABLE_LEADING),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def _widths(width: float, columns: int) -> list[float]:
    first = width * FIRST_COLUMN
    return [first, *[(width - first) / (columns - 1)] * (columns - 1)]


def section_rows(section: Section) -> list[list[str]]:
    headings = column_headings()
    rows = [[section.column, *(heading for _name, heading in headings)]]
    for row in section.rows:
        rows.append([row.label or row.key, *(figure_text(value, column_kind(name))
                                             for (name, _h), value in zip(headings, row_values(row), strict=True))])
    return rows


def summary_rows(document: ReportDocument) -> list[list[str]]:
    items = document.summary_items()
    return [[heading for heading, _v, _k in items], [figure_text(value, kind) for _h, value, kind in items]]


def chart_labels(section: Section) -> list[str]:
    return [(row.label or row.key)[:CHART_LABEL_CHARS] for row in section.rows[:CHART_BARS]]


def bar_chart(section: Section, fonts: DocumentFonts, width: float) -> Drawing:
    """Received cases of the section's first rows, one bar each."""
    values = [row.received or 0 for row in section.rows[:CHART_BARS]]
    drawing = Drawing(width, CHART_HEIGHT)
    drawing.initialFontName = fonts.body  # the drawing's starting state (else Helvetica, which has no Chinese)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 18 * mm
    chart.width, chart.height = width - 16 * mm, CHART_HEIGHT - 24 * mm
    chart.data = [values]
    chart.bars[0].fillColor = BAR_FILL
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(4, max(values, default=0))
    chart.valueAxis.labels.fontName = fonts.body
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = chart_labels(section)
    chart.categoryAxis.labels.fontName = fonts.body
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(values) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(values) > 6 else "n"
    chart.barLabels.fontName = fonts.body
    chart.barLabels.fontSize = 6
    chart.barLabelFormat = "%d"
    chart.barLabels.nudge = 5
    drawing.add(chart)
    return drawing


def _all_text(document: ReportDocument) -> tuple[str, str]:
    """Every character shown in the body face and in the heading face (the fonts are subset to them)."""
    heading = document.title + "".join(section.title + section.item for section in document.sections) + _("口径说明") \
        + _("概况") + "".join(part.title + part.item for part in document.parts)
    body = [document.period.label, document.area, document.made_on.isoformat(), *document.notes,
            _("统计期间：%(period)s　统计范围：%(area)s　生成日期：%(day)s"), _("没有数据。"), "0123456789.,%—"]
    body += [text for row in summary_rows(document) for text in row]
    for section in document.sections:
        body += [text for row in section_rows(section) for text in row] + chart_labels(section)
    for part in document.parts:
        body += part.all_text()
    return "".join(body), heading


def part_flow(part: ListPart, fonts: DocumentFonts, width: float, styles: dict, note: ParagraphStyle) -> list:
    """A part of its own headings and cells (the items 二 to 四 of the annual petition report): its item heading,
    title, text and table; the text is printed line by line as written."""
    flow: list = [Spacer(1, 4 * mm)]
    if part.item:
        flow.append(paragraph(part.item, styles["heading"]))
    flow.append(paragraph(part.title, styles["heading"]))
    flow += [paragraph(line, note) for line in part.text.splitlines() if line.strip()]
    if part.headings and part.rows:
        rows = [list(part.headings)] + [[str(cell) for cell in row] for row in part.rows]
        columns = len(part.headings)
        widths = [width / columns] * columns if columns <= 4 else _widths(width, columns)
        flow.append(_table(rows, fonts, widths, wrap_all=True))
    return flow


def report_pdf(document: ReportDocument, *, invariant: bool = False) -> bytes:
    body_text, heading_text = _all_text(document)

    def story(fonts: DocumentFonts, width: float) -> list:
        styles = document_styles(fonts)
        note = ParagraphStyle("note", parent=styles["party"], fontSize=10, leading=16)
        line = _("统计期间：%(period)s　统计范围：%(area)s　生成日期：%(day)s") % {
            "period": document.period.label, "area": document.area, "day": document.made_on.isoformat()}
        flow = [paragraph(document.title, styles["title"]), paragraph(line, note), Spacer(1, 4 * mm),
                paragraph(_("概况"), styles["heading"]),
                _table(summary_rows(document), fonts, [width / 7] * 7)]
        for section in document.sections:
            parts = [Spacer(1, 4 * mm)] + ([paragraph(section.item, styles["heading"])] if section.item else [])
            parts.append(paragraph(section.title, styles["heading"]))
            if section.chart and section.rows:
                parts.append(bar_chart(section, fonts, width))
            if section.rows:
                flow += [KeepTogether(parts), _table(section_rows(section), fonts, _widths(width, 8))]
            else:
                flow += [KeepTogether([*parts, paragraph(_("没有数据。"), note)])]
        for part in document.parts:
            flow += part_flow(part, fonts, width, styles, note)
        flow += [Spacer(1, 4 * mm), paragraph(_("口径说明"), styles["heading"])]
        flow += [paragraph(f"{n}. {text}", note) for n, text in enumerate(document.notes, start=1)]
        return flow

    return render_document(body_text=body_text, heading_text=heading_text, story=story, title=document.title,
                           author="Fengqiao", subject=document.period.label, invariant=invariant)
