"""Case events (fengqiao.cases.events): each public write publishes its typed event once, after commit, with the
right fields; a rolled-back or refused write publishes nothing; a failing subscriber is logged and neither stops
the others nor the write. The registry is replaced by an empty one here, so no app's subscriber runs."""
from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from fengqiao.accounts.models import Membership
from fengqiao.cases import events
from fengqiao.cases.models import Case, DisputeType, State
from fengqiao.cases.services import (
    case_add_note,
    case_assign,
    case_classify,
    case_clock_pause,
    case_clock_resume,
    case_co_task_complete,
    case_co_task_waive,
    case_escalate,
    case_extension_decide,
    case_extension_request,
    case_leader_assign,
    case_leader_release,
    case_supervision_close,
    case_supervision_raise,
    case_supervision_reply,
    case_transition,
)
from fengqiao.cases.services.agreed import case_step_due_agreed
from fengqiao.cases.tasks import supervise_overdue
from fengqiao.cases.tests.oversight_support import reload
from fengqiao.core.errors import TransitionRefused
from fengqiao.testing.factories import make_case

EVENT_TYPES = [
    events.CaseCreated, events.CaseTransitioned, events.CaseAssigned, events.CaseClosed, events.CaseReopened,
    events.CaseNoteAdded, events.AttachmentsAdded, events.CaseClockPaused, events.CaseClockResumed,
    events.CaseEscalated, events.LeaderAssigned, events.LeaderReleased, events.SupervisionRaised,
    events.SupervisionReplied, events.SupervisionClosed, events.ExtensionRequested, events.ExtensionDecided,
    events.CoTaskFinished, events.CaseClassified, events.CaseDeadlineChanged,
]


@pytest.fixture
def published(monkeypatch):
    """The events delivered (after commit), in order; no app's own subscriber runs."""
    monkeypatch.setattr(events, "_subscribers", {})
    monkeypatch.setattr(events, "_own_transactions", set())
    seen: list[events.CaseChange] = []
    for kind in EVENT_TYPES:
        events.subscribe(kind, seen.append, uid="test-recorder")
    return seen


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write and then its on-commit work, as a request's commit would."""

    def _run(write):
        with django_capture_on_commit_callbacks(execute=True):
            return write()

    return _run


def of(seen: list, kind: type) -> list:
    return [e for e in seen if type(e) is kind]


def test_case_created_is_published_once_after_commit(county, published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(acting_user=county.center, region=county.grid)
        assert published == []  # nothing before the commit
    assert published == [events.CaseCreated(
        case_id=case.pk, acting_user_id=county.center.pk, at=case.created_at, process="dispute", channel="visit",
        region_path=county.grid.path, state="registered",
    )]
    assert published[0].name == "case_created"


def test_a_rolled_back_write_publishes_nothing(county, fresh, published, django_capture_on_commit_callbacks):
    case = make_case(acting_user=county.center, region=county.grid)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            make_case(acting_user=county.center, region=county.grid)
            case_transition(case=case, action="accept", acting_user=fresh(county.center))
            raise RuntimeError("the request failed after the writes")
        with pytest.raises(TransitionRefused):  # a refused step publishes nothing either
            case_transition(case=reload(case), action="succeed", acting_user=fresh(county.center))
    assert callbacks == [] and published == []
    assert reload(case).state.code == "registered"


def test_a_step_to_a_resolved_state_is_a_transition_and_a_closing(county, fresh, published, committed):
    case = make_case(acting_user=county.center, region=county.grid)
    case = committed(lambda: case_transition(case=case, action="accept", acting_user=fresh(county.center)))
    assert [type(e) for e in published] == [events.CaseTransitioned, events.CaseAssigned]
    assert published[1].user_id == county.center.pk and published[1].role == "lead"
    published.clear()
    committed(lambda: case_transition(case=case, action="succeed", acting_user=fresh(county.center)))
    transitioned, closed = published
    assert transitioned == events.CaseTransitioned(
        case_id=case.pk, acting_user_id=county.center.pk, at=transitioned.at, action="succeed",
        from_state="mediating", from_kind="open", to_state="mediated", to_kind="resolved")
    assert closed == events.CaseClosed(case_id=case.pk, acting_user_id=county.center.pk, at=transitioned.at,
                                       action="succeed", state="mediated", state_kind="resolved", ends_unsettled=False)
    published.clear()
    # 办结 after 化解 is a transition, not a second closing: the case had already left handling.
    committed(lambda: case_transition(case=reload(case), action="close", acting_user=fresh(county.center)))
    assert [type(e) for e in published] == [events.CaseTransitioned]


def test_closing_and_reopening(county, fresh, published, committed):
    order = make_case(acting_user=county.center, region=county.grid, process="workorder", channel="hotline")
    committed(lambda: case_transition(case=order, action="close", acting_user=fresh(county.center), note="当天答复"))
    assert of(published, events.CaseClosed)[0].state_kind == "closed"
    published.clear()
    committed(lambda: case_transition(case=reload(order), action="reopen", acting_user=fresh(county.center),
                                      note="群众来电称未解决"))
    assert [type(e) for e in published] == [events.CaseTransitioned, events.CaseReopened]
    assert published[1] == events.CaseReopened(case_id=order.pk, acting_user_id=county.center.pk,
                                               at=published[0].at, action="reopen", state="handling")


def test_a_step_that_ends_unsettled_says_so(county, fresh, published, committed):
    petition = make_case(acting_user=county.center, region=county.grid, process="petition")
    committed(lambda: case_transition(case=petition, action="decline", acting_user=fresh(county.center),
                                      note="该事项已由人民法院作出生效判决", channel="litigation"))
    (closed,) = of(published, events.CaseClosed)
    assert closed.ends_unsettled and closed.state == "not_accepted"


def test_assignments_publish_case_assigned(county, fresh, published, committed):
    case = make_case(acting_user=county.center, region=county.grid)
    committed(lambda: case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour))
    assert [type(e) for e in published] == [events.CaseTransitioned, events.CaseAssigned]
    assert published[1].department_id == county.labour.pk and published[1].user_id is None
    published.clear()
    committed(lambda: case_assign(case=reload(case), acting_user=fresh(county.center), to_user=county.handler,
                                  role="co", task="核实工资数额"))
    assert published == [events.CaseAssigned(case_id=case.pk, acting_user_id=county.center.pk, at=published[0].at,
                                             role="co", user_id=county.handler.pk, department_id=None)]


