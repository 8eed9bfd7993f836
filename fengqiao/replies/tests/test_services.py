"""Saving, checking and sending written answers."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case, CaseEvent
from fengqiao.cases.permissions import available_transitions
from fengqiao.cases.services import case_transition
from fengqiao.cases.tests.helpers import petition_step
from fengqiao.core.errors import NotFoundError, StaleVersionError, TransitionRefused, ValidationFailed
from fengqiao.replies.choices import ReplyStatus
from fengqiao.replies.services import reply_draft_save, reply_send
from fengqiao.replies.tests.examples import LAND_GOOD_ANSWER, NOISE_EMPTY_ANSWER


def test_a_draft_is_saved_with_its_check_and_edited_in_place(petition, county, fresh):
    draft = reply_draft_save(case=petition, acting_user=fresh(county.center), text=NOISE_EMPTY_ANSWER)
    assert draft.status == ReplyStatus.DRAFT and draft.checked_at is not None
    assert draft.check_outcome is not None and not draft.check_outcome.passed
    again = reply_draft_save(case=petition, acting_user=fresh(county.center), text=LAND_GOOD_ANSWER,
                             expected_version=draft.version)
    assert again.pk == draft.pk and again.version == draft.version + 1
    assert again.check_outcome.passed
    assert AuditEntry.objects.filter(action="reply.draft_save", object_id=str(draft.pk)).count() == 2
    with pytest.raises(StaleVersionError):
        reply_draft_save(case=petition, acting_user=fresh(county.center), text="x", expected_version=draft.version)


def test_an_empty_draft_is_refused(petition, county, fresh):
    with pytest.raises(ValidationFailed) as refused:
        reply_draft_save(case=petition, acting_user=fresh(county.center), text="   ")
    assert "text" in refused.value.field_errors


def test_a_good_answer_is_sent_as_a_public_note_and_the_petition_waits_for_the_answer_step(petition, county, fresh):
    draft = reply_draft_save(case=petition, acting_user=fresh(county.center), text=LAND_GOOD_ANSWER)
    sent = reply_send(reply=draft, acting_user=fresh(county.center))
    assert sent.status == ReplyStatus.SENT and sent.sent_at and not sent.sent_anyway and sent.override_note == ""
    public = CaseEvent.objects.filter(case=petition).exclude(public_note="").last()
    assert public.public_note == LAND_GOOD_ANSWER and public.note == ""
    case = Case.objects.get(pk=petition.pk)
    assert case.state.code == "accepted"  # sending never moves the case
    assert "answer" in {t.action for t in available_transitions(fresh(county.center), case)}
    case_transition(case=case, action="answer", acting_user=fresh(county.center), note="已出具书面答复",
                    **petition_step(case, "answer", body=county.police))
    assert Case.objects.get(pk=petition.pk).state.code == "answered"
    with pytest.raises(TransitionRefused):
        reply_send(reply=sent, acting_user=fresh(county.center))


def test_an_answer_with_gaps_needs_a_note_to_go_out(petition, county, fresh):
    draft = reply_draft_save(case=petition, acting_user=fresh(county.center), text=NOISE_EMPTY_ANSWER)
    with pytest.raises(ValidationFailed) as refused:
        reply_send(reply=draft, acting_user=fresh(county.center))
    assert "override_note" in refused.value.field_errors
    assert "针对诉求地点" in str(refused.value.message)
    draft.refresh_from_db()
    assert draft.status == ReplyStatus.DRAFT
    assert not CaseEvent.objects.filter(case=petition).exclude(public_note="").filter(public_note=NOISE_EMPTY_ANSWER).exists()


def test_send_anyway_records_the_note(petition, county, fresh):
    draft = reply_draft_save(case=petition, acting_user=fresh(county.center), text=NOISE_EMPTY_ANSWER)
    note = "信访人要求先告知已受理，详细答复另行出具"
    sent = reply_send(reply=draft, acting_user=fresh(county.center), override_note=note)
    assert sent.sent_anyway and sent.override_note == note
    internal = CaseEvent.objects.get(case=petition, action="reply_sent_anyway")
    assert note in internal.note and internal.public_note == ""
    assert set(internal.data["failed"]) >= {"place", "basis", "next_steps"}
    audit = AuditEntry.objects.get(action="reply.send", object_id=str(sent.pk))
    assert audit.after["sent_anyway"] is True and audit.after["override_note"] == note
    assert "basis" in audit.after["failed"]


def test_a_late_answer_needs_a_note(petition, county, fresh):
    Case.objects.filter(pk=petition.pk).update(due_at=timezone.now() - dt.timedelta(days=2))
    draft = reply_draft_save(case=Case.objects.get(pk=petition.pk), acting_user=fresh(county.center), text=LAND_GOOD_ANSWER)
    assert [item.code for item in draft.check_outcome.failed] == ["deadline"]
    with pytest.raises(ValidationFailed):
        reply_send(reply=draft, acting_user=fresh(county.center))
    sent = reply_send(reply=draft, acting_user=fresh(county.center), override_note="延期申请已获批准，系统期限未更新")
    assert sent.sent_anyway


def test_other_jurisdictions_and_closed_cases_are_refused(petition, county, other_county, fresh):
    with pytest.raises(NotFoundError):
        reply_draft_save(case=petition, acting_user=fresh(other_county.center), text=LAND_GOOD_ANSWER)
    with pytest.raises(NotFoundError):
        reply_draft_save(case=petition, acting_user=fresh(county.police_handler), text=LAND_GOOD_ANSWER)
    draft = reply_draft_save(case=petition, acting_user=fresh(county.center), text=LAND_GOOD_ANSWER)
    with pytest.raises(NotFoundError):
        reply_send(reply=draft, acting_user=fresh(other_county.admin))
    case = case_transition(case=petition, action="answer", acting_user=fresh(county.center), note="已答复",
                           **petition_step(petition, "answer", body=county.police))
    case_transition(case=case, action="close", acting_user=fresh(county.center))
    with pytest.raises(TransitionRefused):
        reply_send(reply=draft, acting_user=fresh(county.center))
