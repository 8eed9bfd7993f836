"""The count tables kept current by the events == the tables rebuilt from scratch == a live count of the cases,
for every figure and every grouping (run on SQLite and, with DATABASE_URL, on PostgreSQL)."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case, PetitionDetail
from fengqiao.followup.choices import SATISFIED_VALUES, FollowUpStatus, Settled
from fengqiao.followup.figures import BY_DEPARTMENT, BY_MONTH, followup_figures
from fengqiao.followup.models import FollowUp
from fengqiao.intake.choices import Channel
from fengqiao.regions.paths import ancestor_paths
from fengqiao.reports import selectors
from fengqiao.reports.models import CaseTally, DailyCount, StateCount
from fengqiao.reports.periods import Period, month_of, week_of
from fengqiao.reports.services import case_counts_refresh_many, counts_rebuild

ALL_TIME = Period(param="all")
CASE_FIELDS = {"state": "state_id", "process": "process_id", "category": "category_id",
               "dispute_type": "dispute_type_id", "channel": "channel", "department": "lead_department_id"}


def table_rows() -> set[tuple]:
    daily = DailyCount.objects.exclude(received=0, closed=0, answered=0).values_list(
        "day", "region_path", "depth", "dimension", "value", "received", "closed", "closed_on_time", "closed_late",
        "answered", "settled", "satisfied", "dissatisfied")
    state = StateCount.objects.exclude(cases=0).values_list(
        "region_path", "depth", "dimension", "value", "state_id", "due_on", "cases")
    return {("d", *row) for row in daily} | {("s", *row) for row in state}


def local(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def live_rows(county_path: str, by: str, today: dt.date, process_id: int | None = None) -> dict[str, Counter]:
    """Each figure of the page counted straight from the case and follow-up rows, grouped as the page groups (the
    cases of one process only when `process_id` is given)."""
    only = {"process_id": process_id} if process_id else {}
    cases = list(Case.objects.filter(region_path__startswith=county_path, **only).select_related("state"))
    accused = dict(PetitionDetail.objects.filter(accused_department__isnull=False).values_list(
        "case_id", "accused_department_id"))
    if by == selectors.BY_ACCUSED:  # only the petitions that name an accused body count in its rows
        cases = [case for case in cases if case.pk in accused]

    def key(case: Case, day: dt.date | None = None) -> str:
        if by == selectors.BY_ACCUSED:
            return str(accused[case.pk])
        if by == selectors.BY_REGION:
            return ancestor_paths(case.region_path)[1]
        if by in selectors.BY_TIME:
            assert day is not None
            return week_of(day) if by == selectors.BY_WEEK else month_of(day)
        return str(getattr(case, CASE_FIELDS[by]) or 0)

    rows: dict[str, Counter] = {}
    start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    for case in cases:
        kind = case.state.kind
        overdue = kind == StateKind.OPEN and case.due_at and case.due_at < start_of_today and not case.clock_paused_at
        if by not in selectors.BY_TIME:
            rows.setdefault(key(case), Counter()).update(cases=1, open=int(kind == StateKind.OPEN),
                                                         open_overdue=int(bool(overdue)))
        elif overdue:
            rows.setdefault(key(case, local(case.due_at)), Counter()).update(open_overdue=1)
        if by != selectors.BY_STATE:
            rows.setdefault(key(case, local(case.received_at)), Counter()).update(received=1)
            if kind == StateKind.CLOSED and not case.state.ends_unsettled and case.closed_at:
                rows.setdefault(key(case, local(case.closed_at)), Counter()).update(closed=1)
    if by != selectors.BY_STATE:
        answered = FollowUp.objects.filter(case__region_path__startswith=county_path, status=FollowUpStatus.ANSWERED,
                                           **{f"case__{k}": v for k, v in only.items()})
        for item in answered.select_related("case"):
            if by == selectors.BY_ACCUSED and item.case_id not in accused:
                continue
            row = rows.setdefault(key(item.case, local(item.answered_at)), Counter())
            row.update(answered=1, settled=int(item.settled == Settled.YES),
                       satisfied=int(item.satisfaction in SATISFIED_VALUES))
    return rows


def page_rows(user, by: str, process=None) -> dict[str, Counter]:
    figures = selectors.figures_for(user=user, region=None, period=ALL_TIME, by=by, process=process)
    found = {}
    for row in figures.rows:
        values = {name: getattr(row, name) for name in ("cases", "open", "open_overdue", "received", "closed",
                                                          "answered", "settled", "satisfied")}
        found[row.key] = Counter({name: value for name, value in values.items() if value})
    return found


@pytest.mark.parametrize("by", list(selectors.GROUP_FIELDS))
def test_every_figure_on_the_page_equals_a_live_count(history, county, fresh, by):
    live = {key: Counter({k: v for k, v in row.items() if v}) for key, row in live_rows(
        county.county.path, by, timezone.localdate()).items()}
    assert page_rows(fresh(county.center), by) == {k: v for k, v in live.items() if v}


def test_kept_tables_equal_rebuilt_tables_and_the_totals_are_right(history, county, fresh):
    kept = table_rows()
    tallies = dict(CaseTally.objects.values_list("case_id", "facts"))
    assert kept and len(tallies) == Case.objects.count()
    dimensions = {row[4] if row[0] == "d" else row[3] for row in kept}
    assert {"proc_category", "proc_department"} <= dimensions  # the crossed rows are kept and rebuilt too
    report = counts_rebuild(acting_user=None, chunk_size=2)  # small chunks: the chunking is exercised
    assert report.cases == Case.objects.count()
    assert table_rows() == kept
    assert dict(CaseTally.objects.values_list("case_id", "facts")) == tallies

    total = selectors.figures_for(user=fresh(county.center), region=None, period=ALL_TIME, by="region").total
    # 7 cases in the county (the other county's is not theirs); open: stalled, moved, agreed, at_street
    assert (total.received, total.cases, total.open) == (7, 7, 4)
    assert total.open_overdue == 1  # stalled: its first step fell due a month ago; agreed's day is to come
    assert (total.closed, total.answered, total.settled, total.satisfied) == (1, 2, 1, 1)  # the refusal is not closing


def test_on_time_agrees_with_the_followup_figures(history, county, fresh):
    user = fresh(county.center)
    live = {row.key: row for row in followup_figures(user=user, group_by=BY_MONTH).rows}
    page = {row.key: row for row in selectors.figures_for(user=user, region=None, period=ALL_TIME, by="month").rows}
    assert {k: (r.closed, r.closed_on_time) for k, r in live.items() if r.closed} == {
        k: (r.closed, r.closed_on_time) for k, r in page.items() if r.closed}
    by_department = {row.key: row.closed_on_time for row in followup_figures(user=user, group_by=BY_DEPARTMENT).rows}
    page_departments = {("-" if row.key == "0" else row.key): row.closed_on_time for row in selectors.figures_for(
        user=user, region=None, period=ALL_TIME, by="department").rows}
    assert {k: v for k, v in by_department.items() if v} == {k: v for k, v in page_departments.items() if v}


def test_a_transfer_moves_the_case_between_departments(history, county, fresh):
    rows = page_rows(fresh(county.center), "department")
    assert rows[str(county.police.pk)]["cases"] == 1
    assert str(county.labour.pk) not in rows  # assigned to the labour bureau first, then transferred away


def test_a_lost_event_is_mended_by_the_rebuild_and_by_the_next_event(history, county, fresh):
    stalled = history["stalled"]
    Case.objects.filter(pk=stalled.pk).update(channel="visit")  # a write that published nothing
    kept = table_rows()
    counts_rebuild(acting_user=None)
    assert table_rows() != kept  # the rebuild counts the case as it is now
    rebuilt = table_rows()
    call_command("reports", "rebuild-counts", "--chunk-size", "3", verbosity=0)
    assert table_rows() == rebuilt


def test_regions_at_every_level_add_up(history, county, fresh):
    for region in (county.county, county.street, county.community, county.grid):
        lookup = StateCount.objects.filter(region_path=region.path, dimension="all")
        live = Case.objects.filter(region_path__startswith=region.path).count()
        assert sum(lookup.values_list("cases", flat=True)) == live


def test_a_batch_recount_equals_the_rebuild_and_counts_the_cases_that_moved(history, county, fresh):
    stalled, moved = history["stalled"], history["moved"]
    for case in (stalled, moved):  # writes that published nothing
        channel = next(c for c in Channel.values if c != Case.objects.get(pk=case.pk).channel)
        Case.objects.filter(pk=case.pk).update(channel=channel)
    everyone = list(Case.objects.values_list("pk", flat=True))
    assert case_counts_refresh_many(case_ids=[*everyone, stalled.pk]) == 2  # the rest contribute as before
    batched = table_rows()
    counts_rebuild(acting_user=None)
    assert table_rows() == batched
    assert case_counts_refresh_many(case_ids=everyone) == 0
    assert table_rows() == batched