def test_notes_escalations_leaders_and_supervision(county, fresh, published, committed):
    case = make_case(acting_user=county.center, region=county.grid)
    committed(lambda: case_add_note(case=case, acting_user=fresh(county.center), note="已电话联系", public=True))
    committed(lambda: case_escalate(case=reload(case), acting_user=fresh(county.grid_worker), reason="网格无法化解"))
    committed(lambda: case_leader_assign(case=reload(case), acting_user=fresh(county.center), leader=county.leader))
    assert [type(e) for e in published] == [events.CaseNoteAdded, events.CaseEscalated, events.LeaderAssigned]
    assert published[0].public and published[2].leader_id == county.leader.pk
    assert published[1].escalation_id == case.escalations.get().pk
    published.clear()
    case = committed(lambda: case_assign(case=reload(case), acting_user=fresh(county.center), to_department=county.labour))
    published.clear()
    notice = committed(lambda: case_supervision_raise(case=reload(case), acting_user=fresh(county.leader),
                                                      reason="请加快进度", reply_days=3))
    assert published == [events.SupervisionRaised(case_id=case.pk, acting_user_id=county.leader.pk,
                                                  at=notice.raised_at, supervision_id=notice.pk, kind="formal")]
    published.clear()
    committed(lambda: case_supervision_reply(supervision=notice, acting_user=fresh(county.handler), reply="已约谈双方"))
    committed(lambda: case_supervision_close(supervision=notice, acting_user=fresh(county.leader)))
    leader_case = case.leader_cases.get(active=True)
    committed(lambda: case_leader_release(leader_case=leader_case, acting_user=fresh(county.center), note="已化解"))
    assert [type(e) for e in published] == [events.SupervisionReplied, events.SupervisionClosed, events.LeaderReleased]
    assert published[0].supervision_id == published[1].supervision_id == notice.pk and not published[0].late
    assert published[2].leader_id == county.leader.pk and published[2].acting_user_id == county.center.pk


def test_the_overdue_sweep_publishes_automatic_supervision(county, fresh, published, committed):
    case = make_case(acting_user=county.center, region=county.grid)
    case = case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour)
    Case.objects.filter(pk=case.pk).update(due_at=timezone.now() - dt.timedelta(days=2))
    assert committed(supervise_overdue) == 1
    (raised,) = published
    assert raised.kind == "auto" and raised.acting_user_id is None and raised.case_id == case.pk
    assert raised.supervision_id == case.supervisions.get().pk and raised.assignment_id is None


def test_extensions_and_co_tasks(county, fresh, published, committed):
    Membership.objects.filter(user=county.center).update(is_head=True)
    case = make_case(acting_user=county.center, region=county.grid, process="petition")
    case = case_transition(case=case, action="accept", acting_user=fresh(county.center))
    extension = committed(lambda: case_extension_request(case=case, acting_user=fresh(county.grid_worker), days=30,
                                                         reason="需要组织听证"))
    committed(lambda: case_extension_decide(extension=extension, acting_user=fresh(county.center), approve=False,
                                            note="期限内可以办结"))
    assert published == [
        events.ExtensionRequested(case_id=case.pk, acting_user_id=county.grid_worker.pk, at=published[0].at,
                                  extension_id=extension.pk, days=30),
        events.ExtensionDecided(case_id=case.pk, acting_user_id=county.center.pk, at=published[1].at,
                                extension_id=extension.pk, days=30, approved=False),
    ]
    published.clear()
    case = case_assign(case=reload(case), acting_user=fresh(county.center), to_department=county.police, role="co",
                       task="维持现场秩序")
    first = case.assignments.get(role="co")
    committed(lambda: case_co_task_complete(assignment=first, acting_user=fresh(county.police_handler), result="已维稳"))
    case = case_assign(case=reload(case), acting_user=fresh(county.center), to_department=county.police, role="co",
                       task="再次到场")
    second = case.assignments.filter(role="co", status="active").get()
    committed(lambda: case_co_task_waive(assignment=second, acting_user=fresh(county.center), reason="双方已和解"))
    assert [(e.assignment_id, e.status) for e in published] == [(first.pk, "done"), (second.pk, "waived")]


