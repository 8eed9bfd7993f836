"""The report document as XLSX (sections, header rows, rate formats, native charts, formula-like text made
plain) and as PDF (a real PDF with pages)."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from fengqiao.reports.choices import ReportKind
from fengqiao.reports.documents.content import ReportDocument, Section, report_content
from fengqiao.reports.documents.pdf import report_pdf
from fengqiao.reports.documents.xlsx import report_xlsx, sheet_title
from fengqiao.reports.periods import period_parse, quarter_of
from fengqiao.reports.selectors import FigureRow


@pytest.fixture
def quarterly(history, county, fresh):
    today = timezone.localdate()
    with translation.override("zh-hans"):
        return report_content(user=fresh(county.center), kind=ReportKind.QUARTERLY,
                              period=period_parse(quarter_of(today)), region=None, today=today)


def hostile_document() -> ReportDocument:
    """Names an administrator typed that a spreadsheet would run as formulas."""
    rows = [FigureRow(key="1", label="=HYPERLINK(\"http://example.invalid\",\"点此\")", received=3, closed=2,
                      closed_on_time=1),
            FigureRow(key="2", label="+86 街道", received=1), FigureRow(key="3", label="-1 社区", received=0),
            FigureRow(key="4", label="@SUM(A1)", received=2)]
    return ReportDocument(kind=ReportKind.MONTHLY, title="=1+1 月报", period=period_parse("2026-03"), area="@县",
                          summary=FigureRow(key="total", label="合计", received=6, closed=2, closed_on_time=1),
                          sections=[Section(key="region", title="按区划", column="区划", rows=rows, chart=True)],
                          notes=["-说明"], made_on=dt.date(2026, 4, 1))


def test_the_workbook_has_a_sheet_per_section_with_headers_rates_and_charts(quarterly):
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(quarterly)))
    assert book.sheetnames == ["概况", *(section.title for section in quarterly.sections)]
    summary = book["概况"]
    values = {row[0].value: row[1] for row in summary.iter_rows(min_row=2, max_row=8)}
    assert values["收到"].value == quarterly.summary.received
    assert values["按期办结率"].number_format == "0.0%"
    regions = book["按区划"]
    assert [cell.value for cell in regions[1]][:4] == ["区划", "收到", "办结", "按期办结率"]
    assert regions.cell(row=2, column=4).number_format == "0.0%"
    assert len(regions._charts) == 1 and len(book["按月趋势"]._charts) == 1
    assert book["按诉求类别"]._charts == []
    trend = book["按月趋势"]
    assert [trend.cell(row=n, column=1).value for n in range(2, 5)] == period_parse(quarter_of(
        timezone.localdate())).months()


def test_text_that_looks_like_a_formula_is_written_as_plain_text():
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(hostile_document())))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert cells
    assert all(cell.data_type != "f" and not cell.value.startswith(("=", "+", "-", "@")) for cell in cells)
    labels = [book["按区划"].cell(row=n, column=1).value for n in range(2, 6)]
    assert labels == ["'=HYPERLINK(\"http://example.invalid\",\"点此\")", "'+86 街道", "'-1 社区", "'@SUM(A1)"]


def test_sheet_names_are_short_clean_and_unique():
    taken: set[str] = set()
    assert sheet_title("按区划", taken) == "按区划"
    assert sheet_title("按区划", taken) == "按区划 2"
    long_name = sheet_title("a/b:c" + "长" * 40, taken)
    assert len(long_name) == 31 and "/" not in long_name and ":" not in long_name


def test_the_pdf_has_pages_and_the_chinese_font(quarterly):
    content = report_pdf(quarterly)
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 2
    fonts = set()
    for page in reader.pages:
        table = page["/Resources"]["/Font"]
        fonts |= {str(table[name]["/BaseFont"]) for name in table}
    assert fonts and not any("Helvetica" in name for name in fonts)


def test_the_pdf_of_names_that_look_like_formulas_and_of_empty_sections():
    document = hostile_document()
    document.sections.append(Section(key="channel", title="按来源渠道", column="来源渠道", rows=[]))
    content = report_pdf(document, invariant=True)
    assert content.startswith(b"%PDF") and content == report_pdf(document, invariant=True)
    assert len(PdfReader(io.BytesIO(content)).pages) >= 1
