"""The annual petition report carries the four items of 信访工作条例 第四十一条, each under a heading citing it, in
the document, the workbook and the PDF: (一) counts, fields, areas and the bodies most complained about; (二) 转送,
交办, 督办; (三) the recommendations by kind and adoption, and their list; (四) what the requester wrote."""
from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from fengqiao.core.errors import ValidationFailed
from fengqiao.reports.choices import RecommendationStatus, ReportKind, RunStatus
from fengqiao.reports.documents.content import report_content
from fengqiao.reports.documents.pdf import report_pdf
from fengqiao.reports.documents.xlsx import report_xlsx
from fengqiao.reports.models import ReportRun
from fengqiao.reports.periods import period_parse, year_of
from fengqiao.reports.services.documents import report_request
from fengqiao.reports.services.recommendations import recommendation_decide, recommendation_record
from fengqiao.reports.tests.test_petition_office_counts import office_steps  # noqa: F401 - a fixture

OTHER_MATTERS = "本年度开展信访积案化解专项行动。\n群众来访集中在第三季度。"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def recommendations(county, fresh):
    """Three recommendations this year (one adopted, one partly, one pending), one last year, one in another
    county."""
    today = timezone.localdate()
    user = fresh(county.center)

    def made(kind, department, text, made_on=today):
        return recommendation_record(acting_user=user, kind=kind, addressed_to=department, region=county.street,
                                     text=text, made_on=made_on)

    adopted = made("improve_work", county.labour, "建议人社局建立欠薪线索快速核查机制")
    recommendation_decide(acting_user=user, recommendation_id=adopted.pk, status=RecommendationStatus.ADOPTED,
                          decided_on=today, note="已出台核查办法")
    partly = made("improve_policy", county.labour, "建议完善农民工工资保证金制度")
    recommendation_decide(acting_user=user, recommendation_id=partly.pk, status=RecommendationStatus.PARTLY_ADOPTED,
                          decided_on=today)
    made("accountability", county.police, "建议对推诿不办的责任人追究责任")
    made("improve_work", county.police, "去年的建议", made_on=today.replace(year=today.year - 1, day=1))
    return user


def annual(county, fresh, other_matters=OTHER_MATTERS):
    today = timezone.localdate()
    with translation.override("zh-hans"):
        return report_content(user=fresh(county.center), kind=ReportKind.ANNUAL_PETITION,
                              period=period_parse(year_of(today)), region=None, today=today,
                              other_matters=other_matters)


def test_the_document_holds_the_four_items(office_steps, recommendations, county, fresh):  # noqa: F811
    document = annual(county, fresh)
    assert [s.key for s in document.sections] == ["region", "category", "accused", "department", "trend"]
    assert [p.key for p in document.parts] == ["steps", "recommendation_counts", "recommendations", "other_matters"]
    assert all(s.title.startswith("第四十一条第一项") for s in document.sections)
    assert [p.title[:8] for p in document.parts] == ["第四十一条第二项", "第四十一条第三项", "第四十一条第三项",
                                                     "第四十一条第四项"]
    items = [s.item for s in document.sections if s.item] + [p.item for p in document.parts if p.item]
    assert [item[:2] for item in items] == ["一、", "二、", "三、", "四、"]
    assert all("信访工作条例第四十一条" in item for item in items)

    accused = {row.label: row.received for row in document.sections[2].rows}
    assert accused == {county.police.name: 1, county.labour.name: 1}

    steps = {p.key: p for p in document.parts}["steps"]
    assert steps.headings == ["区划", "转送", "交办", "督办"]
    assert steps.rows[-1] == ["合计", 2, 2, 1]
    assert steps.rows[0] == [county.street.name, 2, 2, 1]  # all three petitions came from the street's grid

    counts = {p.key: p for p in document.parts}["recommendation_counts"]
    assert counts.headings == ["建议类别", "提出", "待答复", "已采纳", "部分采纳", "未采纳"]
    assert counts.rows == [["改进工作", 1, 0, 1, 0, 0], ["完善政策", 1, 0, 0, 1, 0], ["追究责任", 1, 1, 0, 0, 0],
                           ["合计", 3, 1, 1, 1, 0]]
    assert "已采纳或部分采纳2件" in counts.text
    listing = {p.key: p for p in document.parts}["recommendations"]
    assert [row[4] for row in listing.rows] == ["建议人社局建立欠薪线索快速核查机制", "建议完善农民工工资保证金制度",
                                                "建议对推诿不办的责任人追究责任"]  # last year's is not this year's
    assert listing.rows[0][5:] == ["已采纳", timezone.localdate().isoformat(), "已出台核查办法"]
    assert {p.key: p for p in document.parts}["other_matters"].text == OTHER_MATTERS


