"""The figures on a hand-built set of cases with known clocks (March 2026 has no public holiday).

Dispute clocks (seed rules): 登记受理 5 working days from receipt; 调解中 30 calendar days from acceptance.
Received Monday 2 March → first step due Monday 9 March, 23:59:59.

  A  accepted 3 Mar (in time), mediated 10 Mar, closed 12 Mar: on time     · labour · answered 已解决/满意
  B  accepted 12 Mar (late),   mediated 20 Mar, closed 25 Mar: not on time · labour · answered 已解决/基本满意
  C  accepted 4 Mar (in time), failed 20 Apr (mediation due 3 Apr), closed 22 Apr: not on time · answered 未解决/不满意
  D  received 2 Mar in the other town, never accepted: a late response
  E  received today, still in its first step: not judged yet
  F  accepted 3 Mar, 30 more days approved 20 Mar (due 2 May), mediated 20 Apr, closed 21 Apr: on time
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.cases.models import Case, CaseEvent
from fengqiao.cases.services import case_extension_decide, case_extension_request, case_transition
from fengqiao.followup.clocks import PastClocks
from fengqiao.followup.figures import BY_MONTH, BY_REGION, followup_figures
from fengqiao.followup.models import FollowUp
from fengqiao.followup.services import followup_call_record, followup_create_for
from fengqiao.testing.factories import make_case


def at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, month, day, hour))


def build(county, fresh, *, received, steps, region=None, department=None):
    case = make_case(acting_user=county.center, region=region or county.grid, received_at=received)
    Case.objects.filter(pk=case.pk).update(created_at=received)
    CaseEvent.objects.filter(case=case).update(created_at=received)
    case = build_more(county, fresh, case, steps=steps)
    Case.objects.filter(pk=case.pk).update(lead_department=department)  # accepting made the center the lead
    return Case.objects.get(pk=case.pk)


def build_more(county, fresh, case, *, steps):
    for action, when in steps:
        case = case_transition(case=Case.objects.get(pk=case.pk), action=action, acting_user=fresh(county.center),
                               note="调解不成" if action == "fail" else "",
                               routes=["litigation"] if action == "fail" else None)
        last = CaseEvent.objects.filter(case=case, kind="transition").latest("id")
        CaseEvent.objects.filter(pk=last.pk).update(created_at=when)
        if action == "close":
            Case.objects.filter(pk=case.pk).update(closed_at=when)
    return Case.objects.get(pk=case.pk)


def answer(case, user, *, settled, satisfaction, when):
    followup = followup_create_for(case=case, respect_lookback=False)
    followup_call_record(followup=followup, acting_user=user, reached=True, settled=settled, satisfaction=satisfaction)
    FollowUp.objects.filter(pk=followup.pk).update(answered_at=when)


@pytest.fixture
def cases(county, fresh):
    built = {
        "A": build(county, fresh, received=at(3, 2), department=county.labour,
                   steps=[("accept", at(3, 3)), ("succeed", at(3, 10)), ("close", at(3, 12))]),
        "B": build(county, fresh, received=at(3, 2), department=county.labour,
                   steps=[("accept", at(3, 12)), ("succeed", at(3, 20)), ("close", at(3, 25))]),
        "C": build(county, fresh, received=at(3, 2),
                   steps=[("accept", at(3, 4)), ("fail", at(4, 20)), ("close", at(4, 22))]),
        "D": build(county, fresh, received=at(3, 2), region=county.other_grid, steps=[]),
        "E": build(county, fresh, received=timezone.now(), steps=[]),
    }
    f_case = build(county, fresh, received=at(3, 2), steps=[("accept", at(3, 3))])
    extension = case_extension_request(case=f_case, acting_user=fresh(county.center), days=30, reason="需要等待鉴定结论")
    case_extension_decide(extension=extension, acting_user=fresh(county.leader), approve=True, note="同意延期")
    type(extension).objects.filter(pk=extension.pk).update(decided_at=at(3, 20))
    built["F"] = build_more(county, fresh, f_case, steps=[("succeed", at(4, 20)), ("close", at(4, 21))])
    answer(built["A"], fresh(county.center), settled="yes", satisfaction="satisfied", when=at(3, 13))
    answer(built["B"], fresh(county.center), settled="yes", satisfaction="fairly", when=at(3, 26))
    answer(built["C"], fresh(county.center), settled="no", satisfaction="dissatisfied", when=at(4, 23))
    return built


def test_totals_over_every_month(cases, county, fresh):
    report = followup_figures(user=fresh(county.center))
    total = report.total
    assert (total.responded_in_time, total.response_due) == (3, 5)  # A, C, F in time; B late; D never; E not yet
    assert (total.settled, total.answered) == (2, 3)
    assert (total.satisfied, total.answered) == (2, 3)
    assert (total.closed_on_time, total.closed) == (2, 4)  # A and F (with its extension); B and C late
    # issue 9: D is still open and overdue since 9 March, so it counts as late (2 of 5, not 2 of 4).
    assert (total.open_overdue, total.on_time_judged) == (1, 5)
    assert total.response_rate == pytest.approx(0.6) and total.on_time_rate == pytest.approx(0.4)
    assert total.satisfaction_rate == pytest.approx(2 / 3) and total.settlement_rate == pytest.approx(2 / 3)


def test_per_department(cases, county, fresh):
    rows = {row.label: row for row in followup_figures(user=fresh(county.center)).rows}
    labour, none = rows[county.labour.name], rows["未交办部门"]
    assert (labour.responded_in_time, labour.response_due, labour.closed_on_time, labour.closed) == (1, 2, 1, 2)
    assert (labour.settled, labour.satisfied, labour.answered) == (2, 2, 2)
    assert (none.responded_in_time, none.response_due, none.closed_on_time, none.closed) == (2, 3, 1, 2)
    assert (none.open_overdue, none.on_time_rate) == (1, pytest.approx(1 / 3))  # D, never accepted, counts late
    assert (none.settled, none.satisfied, none.dissatisfied, none.answered) == (0, 0, 1, 1)
    only_labour = followup_figures(user=fresh(county.center), department=county.labour)
    assert [row.label for row in only_labour.rows] == [county.labour.name]


def test_per_region_and_scope(cases, county, other_county, fresh):
    rows = {row.label: row for row in followup_figures(user=fresh(county.center), group_by=BY_REGION).rows}
    assert set(rows) == {county.street.name, county.other_street.name}
    assert (rows[county.street.name].responded_in_time, rows[county.street.name].response_due) == (3, 4)
    assert (rows[county.other_street.name].responded_in_time, rows[county.other_street.name].response_due) == (0, 1)
    street = followup_figures(user=fresh(county.street_center), group_by=BY_REGION)
    assert street.total.response_due == 4  # the other town's case is outside the street center's scope
    assert {row.label for row in street.rows} == {county.community.name}
    assert followup_figures(user=fresh(other_county.center)).total.response_due == 0
    assert followup_figures(user=fresh(other_county.center)).rows == []


def test_per_month_and_month_filter(cases, county, fresh):
    by_month = {row.key: row for row in followup_figures(user=fresh(county.center), group_by=BY_MONTH).rows}
    assert (by_month["2026-03"].responded_in_time, by_month["2026-03"].response_due) == (3, 5)
    assert (by_month["2026-03"].closed_on_time, by_month["2026-03"].closed) == (1, 2)
    assert by_month["2026-03"].open_overdue == 1  # D's first step fell due on 9 March
    assert (by_month["2026-04"].closed_on_time, by_month["2026-04"].closed) == (1, 2)
    assert (by_month["2026-04"].satisfied, by_month["2026-04"].answered) == (0, 1)
    april = followup_figures(user=fresh(county.center), month=dt.date(2026, 4, 1)).total
    assert april.response_due == 0 and april.response_rate is None
    assert (april.settled, april.answered, april.closed) == (0, 1, 2)
    assert april.open_overdue == 0


def test_an_overdue_open_case_counts_as_late_and_a_paused_or_timely_one_does_not(county, fresh):
    late = build(county, fresh, received=at(3, 2), steps=[("accept", at(3, 3))])  # mediation due 2 April
    timely = build(county, fresh, received=at(3, 2), steps=[("accept", at(3, 3)), ("succeed", at(3, 10)),
                                                            ("close", at(3, 12))])
    Case.objects.filter(pk=late.pk).update(due_at=at(4, 2, 23))  # the clock as accepting on 3 March set it
    report = followup_figures(user=fresh(county.center), month=dt.date(2026, 4, 1))
    assert (report.total.closed_on_time, report.total.closed, report.total.open_overdue) == (0, 0, 1)
    assert report.total.on_time_rate == 0.0
    Case.objects.filter(pk=late.pk).update(clock_paused_at=at(3, 20))
    assert followup_figures(user=fresh(county.center), month=dt.date(2026, 4, 1)).total.on_time_rate is None
    march = followup_figures(user=fresh(county.center), month=dt.date(2026, 3, 1)).total
    assert (march.closed_on_time, march.on_time_judged) == (1, 1) and timely.pk


def test_the_figures_page_explains_each_figure(client, county, fresh):
    from django.urls import reverse

    client.force_login(county.center)
    html = client.get(reverse("followup:figures"), follow=True).content.decode()  # moved to reports
    assert html.count("figure-explain") == 5
    assert "已超期仍未办结" in html


def test_past_clocks_agree_with_the_case_clock(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid)
    clocks = PastClocks(first_day=timezone.localdate() - dt.timedelta(days=3), last_day=timezone.localdate())
    due = clocks.due(process_id=case.process_id, state_id=case.state_id, region_path=case.region_path,
                     received_at=case.received_at, entered_at=case.created_at)
    assert due == case.due_at