def test_clock_pause_and_resume(county, fresh, published, committed):
    from fengqiao.cases.models import PauseGround

    ground = PauseGround.objects.create(code="local_ground", name="地方规定的事由", legal_basis="地方规定（测试）")
    ground.states.add(State.objects.get(process__code="petition", code="registered"))
    case = make_case(acting_user=county.center, region=county.grid, process="petition")
    committed(lambda: case_clock_pause(case=case, acting_user=fresh(county.center), reason="组织听证", ground="local_ground"))
    committed(lambda: case_clock_resume(case=reload(case), acting_user=fresh(county.center), note="听证结束"))
    assert [type(e) for e in published] == [events.CaseClockPaused, events.CaseClockResumed]
    assert published[0].ground == "local_ground" and {e.case_id for e in published} == {case.pk}


def test_a_failing_subscriber_is_logged_and_the_others_still_run(county, published, committed, caplog):
    def broken(event: events.CaseCreated) -> None:
        Case.objects.filter(pk=event.case_id).update(title="不应保存")  # rolled back with the failure
        raise RuntimeError("subscriber bug")

    after: list[int] = []
    events.subscribe(events.CaseCreated, broken, uid="test-broken")
    events.subscribe(events.CaseCreated, lambda e: after.append(e.case_id), uid="test-after")
    with caplog.at_level(logging.ERROR, logger="fengqiao.cases.events"):
        case = committed(lambda: make_case(acting_user=county.center, region=county.grid, title="拖欠工资纠纷"))
    assert after == [case.pk] and len(of(published, events.CaseCreated)) == 1
    assert reload(case).title == "拖欠工资纠纷"
    assert "test-broken failed on case_created" in caplog.text


def test_a_subscriber_with_its_own_transactions_runs_outside_one(county, published, committed, caplog):
    from django.db import connection

    depth: dict[str, int] = {}
    events.subscribe(events.CaseCreated, lambda e: depth.update(wrapped=len(connection.atomic_blocks)),
                     uid="test-wrapped")
    events.subscribe(events.CaseCreated, lambda e: depth.update(own=len(connection.atomic_blocks)),
                     uid="test-own", own_transactions=True)

    def broken(event: events.CaseCreated) -> None:
        raise RuntimeError("subscriber bug")

    events.subscribe(events.CaseCreated, broken, uid="test-own-broken", own_transactions=True)
    after: list[int] = []
    events.subscribe(events.CaseCreated, lambda e: after.append(e.case_id), uid="test-after")
    with caplog.at_level(logging.ERROR, logger="fengqiao.cases.events"):
        case = committed(lambda: make_case(acting_user=county.center, region=county.grid))
    assert depth["wrapped"] == depth["own"] + 1  # no transaction (on SQLite: no write lock) around the second
    assert after == [case.pk] and "test-own-broken failed on case_created" in caplog.text
    events.subscribe(events.CaseCreated, broken, uid="test-own-broken")  # subscribed again: wrapped again
    assert (events.CaseCreated, "test-own-broken") not in events._own_transactions


def test_subscribing_twice_with_one_uid_keeps_one_subscriber(published):
    events.subscribe(events.CaseCreated, print, uid="test-recorder")
    assert [uid for uid, _h in events.subscribers(events.CaseCreated)] == ["test-recorder"]


def test_apps_subscribe_in_ready_and_nothing_hooks_case_saves():
    assert not post_save.has_listeners(Case)
    assert "triage-on-case-created" in dict(events.subscribers(events.CaseCreated))
    assert "followup-on-case-closed" in dict(events.subscribers(events.CaseClosed))
    assert "followup-on-case-reopened" in dict(events.subscribers(events.CaseReopened))


def test_a_classification_and_an_agreed_due_date_publish_their_events(county, fresh, published, committed):
    case = make_case(acting_user=county.center, region=county.grid)
    dispute_type = DisputeType.objects.first()
    committed(lambda: case_classify(case=reload(case), acting_user=fresh(county.center), field="dispute_type",
                                    value=dispute_type))
    [classified] = of(published, events.CaseClassified)
    assert (classified.case_id, classified.field, classified.value) == (case.pk, "dispute_type", dispute_type.code)
    case = committed(lambda: case_transition(case=reload(case), action="accept", acting_user=fresh(county.center)))
    day = timezone.localdate() + dt.timedelta(days=45)
    committed(lambda: case_step_due_agreed(case=reload(case), acting_user=fresh(county.center), due_on=day,
                                           consent="双方同意"))
    [moved] = of(published, events.CaseDeadlineChanged)
    assert moved.reason == "agreed" and timezone.localtime(moved.due_at).date() == day