def test_an_annual_report_without_other_matters_or_recommendations_says_so(office_steps, county, fresh):  # noqa: F811
    parts = {p.key: p for p in annual(county, fresh, other_matters="  ").parts}
    assert parts["other_matters"].text == "无。"
    assert parts["recommendations"].rows == [] and parts["recommendations"].text == "期间内未提出建议。"
    assert parts["recommendation_counts"].rows[-1] == ["合计", 0, 0, 0, 0, 0]


def test_recommendations_of_another_county_are_not_in_the_report(office_steps, recommendations, county,  # noqa: F811
                                                                 other_county, fresh):
    today = timezone.localdate()
    with translation.override("zh-hans"):
        theirs = report_content(user=fresh(other_county.center), kind=ReportKind.ANNUAL_PETITION,
                                period=period_parse(year_of(today)), region=None, today=today)
    parts = {p.key: p for p in theirs.parts}
    assert parts["recommendations"].rows == []
    assert parts["steps"].rows == [["合计", 0, 0, 0]]


def test_the_workbook_and_the_pdf_carry_the_four_items(office_steps, recommendations, county, fresh):  # noqa: F811
    document = annual(county, fresh)
    with translation.override("zh-hans"):
        book = openpyxl.load_workbook(io.BytesIO(report_xlsx(document)))
        pdf = report_pdf(document)
    assert book.sheetnames[-4:] == ["第四十一条第二项·转送、交办、督办情况", "第四十一条第三项·建议及被采纳情况",
                                    "第四十一条第三项·建议清单", "第四十一条第四项·其他应当报告的事项"]
    assert "第四十一条第一项·被投诉较多的机关、单位" in book.sheetnames
    summary = [cell.value for cell in book["概况"]["A"]]
    assert "报告内容" in summary
    assert sum(1 for value in summary if value and "信访工作条例第四十一条" in value) == 4
    steps = [[cell.value for cell in row] for row in book["第四十一条第二项·转送、交办、督办情况"].iter_rows()]
    assert ["合计", 2, 2, 1] in steps and steps[0][0].startswith("二、")
    listing = [[cell.value for cell in row] for row in book["第四十一条第三项·建议清单"].iter_rows()]
    assert any(row[4] == "建议完善农民工工资保证金制度" and row[5] == "部分采纳" for row in listing)
    other = [cell.value for cell in book["第四十一条第四项·其他应当报告的事项"]["A"]]
    assert other[2:4] == OTHER_MATTERS.splitlines()

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "").replace("\n", "")
    for expected in ("信访工作条例第四十一条第一项", "信访工作条例第四十一条第二项", "信访工作条例第四十一条第三项",
                     "信访工作条例第四十一条第四项", "被投诉较多的机关、单位", "建议完善农民工工资保证金制度",
                     "本年度开展信访积案化解专项行动。", "群众来访集中在第三季度。"):
        assert expected in text, expected


def test_other_matters_are_asked_with_the_annual_report_only(county, fresh, django_capture_on_commit_callbacks):
    user = fresh(county.center)
    with pytest.raises(ValidationFailed) as refused:
        report_request(kind=ReportKind.MONTHLY, period="2026-01", region=None, fmt="xlsx", acting_user=user,
                       other_matters="不属于月报")
    assert "other_matters" in refused.value.field_errors
    with pytest.raises(ValidationFailed):
        report_request(kind=ReportKind.ANNUAL_PETITION, period=year_of(timezone.localdate()), region=None, fmt="pdf",
                       acting_user=user, other_matters="长" * 5001)
    with django_capture_on_commit_callbacks(execute=True):
        run = report_request(kind=ReportKind.ANNUAL_PETITION, period=year_of(timezone.localdate()), region=None,
                             fmt="xlsx", acting_user=user, other_matters=f"  {OTHER_MATTERS}  ")
    run.refresh_from_db()
    assert (run.status, run.other_matters) == (RunStatus.DONE, OTHER_MATTERS)
    with run.file.open("rb") as handle:
        book = openpyxl.load_workbook(io.BytesIO(handle.read()))
    assert [c.value for c in book["第四十一条第四项·其他应当报告的事项"]["A"]][2:4] == OTHER_MATTERS.splitlines()


def test_the_page_asks_for_other_matters(county, fresh, client):
    client.force_login(fresh(county.center))
    response = client.post("/reports/documents/", {"kind": "annual_petition", "period": str(timezone.localdate().year),
                                                   "region": "", "file_format": "pdf",
                                                   "other_matters": "年度其他事项"})
    assert response.status_code == 303
    assert ReportRun.objects.get().other_matters == "年度其他事项"
    assert "其他应当报告的事项" in client.get("/reports/documents/").content.decode()
