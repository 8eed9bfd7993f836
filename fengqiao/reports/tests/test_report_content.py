"""A report document says what the figures say: every part of it equals `figures_for` for the same period and
region, it reads only the count tables, and the annual petition report counts petitions only."""
from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from fengqiao.cases.models import Case, Category
from fengqiao.cases.services import case_transition
from fengqiao.reports import selectors
from fengqiao.reports.choices import ReportKind
from fengqiao.reports.documents.content import report_content
from fengqiao.reports.periods import month_of, period_parse, quarter_of, year_of
from fengqiao.testing.factories import make_case

FIELDS = ("key", "label", "cases", "open", "open_overdue", "received", "closed", "closed_on_time", "closed_late",
          "answered", "settled", "satisfied", "dissatisfied")
SECTION_GROUPINGS = {"region": "region", "category": "category", "dispute_type": "dispute_type",
                     "department": "department", "channel": "channel"}


def figures(rows) -> list[tuple]:
    return [tuple(getattr(row, name) for name in FIELDS) for row in rows]


@pytest.fixture
def petitions(history, county, fresh, django_capture_on_commit_callbacks):
    """Three more petitions: two handed to the labour bureau (one in another street), one to the police."""
    category = Category.objects.filter(is_active=True).first()

    def petition(region, department):
        with django_capture_on_commit_callbacks(execute=True):
            case = make_case(acting_user=county.center, region=region, process="petition", category=category)
        with django_capture_on_commit_callbacks(execute=True):
            case_transition(case=Case.objects.get(pk=case.pk), action="assign", to_department=department,
                            acting_user=fresh(county.center))
        return case

    return [petition(county.grid, county.labour), petition(county.other_grid, county.labour),
            petition(county.grid, county.police)]


@pytest.mark.parametrize("region_name", [None, "street"])
def test_the_quarterly_report_says_what_the_figures_say(history, county, fresh, region_name):
    user, today = fresh(county.center), timezone.localdate()
    period = period_parse(quarter_of(today))
    region = getattr(county, region_name) if region_name else None
    document = report_content(user=user, kind=ReportKind.QUARTERLY, period=period, region=region, today=today)

    def figures_by(by):
        return selectors.figures_for(user=user, region=region, period=period, by=by, today=today)

    assert figures([document.summary]) == figures([figures_by("region").total])
    assert document.summary.received >= 1
    sections = {section.key: section for section in document.sections}
    assert list(sections) == [*SECTION_GROUPINGS, "trend"]
    for key, by in SECTION_GROUPINGS.items():
        assert figures(sections[key].rows) == figures(figures_by(by).rows), key
    months = {row.key: row for row in figures_by("month").rows}
    assert [row.key for row in sections["trend"].rows] == period.months()
    for row in sections["trend"].rows:
        if row.key in months:
            assert figures([row]) == figures([months[row.key]])
        else:
            assert (row.received, row.closed, row.open_overdue) == (0, 0, 0)
    assert sum(row.received for row in sections["trend"].rows) == document.summary.received


def test_the_monthly_report_shows_the_weeks_of_its_month(history, county, fresh):
    user, today = fresh(county.center), timezone.localdate()
    period = period_parse(month_of(today))
    document = report_content(user=user, kind=ReportKind.MONTHLY, period=period, region=None, today=today)
    trend = document.sections[-1]
    assert [row.key for row in trend.rows] == period.weeks()
    assert sum(row.received for row in trend.rows) == document.summary.received >= 1


def test_the_report_reads_only_the_count_tables_and_reports_its_progress(history, county, fresh):
    user, today = fresh(county.leader), timezone.localdate()
    steps = []
    with CaptureQueriesContext(connection) as queries:
        report_content(user=user, kind=ReportKind.ANNUAL_PETITION, period=period_parse(year_of(today)),
                       region=None, today=today, on_progress=lambda done, total: steps.append((done, total)))
    touched = [q["sql"] for q in queries.captured_queries if re.search(r"\bcases_case\b", q["sql"].replace('"', " "))]
    assert touched == []
    assert steps == [(n, 7) for n in range(1, 8)]  # the summary, five sections, then items 二 to 四


def test_the_annual_petition_report_counts_petitions_by_area_field_and_body(petitions, county, fresh):
    user, today = fresh(county.center), timezone.localdate()
    with translation.override("zh-hans"):
        document = report_content(user=user, kind=ReportKind.ANNUAL_PETITION, period=period_parse(year_of(today)),
                                  region=None, today=today)
    received = [case for case in Case.objects.filter(process__code="petition", region_path__startswith=county.county.path)
                if timezone.localtime(case.received_at).year == today.year]
    assert document.summary.received == len(received) >= 3
    assert "信访情况年度报告" in document.title and str(today.year) in document.title
    sections = {section.key: section for section in document.sections}
    assert list(sections) == ["region", "category", "accused", "department", "trend"]
    assert sections["accused"].title == "第四十一条第一项·被投诉较多的机关、单位"
    assert sections["accused"].rows == []  # none of these petitions is an accusation
    assert sections["department"].title == "第四十一条第一项·承办机关、单位"
    ranked = [(row.label, row.received) for row in sections["department"].rows]
    # the police also lead a dispute (history's transfer): only its one petition counts here
    assert ranked[:2] == [(county.labour.name, 2), (county.police.name, 1)]
    assert ranked[-1][0] == "未交办部门"
    streets = {row.key: row.received for row in sections["region"].rows}
    assert streets[county.other_street.path] == 1
    assert sum(streets.values()) == document.summary.received
    fields = {row.label: row.received for row in sections["category"].rows}
    assert fields[Category.objects.filter(is_active=True).first().name] >= 3
