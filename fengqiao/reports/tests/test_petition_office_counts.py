"""The counts the annual petition report adds (信访工作条例 第四十一条第一项, 第二项): the body a petition accuses as
a count dimension, and the petition office's 转送, 交办 and 督办 as daily counts. Kept current by the events,
rebuilt alike, equal to a count of the cases' own records, and a case counted before them is recounted exactly."""
from __future__ import annotations

from collections import Counter

import pytest

from fengqiao.cases.models import Case, CaseEvent, PetitionDetail, Process, Supervision
from fengqiao.cases.services import case_transition
from fengqiao.cases.services.petition import PetitionInput
from fengqiao.cases.services.supervision import case_supervision_raise
from fengqiao.reports import selectors
from fengqiao.reports.models import CaseTally, DailyCount, Dimension, StateCount
from fengqiao.reports.periods import Period
from fengqiao.reports.services import case_counts_refresh, counts_rebuild
from fengqiao.reports.services.facts import FACTS_VERSION, CaseFacts, difference, expand
from fengqiao.reports.services.tally import apply_delta
from fengqiao.testing.factories import make_case

ALL_TIME = Period(param="all")
STEP_COLUMNS = ("transferred", "assigned", "supervised")


def every_row() -> set[tuple]:
    """Every count row with any figure, every column (the new ones included)."""
    daily = DailyCount.objects.values_list("day", "region_path", "depth", "dimension", "value", "received", "closed",
                                           "closed_on_time", "closed_late", "answered", "settled", "satisfied",
                                           "dissatisfied", *STEP_COLUMNS)
    state = StateCount.objects.exclude(cases=0).values_list("region_path", "depth", "dimension", "value", "state_id",
                                                            "due_on", "cases")
    return {("d", *row) for row in daily if any(row[5:])} | {("s", *row) for row in state}


