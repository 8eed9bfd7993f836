"""Every new case gets a TriageResult after it is saved, without the save waiting on or failing with triage."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fengqiao.cases.models import Case
from fengqiao.cases.services.create import PartyInput
from fengqiao.testing.factories import make_case, valid_id_number
from fengqiao.triage.choices import ResultStatus
from fengqiao.triage.models import TriageResult
from fengqiao.triage.tasks import triage_retry_pending

WAGES = (
    "申请人魏某某（电话13912345678）与另外二十二名工人在{place}的工地务工五个月，"
    "包工头张某某拖欠工资共计四十万元，多次讨要无果。"
)


def _age(result: TriageResult, minutes: int = 2) -> None:
    TriageResult.objects.filter(pk=result.pk).update(
        updated_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def test_a_new_case_is_triaged_after_it_is_saved(county, triaged):
    case = triaged(
        acting_user=county.center,
        region=county.grid,
        title="二十三名工人被拖欠工资",
        narrative=WAGES.format(place=county.community.name),
        parties=[PartyInput(name="魏某某", phone="13912345678", id_number=valid_id_number())],
    )
    result = TriageResult.objects.get(case=case)
    assert result.status == ResultStatus.DONE and result.attempts == 1
    assert result.dispute_type.code == "labour" and result.dispute_type_confidence > 0.3
    assert "工资" in result.dispute_type_terms
    assert "魏某某" in result.entities["persons"] and "张某某" in result.entities["persons"]
    assert result.entities["phones"] == ["13912345678"]
    assert result.crisis is False and result.crisis_reasons == []
    assert result.model_versions == {"category": "", "dispute_type": "rules", "crisis": "lexicon"}
    assert result.timings["analysis"] < 1000  # well within a second once the engine is warm
    place_names = {p["name"] for p in result.places}
    assert county.community.name in place_names  # the community named in the text, resolved to our region row


def test_the_save_does_not_wait_for_triage(county, django_capture_on_commit_callbacks, monkeypatch):
    """Nothing of triage runs inside the registering transaction; once it commits (the case_created event) a
    pending row is recorded and the analysis is queued, not run."""
    queued: list[int] = []
    monkeypatch.setattr("fengqiao.triage.services.run.triage_enqueue", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(acting_user=county.center, region=county.grid)
        assert not TriageResult.objects.filter(case=case).exists() and queued == []
    result = TriageResult.objects.get(case=case)
    assert result.status == ResultStatus.PENDING and result.attempts == 0
    assert queued == [case.pk]


def test_id_numbers_are_checked_and_addresses_resolved(county, triaged):
    good, bad = valid_id_number("19750304", "330681", "021"), "330681197503040210"
    assert good != bad
    narrative = f"申请人身份证号{good}，对方称其身份证号为{bad}。住浙江省绍兴市诸暨市枫桥镇，现居{county.street.name}。"
    case = triaged(acting_user=county.center, region=county.grid, narrative=narrative)
    result = TriageResult.objects.get(case=case)
    assert result.entities["id_numbers"] == [good]
    assert result.entities["invalid_id_numbers"] == [bad]
    cities = {a["city"] for a in result.entities["addresses"]}
    assert "绍兴市" in cities
    assert county.street.pk in {p["region"] for p in result.places}


def test_engine_failure_leaves_the_case_saved_and_the_retry_completes_it(county, triaged, settings):
    settings.TRIAGE_FAULT = "raise"
    case = triaged(acting_user=county.center, region=county.grid, narrative=WAGES.format(place="工地"))
    assert Case.objects.filter(pk=case.pk).exists()
    result = TriageResult.objects.get(case=case)
    assert result.status == ResultStatus.FAILED and result.attempts == 1
    assert "RuntimeError" in result.last_error

    settings.TRIAGE_FAULT = ""
    assert triage_retry_pending() == 0  # not a minute old yet
    _age(result)
    assert triage_retry_pending() == 1
    result.refresh_from_db()
    assert result.status == ResultStatus.DONE and result.attempts == 2 and result.last_error == ""
    assert result.dispute_type.code == "labour"


def test_engine_timeout_leaves_the_result_failed_and_the_retry_completes_it(county, triaged, settings):
    settings.TRIAGE_FAULT = "timeout"
    settings.TRIAGE_TIME_BUDGET_SECONDS = 0.2
    started = timezone.now()
    case = triaged(acting_user=county.center, region=county.grid, narrative=WAGES.format(place="工地"))
    assert (timezone.now() - started).total_seconds() < 5  # the registration waited at most the budget
    result = TriageResult.objects.get(case=case)
    assert result.status == ResultStatus.FAILED and "longer than" in result.last_error

    settings.TRIAGE_FAULT = ""
    settings.TRIAGE_TIME_BUDGET_SECONDS = 5
    _age(result)
    triage_retry_pending()
    result.refresh_from_db()
    assert result.status == ResultStatus.DONE


def test_results_that_keep_failing_are_left_alone_after_the_attempt_limit(county, triaged, settings):
    settings.TRIAGE_FAULT = "raise"
    settings.TRIAGE_MAX_ATTEMPTS = 2
    case = triaged(acting_user=county.center, region=county.grid)
    result = TriageResult.objects.get(case=case)
    _age(result)
    assert triage_retry_pending() == 1
    result.refresh_from_db()
    assert result.attempts == 2 and result.status == ResultStatus.FAILED
    _age(result)
    assert triage_retry_pending() == 0


def test_a_portal_submission_is_triaged_too(county, django_capture_on_commit_callbacks):
    from fengqiao.cases.models import Process
    from fengqiao.cases.services import case_create
    from fengqiao.cases.services.create import CaseInput

    data = CaseInput(
        process=Process.objects.get(code="dispute"),
        channel="online",
        title="楼上漏水",
        narrative="楼上邻居家水管漏水，渗到我家天花板，多次沟通不理。",
        region=county.community,
        parties=[PartyInput(name="王秀英", phone="13912345678")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        case = case_create(acting_user=None, data=data)
    result = TriageResult.objects.get(case=case)
    assert result.status == ResultStatus.DONE and result.dispute_type.code == "neighbour"


def test_only_a_new_case_is_triaged_by_the_event_not_each_later_step(county, fresh, triaged, django_capture_on_commit_callbacks,
                                                                    monkeypatch):
    from fengqiao.cases.services import case_add_note, case_transition

    case = triaged(acting_user=county.center, region=county.grid)
    queued: list[int] = []
    monkeypatch.setattr("fengqiao.triage.services.run.triage_enqueue", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        case = case_transition(case=case, action="accept", acting_user=fresh(county.center))
        case_add_note(case=case, acting_user=fresh(county.center), note="已电话联系双方")
    assert queued == [] and TriageResult.objects.filter(case=case).count() == 1
