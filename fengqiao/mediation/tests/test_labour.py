"""Issue 9, labour disputes: the one-year limitation (劳动争议调解仲裁法 第二十七条) computed from the dates staff record,
and a referral to labour arbitration with its clocks (第二十九条 5 days; 第四十三条 45 + 15 days; 第四十八条、第五十条
15 days to sue, rolled off a holiday as a civil-procedure period) and its outcome back on the case."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.mediation.choices import Channel
from fengqiao.mediation.labour import compute_limitation
from fengqiao.mediation.services import mediation_start
from fengqiao.mediation.services.labour import (
    arbitration_accept,
    arbitration_extend,
    arbitration_outcome,
    arbitration_refer,
    labour_limitation_record,
    limitation_for,
)
from fengqiao.testing.factories import make_case

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 12, 7)


def limit(knew_on, *interruptions, wages=False, ended=None, today=TODAY):
    return compute_limitation(knew_on=knew_on, interruptions=interruptions, wage_arrears_in_employment=wages,
                              employment_ended_on=ended, today=today)


def test_one_year_from_the_day_the_party_knew():
    result = limit(D(2025, 12, 10))
    assert (result.start_on, result.end_on, result.expired) == (D(2025, 12, 10), D(2026, 12, 10), False)
    assert limit(D(2025, 12, 1)).expired  # ended 1 Dec 2026
    assert limit(D(2024, 2, 29)).end_on == D(2025, 2, 28)  # no 29 February: the last day of the month


def test_an_interruption_starts_a_new_year_but_cannot_revive_an_ended_one():
    assert limit(D(2025, 12, 1), D(2026, 3, 1)).end_on == D(2027, 3, 1)
    assert "第二十七条第二款" in limit(D(2025, 12, 1), D(2026, 3, 1)).explanation
    late = limit(D(2025, 1, 1), D(2026, 3, 1))  # ended 1 Jan 2026, before the "interruption"
    assert late.end_on == D(2026, 1, 1) and late.expired


def test_wage_arrears_during_employment_are_not_limited_until_it_ends():
    assert limit(D(2020, 1, 1), wages=True).unlimited
    ended = limit(D(2020, 1, 1), wages=True, ended=D(2026, 5, 31))
    assert not ended.unlimited and ended.end_on == D(2027, 5, 31)


def test_staff_record_the_inputs_and_applying_for_mediation_interrupts(county, directory, case):
    labour_limitation_record(case=case, acting_user=county.center, knew_on=D(2025, 10, 1))
    assert limitation_for(case, today=TODAY).end_on == D(2026, 10, 1)
    mediation_start(case=case, acting_user=county.mediator, channel=Channel.PEOPLE, organisation=directory.village,
                    applied_on=D(2026, 9, 2))
    assert limitation_for(case, today=TODAY).end_on == D(2027, 9, 2)  # the mediation application interrupted it
    labour_limitation_record(case=case, acting_user=county.center, knew_on=D(2025, 10, 1),
                             interruption_on=D(2026, 11, 2), interruption_reason="向用人单位书面主张欠薪")
    assert limitation_for(case, today=TODAY).end_on == D(2027, 11, 2)
    event = case.events.filter(action="labour_limitation").latest("id")
    assert "2027-11-02" in event.note
    assert AuditEntry.objects.filter(action="mediation.labour_limitation").count() == 2


def test_only_a_labour_dispute_has_the_labour_clocks(county):
    other = make_case(acting_user=county.center, region=county.grid)
    with pytest.raises(TransitionRefused):
        labour_limitation_record(case=other, acting_user=county.center, knew_on=D(2025, 10, 1))
    with pytest.raises(TransitionRefused):
        arbitration_refer(case=other, acting_user=county.center, commission="A县劳动人事争议仲裁委员会",
                          applied_on=D(2026, 9, 1))


def test_a_referral_tracks_acceptance_award_extension_and_the_time_to_sue(county, directory, case):
    mediation = mediation_start(case=case, acting_user=county.mediator, channel=Channel.PEOPLE,
                                organisation=directory.village, applied_on=D(2026, 9, 2))
    referral = arbitration_refer(case=case, acting_user=county.center, commission="A县劳动人事争议仲裁委员会",
                                 applied_on=D(2026, 9, 18), mediation=mediation)
    assert referral.accept_due == D(2026, 9, 23)  # 第二十九条: five days from receipt
    assert mediation.clocks.get(kind="labour_arbitration").met_on == D(2026, 9, 18)  # builds on the 15-day clock
    with pytest.raises(TransitionRefused):
        arbitration_extend(referral=referral, acting_user=county.center, extended_on=D(2026, 9, 20), note="复杂")
    referral = arbitration_accept(referral=referral, acting_user=county.center, accepted_on=D(2026, 9, 22))
    assert referral.award_due == D(2026, 11, 6)  # 第四十三条: 45 days from acceptance
    referral = arbitration_extend(referral=referral, acting_user=county.center, extended_on=D(2026, 11, 2),
                                  note="案情复杂，经仲裁委主任批准并书面通知当事人")
    assert referral.award_due == D(2026, 11, 21)  # at most 15 more days, once
    with pytest.raises(TransitionRefused):
        arbitration_extend(referral=referral, acting_user=county.center, extended_on=D(2026, 11, 3), note="再延")
    with pytest.raises(ValidationFailed):  # an award without the day it was received: the time to sue is unknown
        arbitration_outcome(referral=referral, acting_user=county.center, outcome="award", outcome_on=D(2026, 11, 20))
    referral = arbitration_outcome(referral=referral, acting_user=county.center, outcome="award",
                                   outcome_on=D(2026, 11, 20), award_received_on=D(2026, 11, 23))
    assert referral.suit_due == D(2026, 12, 8)  # 第五十条: 15 days from receiving the award
    notes = list(case.events.filter(action__startswith="arbitration_").values_list("action", "note"))
    assert [a for a, _n in notes] == ["arbitration_refer", "arbitration_accept", "arbitration_extend",
                                      "arbitration_outcome"]
    assert "2026-12-08" in notes[-1][1] and "作出裁决" in notes[-1][1]


def test_the_time_to_sue_rolls_off_national_day(county, case):
    referral = arbitration_refer(case=case, acting_user=county.center, commission="A县劳动人事争议仲裁委员会",
                                 applied_on=D(2026, 8, 1))
    arbitration_accept(referral=referral, acting_user=county.center, accepted_on=D(2026, 8, 3))
    referral = arbitration_outcome(referral=referral, acting_user=county.center, outcome="dismissed",
                                   outcome_on=D(2026, 9, 14), award_received_on=D(2026, 9, 16))
    # 16 Sep + 15 = 1 Oct, National Day: the first day after the holiday, 8 Oct (民事诉讼法 第八十五条)
    assert referral.suit_due == D(2026, 10, 8)


def test_not_accepted_and_withdrawn_come_back_to_the_case(county, case):
    referral = arbitration_refer(case=case, acting_user=county.center, commission="A县劳动人事争议仲裁委员会",
                                 applied_on=D(2026, 11, 2))
    arbitration_outcome(referral=referral, acting_user=county.center, outcome="not_accepted", outcome_on=D(2026, 11, 5))
    event = case.events.get(action="arbitration_outcome")
    assert "不予受理" in event.note and "第二十九条" in event.note and event.public_note
    again = arbitration_refer(case=case, acting_user=county.center, commission="A县劳动人事争议仲裁委员会",
                              applied_on=D(2026, 11, 20))
    arbitration_outcome(referral=again, acting_user=county.center, outcome="withdrawn", outcome_on=D(2026, 11, 25))
    assert case.events.filter(action="arbitration_outcome").count() == 2


def test_the_case_page_shows_the_labour_section_for_labour_disputes_only(client, county, case):
    client.force_login(county.center)
    url = reverse("cases:detail", args=[case.pk])
    assert "尚未登记仲裁时效信息" in client.get(url).content.decode()
    response = client.post(reverse("mediation:labour_limitation", args=[case.pk]),
                           {"knew_on": "2026-01-05", "return_to": "case"})
    assert response.status_code in (302, 303)
    assert "仲裁时效至 2027-01-05" in client.get(url).content.decode()
    other = make_case(acting_user=county.center, region=county.grid)
    assert "劳动争议：仲裁时效" not in client.get(reverse("cases:detail", args=[other.pk])).content.decode()
