"""The bulk path of the case services (case_bulk_load) writes the rows the one-at-a-time services write for the
same steps at the same moments: the case's fields, its timeline, assignments, extensions, notices, petition
answers and review requests, compared field by field (bulk_support.differences). And it refuses, naming the
case, a step the services would refuse."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.choices import AssignmentRole, AssignmentStatus
from fengqiao.cases.models import (
    Assignment,
    Case,
    CaseEvent,
    CaseNotice,
    PetitionAnswer,
    PetitionReviewRequest,
)
from fengqiao.cases.services import BULK_ACTION, BulkLoadError, case_bulk_load
from fengqiao.cases.specs import (
    ASSIGN_CO,
    CO_TASK_DONE,
    EXTENSION_APPROVE,
    EXTENSION_REQUEST,
    NOTE,
    AnswerSpec,
    BulkNames,
    CaseSpec,
    PartySpec,
    ReviewSpec,
    StepSpec,
)
from fengqiao.cases.tests.bulk_support import clock_at, differences, drive, rows_of
from fengqiao.cases.tests.helpers import ANSWER_TEXT
from fengqiao.regions.models import Department, Region
from fengqiao.testing.factories import DepartmentFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


def _county_extras(county) -> None:
    """Two more county departments with a handler each: the bodies of a 复查 and a 复核."""
    for code, name in (("xfj", "信访局"), ("sfj", "司法局")):
        department = DepartmentFactory(code=f"t-{code}", name=name, home_region=county.county, covers=[county.county])
        grant(UserFactory(username=f"t-{code}-handler", display_name=f"{name}承办人"), "handler", county.county,
              department)


def _names(county) -> BulkNames:
    from fengqiao.accounts.models import User

    regions = Region.objects.filter(path__startswith=county.county.path)
    return BulkNames(
        regions={r.code: (r.pk, r.path) for r in regions},
        departments={d.code: (d.pk, d.name) for d in Department.objects.filter(home_region__in=regions)},
        users={u.username: u.pk for u in User.objects.filter(memberships__region__in=regions).distinct()},
    )


def _moment(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, minute))


def _specs(county, start: dt.date) -> list[CaseSpec]:
    center, handler, police = county.center.username, county.handler.username, county.police_handler.username
    labour, pcs = county.labour.code, county.police.code

    def at(days: int, hour: int = 10) -> dt.datetime:
        return _moment(start + dt.timedelta(days=days), hour)

    def spec(key: str, process: str, steps: list[StepSpec], channel: str = "visit") -> CaseSpec:
        return CaseSpec(key=key, process=process, channel=channel, title=f"{key}：工资被拖欠",
                        narrative="在青石街道工地干了三个月，老板一直不发工资，要求支付拖欠的工资。",
                        region=county.grid.code, received_at=at(0, 9), registered_by=center,
                        parties=[PartySpec(name="王某", phone="13812345678"), PartySpec(name="某公司", role="respondent",
                                                                                      kind="organisation")],
                        steps=steps, address=" 青石街道 ", latitude="28.123456", longitude="112.654321")

    def answer(days: int) -> AnswerSpec:
        return AnswerSpec(text=ANSWER_TEXT, outcome="explain", delivery_method="in_person",
                          delivered_on=(start + dt.timedelta(days=days)), override_note="经负责人审核后出具。")

    dispute = [
        StepSpec("assign", at(1), center, to_department=labour, note="请依职责办理。", public_note="已转交人社局办理。"),
        StepSpec("accept", at(2), handler, note="已签收。"),
        StepSpec(ASSIGN_CO, at(2, 11), center, to_department=pcs, note="请协助维护秩序。"),
        StepSpec(NOTE, at(3), handler, note="已电话联系双方。", public_note="正在协调双方当事人。"),
        StepSpec("refuse_mediation", at(4), handler, note="被申请人拒绝调解。", public_note="当事人拒绝调解。"),
        StepSpec("accept", at(5), center, note="双方同意另行调解。"),
        StepSpec(CO_TASK_DONE, at(6), center, to_department=pcs, note="已到场维护秩序。"),
        StepSpec("fail", at(8), center, note="调解不成。", routes=("litigation", "arbitration")),
        StepSpec("close", at(9), center),
        StepSpec("reopen", at(10), center, note="当事人要求重新调解。"),
    ]
    petition = [
        StepSpec("assign", at(1), center, to_department=labour, note="转送办理。"),
        StepSpec("accept", at(3), handler, note="决定受理。", public_note="您的信访事项已受理。"),
        StepSpec("answer", at(20), handler, note="出具书面答复。", answer=answer(20)),
        StepSpec("request_review", at(30), center, note="信访人申请复查。",
                 review=ReviewSpec(received_on=start + dt.timedelta(days=30), body="t-xfj")),
        StepSpec("answer", at(40), "t-xfj-handler", note="复查意见：维持。", answer=answer(40)),
        StepSpec("request_re_review", at(50), center, note="信访人申请复核。",
                 review=ReviewSpec(received_on=start + dt.timedelta(days=49), body="t-sfj")),
        StepSpec("close", at(60), "t-sfj-handler", note="复核意见：维持。", answer=answer(60)),
    ]
    declined = [StepSpec("decline", at(9), center, note="该事项依法应当通过诉讼途径解决。", channel="litigation")]
    workorder = [
        StepSpec("assign", at(0, 11), center, to_department=labour, note="请办理。"),
        StepSpec("transfer", at(1), center, to_user=police, note="改派派出所民警。"),
        StepSpec("accept", at(1, 15), police, note="已签收。"),
        StepSpec(EXTENSION_REQUEST, at(3), police, days=3, note="需等待配件，申请延期。"),
        StepSpec(EXTENSION_APPROVE, at(3, 16), center, days=3, note="同意延期3个工作日。"),
        StepSpec("reply", at(6), police, note="已处理。", public_note="已处理。"),
        StepSpec("close", at(7), center, public_note="已办结。"),
    ]
    return [spec("dispute", "dispute", dispute), spec("petition", "petition", petition, channel="letter"),
            spec("declined", "petition", declined), spec("workorder", "workorder", workorder, channel="hotline")]


def test_the_bulk_path_writes_what_the_services_write(county, monkeypatch):
    _county_extras(county)
    names = _names(county)
    start = timezone.localdate() - dt.timedelta(days=75)
    specs = _specs(county, start)
    report = case_bulk_load(specs=specs, names=names, acting_user=county.admin, batch_size=3)
    assert (report.cases, report.answers, report.notices) == (4, 3, 1)
    loaded = {e.after["key"]: Case.objects.get(pk=e.object_id)
              for e in AuditEntry.objects.filter(action=BULK_ACTION, actor=county.admin)}
    assert sorted(loaded) == ["declined", "dispute", "petition", "workorder"]

    # what the steps mean, on the bulk path's own rows
    dispute, petition, declined = loaded["dispute"], loaded["petition"], loaded["declined"]
    refused = Assignment.objects.get(case=dispute, role=AssignmentRole.LEAD, department=county.labour)
    assert refused.status == AssignmentStatus.RETURNED  # a refusal of mediation ends the lead, as case_transition does
    assert CaseEvent.objects.get(case=dispute, action="fail").data["routes"] == ["arbitration", "litigation"]
    assert Assignment.objects.get(case=dispute, role=AssignmentRole.CO).status == AssignmentStatus.DONE
    assert dispute.state.code == "mediating" and dispute.closed_at is None
    assert petition.is_final_review and petition.state.code == "closed"
    assert list(PetitionAnswer.objects.filter(case=petition).order_by("issued_at").values_list("stage", "body__code")) \
        == [("answer", county.labour.code), ("review", "t-xfj"), ("re_review", "t-sfj")]
    assert PetitionReviewRequest.objects.filter(case=petition).count() == 2
    notice = CaseNotice.objects.get(case=declined)
    day = declined.received_at.astimezone(timezone.get_current_timezone()).date()
    assert notice.channel_name == "诉讼" and notice.issued_at == _moment(start + dt.timedelta(days=9), 10)
    assert f"{day.year}年{day.month}月{day.day}日" in notice.text and notice.number.startswith(declined.reference)
    assert CaseEvent.objects.get(case=declined, action="decline").data["notice"] == notice.pk
    assert notice.state.code == "not_accepted"

    # the same steps through the services, each at its moment: the same rows
    with clock_at(monkeypatch) as moment:
        driven = {spec.key: drive(spec, names, moment) for spec in specs}
    found = {key: differences(rows_of(loaded[key]), rows_of(driven[key])) for key in driven}
    assert found == {key: [] for key in driven}


def test_a_step_the_services_would_refuse_stops_the_load_naming_the_case(county):
    _county_extras(county)
    names = _names(county)
    start = timezone.localdate() - dt.timedelta(days=30)
    dispute, petition, declined, _workorder = _specs(county, start)
    for broken, words in (
        (CaseSpec(**{**vars(dispute), "key": "no-such-step", "steps": [StepSpec("answer", dispute.steps[0].at,
                                                                                 county.center.username)]}),
         "no action 'answer'"),
        (CaseSpec(**{**vars(petition), "key": "no-answer", "steps": [
            *petition.steps[:2], StepSpec("answer", petition.steps[2].at, county.handler.username, note="答复。")]}),
         "needs one"),
        (CaseSpec(**{**vars(declined), "key": "no-channel", "steps": [
            StepSpec("decline", declined.steps[0].at, county.center.username, note="不予受理。")]}), "notice channel"),
        (CaseSpec(**{**vars(dispute), "key": "open-co-task", "steps": [
            *dispute.steps[:3], StepSpec("succeed", dispute.steps[3].at, county.handler.username),
            StepSpec("close", dispute.steps[4].at, county.handler.username)]}), "co-task"),
    ):
        with pytest.raises(BulkLoadError, match=words) as refused:
            case_bulk_load(specs=[broken], names=names)
        assert broken.key in str(refused.value)
    assert not AuditEntry.objects.filter(action=BULK_ACTION).exists()
