"""Helpers for case tests: users by role and putting a case into a given state for set-up."""
from __future__ import annotations

from fengqiao.cases.models import Case, State


def user_for_role(county, role: str):
    return {
        "center": county.center, "admin": county.admin, "leader": county.leader, "handler": county.handler,
        "mediator": county.mediator, "grid_worker": county.grid_worker, "assignee": county.grid_worker,
    }[role]


def put_in_state(case: Case, state_code: str, *, lead_department=None, lead_user=None) -> Case:
    """Test set-up only: place a case in a state without running the workflow."""
    state = State.objects.get(process_id=case.process_id, code=state_code)
    Case.objects.filter(pk=case.pk).update(state=state, lead_department=lead_department, lead_user=lead_user)
    return Case.objects.get(pk=case.pk)


ANSWER_TEXT = "经核查，该事项按土地管理法第四十八条办理，补偿标准符合规定。如不服，可在收到本答复之日起30日内请求复查。"


def petition_step(case: Case, action: str, *, on=None, body=None, outcome: str = "explain") -> dict:
    """The document a petition step needs (issue 9): a written answer / 复查 / 复核 opinion delivered in person
    `on` (today by default), or a review request received `on` and sent to `body` (the first allowed body)."""
    from django.utils import timezone

    from fengqiao.cases.models import Transition
    from fengqiao.cases.services.petition_answers import AnswerInput
    from fengqiao.cases.services.review import (
        ReviewRequestInput,
        issuing_stage_of,
        request_stage_of,
        reviewing_bodies,
    )

    on = on or timezone.localdate()
    transition = Transition.objects.filter(process_id=case.process_id, from_state_id=case.state_id,
                                           action=action).select_related("to_state").first()
    if transition is None:
        return {}
    if issuing_stage_of(case, transition):
        return {"answer": AnswerInput(text=ANSWER_TEXT, outcome=outcome, body=body, override_note="测试：仍出具",
                                      delivery_method="in_person", delivered_on=on)}
    stage = request_stage_of(transition)
    if stage:
        return {"review_request": ReviewRequestInput(received_on=on, body=body or reviewing_bodies(case, stage).first())}
    return {}