@pytest.fixture
def office_steps(history, county, fresh, django_capture_on_commit_callbacks):
    """Three petitions: an accusation of the police handed to the labour bureau (交办); a claim handed to the labour
    bureau, sent on to the police (交办, 转送) and supervised (督办); an accusation of the labour bureau referred to
    the court (涉法涉诉转送)."""

    def commit(write, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(**kwargs)

    def new(**kwargs):
        return commit(make_case, acting_user=county.center, region=county.grid, process="petition", **kwargs)

    def step(case, action, **kwargs):
        return commit(case_transition, case=Case.objects.get(pk=case.pk), action=action,
                      acting_user=fresh(county.center), **kwargs)

    accuses_police = new(petition=PetitionInput(kind="accusation", accused_department=county.police))
    step(accuses_police, "assign", to_department=county.labour)
    moved = new()
    step(moved, "assign", to_department=county.labour)
    step(moved, "transfer", to_department=county.police, note="属派出所职责")
    commit(case_supervision_raise, case=Case.objects.get(pk=moved.pk), acting_user=fresh(county.center),
           reason="请加快办理并书面回复", reply_days=5)
    accuses_labour = new(petition=PetitionInput(kind="accusation", accused_department=county.labour))
    step(accuses_labour, "refer_legal", note="已进入诉讼程序", channel="court")
    return {"accuses_police": accuses_police, "moved": moved, "accuses_labour": accuses_labour}


def live_steps(county_path: str, process_id: int | None = None) -> Counter:
    """转送, 交办, 督办 counted straight from the cases' events and supervision notices (the seeded steps' actions)."""
    only = {"case__process_id": process_id} if process_id else {}
    events = CaseEvent.objects.filter(case__region_path__startswith=county_path, **only)
    transitions = Counter(events.filter(kind="transition").values_list("action", flat=True))
    supervised = Supervision.objects.filter(case__region_path__startswith=county_path, **only).count()
    return Counter(transferred=transitions["transfer"] + transitions["refer_legal"],
                   assigned=transitions["assign"] + events.filter(kind="assigned", action="assign_lead").count(),
                   supervised=supervised)


def test_the_steps_and_the_accused_bodies_are_kept_and_rebuilt_alike(office_steps, county, fresh):
    kept = every_row()
    tallies = dict(CaseTally.objects.values_list("case_id", "facts"))
    assert {row[4] for row in kept if row[0] == "d"} >= {Dimension.ACCUSED}
    assert any(row[-3] or row[-2] or row[-1] for row in kept if row[0] == "d")  # the step counts are kept
    counts_rebuild(acting_user=None, chunk_size=2)
    assert every_row() == kept
    assert dict(CaseTally.objects.values_list("case_id", "facts")) == tallies
    assert all(facts["version"] == FACTS_VERSION == 3 for facts in tallies.values())


def test_the_steps_equal_a_count_of_the_cases_records(office_steps, county, fresh):
    user = fresh(county.center)
    every_case = selectors.figures_for(user=user, region=None, period=ALL_TIME, by="region").total
    assert Counter({c: getattr(every_case, c) for c in STEP_COLUMNS}) == live_steps(county.county.path)
    petition = Process.objects.get(code="petition")
    petitions = selectors.figures_for(user=user, region=None, period=ALL_TIME, by="region", process=petition).total
    assert {c: getattr(petitions, c) for c in STEP_COLUMNS} == {"transferred": 2, "assigned": 2, "supervised": 1}
    assert Counter({c: getattr(petitions, c) for c in STEP_COLUMNS}) == live_steps(county.county.path, petition.pk)
    # the history's dispute was assigned and transferred too: counted for every case, not for the petitions
    assert (every_case.transferred, every_case.assigned) == (3, 3)


def test_the_accused_bodies_equal_a_count_of_the_petitions(office_steps, county, fresh):
    user = fresh(county.center)
    petition = Process.objects.get(code="petition")
    accused = dict(PetitionDetail.objects.filter(accused_department__isnull=False).values_list(
        "case_id", "accused_department_id"))
    expected = Counter(str(department) for department in accused.values())
    for process in (None, petition):
        rows = selectors.figures_for(user=user, region=None, period=ALL_TIME, by="accused", process=process).rows
        assert {row.key: row.received for row in rows} == expected == {str(county.police.pk): 1,
                                                                     str(county.labour.pk): 1}
        assert {row.key: row.cases for row in rows} == expected
        assert {row.label for row in rows} == {county.police.name, county.labour.name}
        assert all(row.filter_name == "" for row in rows)  # the case list has no such filter
    # the steps count on the day they were taken: all of them this week
    this_week = selectors.figures_for(user=user, region=None, period=ALL_TIME, by="week", process=petition).rows[-1]
    assert (this_week.transferred, this_week.assigned, this_week.supervised) == (2, 2, 1)


def test_a_case_counted_before_version_3_is_recounted_exactly(office_steps, county):
    case = office_steps["moved"]
    current = every_row()
    tally = CaseTally.objects.get(case_id=case.pk)
    new = CaseFacts.from_json(tally.facts)
    assert new is not None
    # As version 2 counted it: no accused body, no step counts.
    old_json = {**{k: v for k, v in tally.facts.items() if k != "accused_department_id"}, "version": 2,
                "daily": {day: {c: n for c, n in columns.items() if c not in STEP_COLUMNS}
                          for day, columns in tally.facts["daily"].items()}}
    old = CaseFacts.from_json(old_json)
    apply_delta(difference(expand(old), expand(new)))
    CaseTally.objects.filter(case_id=case.pk).update(facts=old_json)
    assert every_row() != current
    assert case_counts_refresh(case_id=case.pk)
    assert every_row() == current
    assert CaseTally.objects.get(case_id=case.pk).facts["version"] == 3
    assert not case_counts_refresh(case_id=case.pk)


def test_an_accused_body_counts_only_where_a_petition_names_one(office_steps):
    facts = CaseFacts.from_json(CaseTally.objects.get(case_id=office_steps["moved"].pk).facts)
    assert facts is not None and facts.accused_department_id == 0
    assert Dimension.ACCUSED not in {dimension for dimension, _value in facts.values()}
    accused = CaseFacts.from_json(CaseTally.objects.get(case_id=office_steps["accuses_police"].pk).facts)
    assert accused is not None and (Dimension.ACCUSED, str(accused.accused_department_id)) in accused.values()


def test_the_figures_page_groups_by_the_accused_body(office_steps, county, fresh, client):
    client.force_login(fresh(county.center))
    page = client.get("/reports/figures/", {"by": "accused", "period": "all"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "被投诉机关、单位" in text and county.police.name in text and county.labour.name in text
