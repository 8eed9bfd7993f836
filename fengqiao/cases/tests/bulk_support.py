"""Test support for the bulk path: the same CaseSpec driven through the one-at-a-time services, each step at its own
moment, and the rows of a case as comparable values (ids, tracking codes and the case reference left out)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils import timezone

from fengqiao.accounts.models import User
from fengqiao.cases.choices import AssignmentRole, AssignmentStatus, ExtensionStatus
from fengqiao.cases.models import (
    Assignment,
    Case,
    CaseEvent,
    CaseNotice,
    Category,
    DeadlineExtension,
    DisputeType,
    Party,
    PetitionAnswer,
    PetitionReviewRequest,
    Process,
)
from fengqiao.cases.services import (
    case_add_note,
    case_assign,
    case_co_task_complete,
    case_create,
    case_extension_decide,
    case_extension_request,
    case_transition,
)
from fengqiao.cases.services.create import CaseInput, PartyInput
from fengqiao.cases.services.petition_answers import AnswerInput
from fengqiao.cases.services.review import ReviewRequestInput
from fengqiao.cases.specs import (
    ASSIGN_CO,
    CO_TASK_DONE,
    EXTENSION_APPROVE,
    EXTENSION_REQUEST,
    NOTE,
    BulkNames,
    CaseSpec,
    StepSpec,
)
from fengqiao.regions.models import Department, Region


@contextmanager
def clock_at(monkeypatch) -> Iterator[list[dt.datetime]]:
    """timezone.now() gives the first item of the yielded list: set it to the moment of each step."""
    moment = [timezone.now()]
    monkeypatch.setattr(timezone, "now", lambda: moment[0])
    try:
        yield moment
    finally:
        monkeypatch.undo()


def drive(spec: CaseSpec, names: BulkNames, moment: list[dt.datetime]) -> Case:
    """Register the case and take its steps through the public case services, each at its own moment."""
    users = {u.username: u for u in User.objects.filter(pk__in=names.users.values())}
    departments = {code: Department.objects.get(pk=pk) for code, (pk, _name) in names.departments.items()}
    moment[0] = spec.received_at
    data = CaseInput(
        process=Process.objects.get(code=spec.process), channel=spec.channel, title=spec.title,
        narrative=spec.narrative, region=Region.objects.get(pk=names.regions[spec.region][0]),
        parties=[PartyInput(name=p.name, role=p.role, kind=p.kind, id_number=p.id_number, phone=p.phone,
                            address=p.address, is_representative=p.is_representative) for p in spec.parties],
        address=spec.address, latitude=float(spec.latitude) if spec.latitude else None,
        longitude=float(spec.longitude) if spec.longitude else None,
        category=Category.objects.filter(code=spec.category).first(),
        dispute_type=DisputeType.objects.filter(code=spec.dispute_type).first(), urgency=spec.urgency,
        party_count=spec.party_count, received_at=spec.received_at, external_ref=spec.external_ref,
    )
    case = case_create(acting_user=users.get(spec.registered_by), data=data)
    for step in spec.steps:
        moment[0] = step.at
        take(Case.objects.get(pk=case.pk), step, users[step.actor], departments)
    return Case.objects.get(pk=case.pk)


def take(case: Case, step: StepSpec, actor: User, departments: dict[str, Department]) -> None:
    department = departments.get(step.to_department)
    if step.action == NOTE:
        for text, public in ((step.note, False), (step.public_note, True)):
            if text:
                case_add_note(case=Case.objects.get(pk=case.pk), acting_user=actor, note=text, public=public)
    elif step.action == ASSIGN_CO:
        case_assign(case=case, acting_user=actor, to_department=department, role=AssignmentRole.CO, note=step.note,
                    due_days=step.days or None)
    elif step.action == CO_TASK_DONE:
        task = Assignment.objects.get(case=case, role=AssignmentRole.CO, status=AssignmentStatus.ACTIVE,
                                      department=department)
        case_co_task_complete(assignment=task, acting_user=actor, result=step.note)
    elif step.action == EXTENSION_REQUEST:
        case_extension_request(case=case, acting_user=actor, days=step.days, reason=step.note)
    elif step.action == EXTENSION_APPROVE:
        extension = DeadlineExtension.objects.filter(case=case, status=ExtensionStatus.PENDING).latest("pk")
        case_extension_decide(extension=extension, acting_user=actor, approve=True, note=step.note)
    else:
        answer = review = None
        if step.answer is not None:
            a = step.answer
            answer = AnswerInput(text=a.text, outcome=a.outcome, body=departments.get(a.body),
                                 override_note=a.override_note, delivery_method=a.delivery_method,
                                 delivered_on=a.delivered_on)
        if step.review is not None:
            review = ReviewRequestInput(received_on=step.review.received_on, body=departments[step.review.body])
        case_transition(case=case, action=step.action, acting_user=actor, note=step.note, public_note=step.public_note,
                        to_department=department, to_user=User.objects.filter(username=step.to_user).first()
                        if step.to_user else None, answer=answer, review_request=review, channel=step.channel,
                        channel_detail=step.channel_detail, routes=step.routes)


CASE_IGNORED = {"id", "tracking_code"}


def _values(rows, ignored: set[str]) -> list[dict[str, Any]]:
    return [{f.attname: getattr(row, f.attname) for f in type(row)._meta.concrete_fields
             if f.attname not in ignored} for row in rows]


def rows_of(case: Case) -> dict[str, Any]:
    """Everything the cases app keeps of a case, as values: ids of the rows a row names become their position."""
    case = Case.objects.get(pk=case.pk)
    answers = list(PetitionAnswer.objects.filter(case=case).order_by("issued_at", "id"))
    notices = list(CaseNotice.objects.filter(case=case).order_by("issued_at", "id"))
    assignments = list(Assignment.objects.filter(case=case).order_by("created_at", "id"))
    position = {("answer", row.pk): n for n, row in enumerate(answers)}
    position.update({("notice", row.pk): n for n, row in enumerate(notices)})
    position.update({("assignment", row.pk): n for n, row in enumerate(assignments)})

    def plain(text: str) -> str:
        return text.replace(case.tracking_code, "<code>").replace(case.reference, "<ref>")

    events = []
    for event in CaseEvent.objects.filter(case=case).order_by("created_at", "id"):
        values = _values([event], {"id", "case_id"})[0]
        values["public_note"] = plain(values["public_note"])
        values["data"] = {k: position[(k, v)] if k in ("answer", "notice", "assignment") else v
                          for k, v in event.data.items()}
        events.append(values)
    requests = _values(PetitionReviewRequest.objects.filter(case=case).order_by("created_at", "id"),
                       {"id", "case_id", "answer_id"})
    for values, request in zip(requests, PetitionReviewRequest.objects.filter(case=case).order_by("created_at", "id"),
                               strict=True):
        values["answer"] = position.get(("answer", request.answer_id))
    notice_values = _values(notices, {"id", "case_id"})
    for values in notice_values:
        values["number"], values["text"] = plain(values["number"]), plain(values["text"])
    return {
        "case": _values([case], CASE_IGNORED)[0],
        "parties": _values(Party.objects.filter(case=case).order_by("id"), {"id", "case_id"}),
        "events": events,
        "assignments": _values(assignments, {"id", "case_id"}),
        "extensions": _values(DeadlineExtension.objects.filter(case=case).order_by("requested_at", "id"),
                              {"id", "case_id"}),
        "answers": _values(answers, {"id", "case_id"}),
        "requests": requests,
        "notices": notice_values,
    }


def differences(bulk: dict[str, Any], driven: dict[str, Any]) -> list[str]:
    """Field by field, where the bulk path's rows differ from the services' (empty when they are the same)."""
    found = []
    for table in driven:
        left, right = bulk[table], driven[table]
        if table == "case":
            left, right = [left], [right]
        if len(left) != len(right):
            found.append(f"{table}: {len(left)} rows by the bulk path, {len(right)} by the services")
            continue
        for n, (a, b) in enumerate(zip(left, right, strict=True)):
            found += [f"{table}[{n}].{k}: bulk {a.get(k)!r} != services {b[k]!r}" for k in b if a.get(k) != b[k]]
    return found
