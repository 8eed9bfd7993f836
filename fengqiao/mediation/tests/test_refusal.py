"""人民调解法 第17条: a party may refuse; that ends this channel and the case goes on."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.mediation.choices import Channel, MediationStatus, SessionStatus
from fengqiao.mediation.models import Mediation
from fengqiao.mediation.services import (
    mediation_record_refusal,
    mediation_start,
    session_schedule,
)
from fengqiao.testing.factories import make_case


@pytest.fixture
def mediation(county, directory, case) -> Mediation:
    return mediation_start(case=case, acting_user=county.mediator, channel=Channel.PEOPLE, organisation=directory.village,
                           mediator=directory.near, applied_on=dt.date(2026, 9, 2))


def test_start_moves_the_case_into_mediation_and_notes_it(county, mediation, case):
    case = Case.objects.select_related("state").get(pk=case.pk)
    assert case.state.code == "mediating"
    event = case.events.get(action="mediation_start")
    assert "A柳湾社区人民调解委员会" in event.note and "王调解" in event.note and event.public_note
    assert AuditEntry.objects.filter(action="mediation.start", object_id=str(mediation.pk)).exists()


def test_refusal_ends_the_channel(county, directory, mediation, case):
    respondent = case.parties.get(role="respondent")
    session = session_schedule(mediation=mediation, acting_user=county.mediator,
                               scheduled_at=timezone.now() + dt.timedelta(days=3), place="柳湾社区调解室",
                               parties=list(case.parties.all()))
    mediation = mediation_record_refusal(mediation=mediation, party=respondent, acting_user=county.mediator,
                                         refused_on=dt.date(2026, 11, 20), note="被申请人表示只接受诉讼")
    mediation.refresh_from_db()
    assert mediation.status == MediationStatus.REFUSED and mediation.ended_at is not None
    assert mediation.refused_by == respondent and mediation.refused_on == dt.date(2026, 11, 20)
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    # issue 9: the case leaves 调解中 by its refusal step (the mediation clock stops) and goes back to the center
    event = case.events.get(kind="transition", action="refuse_mediation")
    assert "某建筑公司" in event.note and "2026-11-20" in event.note and "第十七条" in event.note
    assert AuditEntry.objects.filter(action="mediation.refusal", object_id=str(mediation.pk)).exists()
    # The case itself is not closed by a refusal: another channel or route may follow.
    returned = Case.objects.select_related("state").get(pk=case.pk)
    assert returned.state.code == "route_choice" and returned.state.kind == "open"
    assert returned.lead_user_id is None and returned.lead_department_id is None
    assert returned.deadline_rule.legal_basis.startswith("县矛调中心工作规则")
    with pytest.raises(TransitionRefused):
        session_schedule(mediation=mediation, acting_user=county.mediator, scheduled_at=timezone.now(), place="调解室",
                         parties=[respondent])
    again = mediation_start(case=case, acting_user=county.center, channel=Channel.JUDICIAL, organisation=directory.court)
    assert again.is_active
    assert Case.objects.get(pk=case.pk).state.code == "mediating"  # the center chose another mediation


def test_no_supervision_notice_for_a_refused_mediation(county, mediation, case):
    """The mediation step was overdue; once a party refuses, the sweep raises nothing for it (the step ended)."""
    from fengqiao.cases.models import Supervision
    from fengqiao.cases.services import supervision_raise_overdue

    long_ago = timezone.now() - dt.timedelta(days=40)
    Case.objects.filter(pk=case.pk).update(due_at=long_ago, warn_at=long_ago)
    mediation_record_refusal(mediation=mediation, party=case.parties.get(role="respondent"),
                             acting_user=county.mediator, refused_on=dt.date(2026, 11, 20))
    supervision_raise_overdue()
    assert not Supervision.objects.filter(case=case).exists()
    refused = Case.objects.get(pk=case.pk)
    assert refused.due_at > timezone.now()  # the center's own step has its own, fresh clock


def test_refusal_meets_the_labour_arbitration_clock_at_once(county, mediation, case):
    """劳动争议调解仲裁法 第五条: a party who will not mediate may apply for arbitration without waiting 15 days."""
    clock = mediation.clocks.get(kind="labour_arbitration")
    assert clock.met_on is None
    mediation_record_refusal(mediation=mediation, party=case.parties.get(role="respondent"),
                             acting_user=county.mediator, refused_on=dt.date(2026, 9, 5))
    clock.refresh_from_db()
    assert clock.met_on == dt.date(2026, 9, 5)


def test_refusal_needs_a_party_of_this_case_and_a_sensible_date(county, mediation, case):
    stranger = make_case(acting_user=county.center, region=county.grid).parties.first()
    with pytest.raises(ValidationFailed) as err:
        mediation_record_refusal(mediation=mediation, party=stranger, acting_user=county.mediator)
    assert "party" in err.value.field_errors
    party = case.parties.first()
    with pytest.raises(ValidationFailed):
        mediation_record_refusal(mediation=mediation, party=party, acting_user=county.mediator,
                                 refused_on=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(ValidationFailed):
        mediation_record_refusal(mediation=mediation, party=party, acting_user=county.mediator,
                                 refused_on=dt.date(2026, 8, 1))  # before the application
    assert Mediation.objects.get(pk=mediation.pk).status == MediationStatus.ACTIVE


def test_only_one_active_mediation_and_only_a_matching_organisation(county, directory, mediation, case):
    with pytest.raises(TransitionRefused):
        mediation_start(case=case, acting_user=county.center, channel=Channel.PEOPLE, organisation=directory.township)
    other = make_case(acting_user=county.center, region=county.grid)
    with pytest.raises(ValidationFailed) as wrong_kind:
        mediation_start(case=other, acting_user=county.center, channel=Channel.JUDICIAL, organisation=directory.village)
    assert "organisation" in wrong_kind.value.field_errors
    with pytest.raises(ValidationFailed) as not_here:
        mediation_start(case=other, acting_user=county.center, channel=Channel.PEOPLE, organisation=directory.far_village)
    assert "不管辖" in str(not_here.value.message)
    assert not Mediation.objects.filter(case=other).exists()


def test_the_parties_agree_the_mediation_period_and_it_is_recorded(county, mediation, case):
    """Issue 9: 人民调解法 sets no period; the county's 30 days yield to the parties' agreement, with consent recorded."""
    from fengqiao.mediation.services import mediation_period_agree

    before = Case.objects.get(pk=case.pk).due_at
    with pytest.raises(ValidationFailed):
        mediation_period_agree(mediation=mediation, acting_user=county.mediator, until=dt.date(2027, 2, 26), consent="")
    mediation_period_agree(mediation=mediation, acting_user=county.mediator, until=dt.date(2027, 2, 26),
                           consent="2026年12月7日双方当事人书面同意延长调解至2027年2月26日")
    agreed = Case.objects.get(pk=case.pk)
    assert timezone.localtime(agreed.due_at).date() == dt.date(2027, 2, 26) and agreed.due_at != before
    event = case.events.get(action="deadline_agreed")
    assert "书面同意" in event.note and "2027-02-26" in event.note
    assert AuditEntry.objects.filter(action="mediation.period_agreed").exists()
    assert AuditEntry.objects.filter(action="case.deadline_agreed", object_id=str(case.pk)).exists()


def test_the_agreed_period_through_the_mediation_form(client, county, mediation, case):
    from django.urls import reverse

    client.force_login(county.mediator)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "约定或延长调解期限" in page
    response = client.post(reverse("mediation:period", args=[mediation.pk]),
                           {"until": "2027-03-01", "consent": "双方当事人当面同意", "return_to": "case"})
    assert response.status_code in (302, 303)
    assert timezone.localtime(Case.objects.get(pk=case.pk).due_at).date() == dt.date(2027, 3, 1)


def test_start_and_refusal_take_the_steps_by_their_effect(county, directory, case):
    # issue 10: the steps renamed by the county are still the accept and the refusal step
    from fengqiao.cases.models import Transition

    Transition.objects.filter(process__code="dispute", action="accept").update(action="take_on")
    Transition.objects.filter(process__code="dispute", action="refuse_mediation").update(action="party_refuses")
    mediation = mediation_start(case=case, acting_user=county.mediator, channel=Channel.PEOPLE,
                                organisation=directory.village, mediator=directory.near, applied_on=dt.date(2026, 9, 2))
    assert Case.objects.get(pk=case.pk).state.code == "mediating"
    assert case.events.filter(kind="transition", action="take_on").exists()
    mediation_record_refusal(mediation=mediation, party=case.parties.get(role="respondent"), acting_user=county.mediator,
                             refused_on=dt.date(2026, 11, 20), note="被申请人表示只接受诉讼")
    returned = Case.objects.get(pk=case.pk)
    assert returned.state.code == "route_choice" and returned.lead_department_id is None
    assert case.events.filter(kind="transition", action="party_refuses").exists()
