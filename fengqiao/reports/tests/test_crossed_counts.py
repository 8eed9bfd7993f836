"""The crossed count rows (process × category, process × lead department): the figures of one process equal a
live count of its cases, and a case counted before they existed (facts version 1) is recounted exactly."""
from __future__ import annotations

from collections import Counter

import pytest
from django.utils import timezone

from fengqiao.cases.models import Case, Process
from fengqiao.reports import selectors
from fengqiao.reports.models import CaseTally
from fengqiao.reports.periods import Period
from fengqiao.reports.services import case_counts_refresh, counts_rebuild
from fengqiao.reports.services.facts import FACTS_VERSION, CaseFacts, difference, expand, facts_for_cases
from fengqiao.reports.services.tally import apply_delta
from fengqiao.reports.tests.test_counts import live_rows, page_rows, table_rows


@pytest.mark.parametrize("code", ["dispute", "workorder", "petition"])
@pytest.mark.parametrize("by", selectors.PROCESS_GROUPINGS)
def test_the_figures_of_one_process_equal_a_live_count_of_its_cases(history, county, fresh, code, by):
    process = Process.objects.get(code=code)
    live = {key: Counter({k: v for k, v in row.items() if v}) for key, row in live_rows(
        county.county.path, by, timezone.localdate(), process_id=process.pk).items()}
    assert page_rows(fresh(county.center), by, process=process) == {k: v for k, v in live.items() if v}


def test_the_petition_departments_are_not_the_disputes_departments(history, county, fresh):
    petition = Process.objects.get(code="petition")
    every_case = page_rows(fresh(county.center), "department")
    petitions = page_rows(fresh(county.center), "department", process=petition)
    assert every_case[str(county.police.pk)]["cases"] == 1  # the transferred dispute
    assert str(county.police.pk) not in petitions  # no petition was handed to the police
    assert petitions == {"0": Counter(cases=1, received=1)}  # the declined petition, never handed to a body


@pytest.mark.parametrize("by", ["dispute_type", "channel"])
def test_groupings_not_counted_per_process_are_refused(county, fresh, by):
    with pytest.raises(ValueError):
        selectors.figures_for(user=fresh(county.center), region=None, period=Period(param="all"), by=by,
                              process=Process.objects.get(code="petition"))


def test_facts_without_a_version_are_version_1_and_count_in_six_rows_a_level(history):
    case = history["moved"]
    facts = facts_for_cases([case.pk])[case.pk]
    assert facts.version == FACTS_VERSION == 3
    stored = facts.to_json()
    assert stored["version"] == 3
    old = CaseFacts.from_json({k: v for k, v in stored.items() if k != "version"})
    assert old is not None and old.version == 1
    assert len(old.values()) == 6
    assert len(facts.values()) == 8  # two crossed rows a level, no more
    lead = Case.objects.get(pk=case.pk).lead_department_id
    assert ("proc_department", f"{case.process_id}:{lead}") in facts.values()


def test_a_case_counted_before_the_crossed_rows_is_recounted_exactly(history, county, fresh):
    case = history["moved"]
    current = table_rows()
    tally = CaseTally.objects.get(case_id=case.pk)
    new = CaseFacts.from_json(tally.facts)
    old_json = {k: v for k, v in tally.facts.items() if k != "version"}
    old = CaseFacts.from_json(old_json)
    # The tables and the tally as the counting before the upgrade left them for this case.
    apply_delta(difference(expand(old), expand(new)))
    CaseTally.objects.filter(case_id=case.pk).update(facts=old_json)
    before_upgrade = table_rows()
    assert before_upgrade != current
    dispute_rows = page_rows(fresh(county.center), "department", process=Process.objects.get(code="dispute"))
    assert str(county.police.pk) not in dispute_rows  # the old case is not in the crossed rows yet

    assert case_counts_refresh(case_id=case.pk)
    assert table_rows() == current  # what it added then removed, its whole contribution now added
    assert CaseTally.objects.get(case_id=case.pk).facts["version"] == FACTS_VERSION
    assert not case_counts_refresh(case_id=case.pk)  # counted alike, nothing moves
    counts_rebuild(acting_user=None)
    assert table_rows() == current
