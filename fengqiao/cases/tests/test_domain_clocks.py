"""Every clock of DOMAIN.md ("Processes") is a seeded row, and each runs on real dates across the 2026 Spring
Festival and National Day holidays.

Dates come from the working-day calendar seeded from the chinese-calendar package (2026, checked once with
`chinese_calendar.constants` and written here as literals so that a change in the calendar data shows up as a
failing test rather than a silently moved expectation):

- Spring Festival: holiday Sun 15 - Mon 23 Feb 2026; adjusted working Saturdays 14 Feb and 28 Feb.
- National Day: holiday Thu 1 - Wed 7 Oct 2026; adjusted working Saturday 10 Oct (and Sunday 20 Sep).

Every clock starts on Thursday 12 Feb (just before the Spring Festival) and on Wednesday 30 Sep (just before
National Day). Working-day clocks skip the holiday and count the adjusted Saturday: after 12 Feb the working days
are 13, 14 (Sat), 24, 25, 26, 27, 28 (Sat), 2 Mar ...; after 30 Sep they are 8, 9, 10 (Sat), 12, 13 ... Oct.
Calendar-day clocks count the holiday days like any other day (no roll to a working day unless the rule says so).

Where each clock lives:
- case steps: cases.DeadlineRule rows (cases.seed), computed by cases.deadlines.clock_for, the same lookup
  case_create/case_transition use; the follow-up figures recompute them with followup.clocks.PastClocks, which
  must agree.
- mediation: mediation.ClockRule rows (mediation.seed), computed by mediation.deadlines.compute_clock.
- follow-up (回访): followup.FollowUpRule (followup.seed), computed by followup_create_for.
- 浙江省信访条例: the rule model supports a jurisdiction (DeadlineRule.region), but the region tree starts at the
  county and there is no province to attach a provincial rule to, so the two 浙江 clocks are seeded as switched-off
  templates for all regions; an administrator attaches them to a county and switches them on. The 深圳 clocks are
  the seeded defaults of the dispute process (its "10 working days if complex" is an approved extension of 5).
- The labour limitation period (one year) is held as 365 calendar days: the tables hold days only.
"""
from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from fengqiao.accounts.models import Membership
from fengqiao.cases.deadlines import clock_for, rule_for
from fengqiao.cases.models import CaseEvent, DeadlineRule, State
from fengqiao.cases.seed import seed_workflow
from fengqiao.cases.services import case_clock_pause, case_clock_resume, case_transition
from fengqiao.cases.services.common import start_clock
from fengqiao.cases.services.extensions import case_extension_decide, case_extension_request
from fengqiao.cases.tests.helpers import put_in_state
from fengqiao.core.errors import ValidationFailed
from fengqiao.followup.clocks import PastClocks
from fengqiao.followup.models import FollowUpRule
from fengqiao.followup.services import followup_create_for
from fengqiao.mediation.deadlines import clock_rule, compute_clock
from fengqiao.mediation.models import ClockRule
from fengqiao.testing.factories import make_case
from fengqiao.worktime.models import CalendarDay, CalendarYear

D = dt.date
SPRING, NATIONAL = D(2026, 2, 12), D(2026, 9, 30)
WD, CD = "working_days", "calendar_days"
RECEIVED, ENTERED = "received", "state_entered"
# The petition review clocks start on the resident's own date (issue 9: the day the answer was received, the day
# the request was received), entered with the step.
STEP = "step_date"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


# DOMAIN.md clocks of case steps: (process, step) -> (days, unit, start event, max extension), and the due dates
# from 12 Feb and from 30 Sep 2026. Written out here, not imported from the seed, so the seed is checked against
# the domain.
STEP_CLOCKS = {
    # 深圳矛盾纠纷多元化解条例: acceptance 5 working days (10 if complex: +5), pass on in 3, mediation 30 days.
    ("dispute", "registered"): (5, WD, RECEIVED, 5, D(2026, 2, 26), D(2026, 10, 13)),
    ("dispute", "dispatched"): (3, WD, ENTERED, 0, D(2026, 2, 24), D(2026, 10, 10)),
    ("dispute", "mediating"): (30, CD, ENTERED, 30, D(2026, 3, 14), D(2026, 10, 30)),
    # issue 9: a party refused mediation (人民调解法 17); the center chooses the next route (county rule).
    ("dispute", "route_choice"): (3, WD, ENTERED, 0, D(2026, 2, 24), D(2026, 10, 10)),
    # Follow-up steps of the dispute process (seed, not statute).
    ("dispute", "mediated"): (10, WD, ENTERED, 0, D(2026, 3, 4), D(2026, 10, 20)),
    ("dispute", "mediation_failed"): (10, WD, ENTERED, 0, D(2026, 3, 4), D(2026, 10, 20)),
    ("dispute", "follow_up"): (5, WD, ENTERED, 0, D(2026, 2, 26), D(2026, 10, 13)),
    # 信访工作条例 Arts. 22-23, 34-36.
    ("petition", "registered"): (15, CD, RECEIVED, 0, D(2026, 2, 27), D(2026, 10, 15)),
    ("petition", "dispatched"): (5, WD, ENTERED, 0, D(2026, 2, 26), D(2026, 10, 13)),
    ("petition", "accepted"): (60, CD, ENTERED, 30, D(2026, 4, 13), D(2026, 11, 29)),
    ("petition", "answered"): (30, CD, STEP, 0, D(2026, 3, 14), D(2026, 10, 30)),
    ("petition", "review"): (30, CD, STEP, 0, D(2026, 3, 14), D(2026, 10, 30)),
    ("petition", "reviewed"): (30, CD, STEP, 0, D(2026, 3, 14), D(2026, 10, 30)),
    ("petition", "re_review"): (30, CD, STEP, 0, D(2026, 3, 14), D(2026, 10, 30)),
    # 接诉即办: dispatch and sign for at once, 5 working days to handle (济南, 潍坊), follow-up in 3.
    ("workorder", "received"): (1, WD, RECEIVED, 0, D(2026, 2, 13), D(2026, 10, 8)),
    ("workorder", "dispatched"): (1, WD, ENTERED, 0, D(2026, 2, 13), D(2026, 10, 8)),
    ("workorder", "handling"): (5, WD, ENTERED, 5, D(2026, 2, 26), D(2026, 10, 13)),
    ("workorder", "replied"): (3, WD, ENTERED, 0, D(2026, 2, 24), D(2026, 10, 10)),
}

# Mediation clocks: kind -> (days, unit, dispute types, due from 12 Feb, due from 30 Sep 2026).
MEDIATION_CLOCKS = {
    # issue 9: periods before a court roll a last rest day to the next working day (民事诉讼法 第八十五条):
    # 14 March 2026 is a Saturday (-> Mon 16 March); 19 Feb and 7 Oct are in the holidays (-> 24 Feb, 8 Oct).
    "judicial_confirmation": (30, CD, [], D(2026, 3, 16), D(2026, 10, 30)),  # 人民调解法 33
    "court_pre_filing": (30, CD, [], D(2026, 3, 16), D(2026, 10, 30)),  # 在线调解规则 24
    "court_post_filing_ordinary": (15, CD, [], D(2026, 2, 27), D(2026, 10, 15)),
    "court_post_filing_simplified": (7, CD, [], D(2026, 2, 24), D(2026, 10, 8)),  # ends inside the holiday: rolls
    "court_appointment": (3, WD, [], D(2026, 2, 24), D(2026, 10, 10)),  # 在线调解规则 10
    "court_acceptance": (3, WD, [], D(2026, 2, 24), D(2026, 10, 10)),  # 在线调解规则 12
    "labour_arbitration": (15, CD, ["labour"], D(2026, 2, 27), D(2026, 10, 15)),  # 劳动争议调解仲裁法 14
    "labour_limitation": (365, CD, ["labour"], D(2027, 2, 12), D(2027, 9, 30)),  # 劳动争议调解仲裁法 27
    # issue 9: a referral to labour arbitration (劳动争议调解仲裁法 29, 43, 48/50; the time to sue rolls, 民诉法 85)
    "labour_acceptance": (5, CD, ["labour"], D(2026, 2, 17), D(2026, 10, 5)),  # both inside the holidays: no roll
    "labour_award": (45, CD, ["labour"], D(2026, 3, 29), D(2026, 11, 14)),
    "labour_award_extension": (15, CD, ["labour"], D(2026, 2, 27), D(2026, 10, 15)),
    "labour_suit": (15, CD, ["labour"], D(2026, 2, 27), D(2026, 10, 15)),
}

# 浙江省信访条例: (step) -> (days, unit, start event, max extension, due from 12 Feb, due from 30 Sep 2026).
ZHEJIANG_CLOCKS = {
    "registered": (5, WD, RECEIVED, 0, D(2026, 2, 26), D(2026, 10, 13)),
    "accepted": (30, CD, ENTERED, 60, D(2026, 3, 14), D(2026, 10, 30)),
}

STARTS = [pytest.param(0, SPRING, id="spring-festival"), pytest.param(1, NATIONAL, id="national-day")]


def default_rule(process: str, state: str) -> DeadlineRule:
    return DeadlineRule.objects.get(process__code=process, state__code=state, region=None, is_active=True)


def case_in_step(county, process: str, state_code: str, start: dt.date):
    """A case received at `start` whose current step was entered at `start` (and, for a step counted from the
    resident's own date, with that date `start`), its clock set as a transition sets it."""
    case = make_case(acting_user=county.center, region=county.grid, process=process, received_at=at(start))
    case = put_in_state(case, state_code)
    case.save(update_fields=start_clock(case, case.state, at(start), step_date=start))
    return case


# --- the calendar the expectations rest on -------------------------------------------------------------------

def test_the_seeded_2026_calendar_has_both_holidays_and_their_adjusted_saturdays(db):
    assert CalendarYear.objects.filter(year=2026).exists()
    workdays = set(CalendarDay.objects.filter(date__year=2026, is_workday=True).values_list("date", flat=True))
    assert {D(2026, 2, 14), D(2026, 2, 28), D(2026, 10, 10)} <= workdays
    rest = set(CalendarDay.objects.filter(date__year=2026, is_workday=False).values_list("date", flat=True))
    spring = {D(2026, 2, 15) + dt.timedelta(days=n) for n in range(9)}
    national = {D(2026, 10, 1) + dt.timedelta(days=n) for n in range(7)}
    weekday_holidays = {d for d in spring | national if d.weekday() < 5}
    assert weekday_holidays <= rest


# --- the seed covers DOMAIN.md ---------------------------------------------------------------------------------

def test_every_step_clock_of_the_domain_is_a_seeded_default_rule(db):
    for (process, state), (days, unit, start, max_ext, *_dates) in STEP_CLOCKS.items():
        rule = default_rule(process, state)
        assert (rule.duration, rule.unit, rule.start_event, rule.max_extension) == (days, unit, start, max_ext), (
            process, state)
        assert rule.legal_basis


def test_no_seeded_default_clock_is_missing_from_the_domain_table(db):
    seeded = set(
        DeadlineRule.objects.filter(region=None, is_active=True).values_list("process__code", "state__code")
    )
    assert seeded == set(STEP_CLOCKS)


def test_every_mediation_clock_of_the_domain_is_a_seeded_rule(db):
    for kind, (days, unit, codes, *_dates) in MEDIATION_CLOCKS.items():
        rule = ClockRule.objects.get(kind=kind)
        assert (rule.duration, rule.unit, rule.dispute_type_codes, rule.is_active) == (days, unit, codes, True), kind
        assert rule.legal_basis
    assert set(ClockRule.objects.values_list("kind", flat=True)) == set(MEDIATION_CLOCKS)


def test_the_followup_clock_is_a_seeded_rule(db):
    rule = FollowUpRule.objects.get(process=None)
    assert (rule.duration, rule.unit, rule.is_active) == (3, WD, True)


def test_the_zhejiang_clocks_are_seeded_as_switched_off_templates(db):
    for state, (days, unit, start, max_ext, *_dates) in ZHEJIANG_CLOCKS.items():
        rule = DeadlineRule.objects.get(process__code="petition", state__code=state,
                                        legal_basis__startswith="浙江省信访条例")
        assert (rule.duration, rule.unit, rule.start_event, rule.max_extension) == (days, unit, start, max_ext)
        assert rule.region is None and not rule.is_active


def test_seeding_again_adds_nothing_and_keeps_an_attached_template(county):
    template = DeadlineRule.objects.get(process__code="petition", state__code="registered",
                                        legal_basis__startswith="浙江省信访条例")
    DeadlineRule.objects.filter(pk=template.pk).update(region=county.county, is_active=True)
    before = DeadlineRule.objects.count()
    seed_workflow()
    assert DeadlineRule.objects.count() == before
    assert DeadlineRule.objects.get(pk=template.pk).region == county.county


def test_the_data_migration_gives_an_unedited_acceptance_rule_its_extension(db):
    migration = importlib.import_module("fengqiao.cases.migrations.0003_dispute_acceptance_extension")
    rule = default_rule("dispute", "registered")
    DeadlineRule.objects.filter(pk=rule.pk).update(**migration.BEFORE)
    migration.forwards(apps, None)
    rule.refresh_from_db()
    assert rule.max_extension == 5 and "10个工作日" in rule.legal_basis
    DeadlineRule.objects.filter(pk=rule.pk).update(**{**migration.BEFORE, "duration": 7})  # edited by an admin
    migration.forwards(apps, None)
    rule.refresh_from_db()
    assert rule.max_extension == 0 and rule.duration == 7


# --- case step clocks on real dates ----------------------------------------------------------------------------

@pytest.mark.parametrize("which,start", STARTS)
@pytest.mark.parametrize("process,state_code", list(STEP_CLOCKS))
def test_step_clock_across_the_holiday(county, process, state_code, which, start):
    days, unit, start_event, _max_ext, *dues = STEP_CLOCKS[(process, state_code)]
    case = make_case(acting_user=county.center, region=county.grid, process=process, received_at=at(start))
    state = State.objects.get(process__code=process, code=state_code)
    clock = clock_for(case=case, state=state, entered_at=at(start), step_date=start)
    assert (clock.rule.duration, clock.rule.unit) == (days, unit)
    assert local_date(clock.started_at) == start
    assert local_date(clock.due_at) == dues[which]
    assert clock.calendar_warning == ""
    if state.is_initial:  # case_create itself started this clock
        assert local_date(case.due_at) == dues[which]
    figures = PastClocks(first_day=start, last_day=start)
    assert figures.due(process_id=case.process_id, state_id=state.pk, region_path=case.region_path,
                       received_at=at(start), entered_at=at(start)) == clock.due_at


@pytest.mark.parametrize("which,start", STARTS)
def test_working_day_clocks_count_the_adjusted_saturday_and_skip_the_holiday(county, which, start):
    """3 working days: from 12 Feb it is 13, 14 (adjusted Saturday), 24 Feb (not 16 Feb, in the holiday, nor
    25 Feb, which a plain Monday-Friday count would give); from 30 Sep it is 8, 9, 10 Oct (the adjusted Saturday
    itself)."""
    case = case_in_step(county, "dispute", "dispatched", start)
    assert local_date(case.due_at) == [D(2026, 2, 24), D(2026, 10, 10)][which]
    assert local_date(case.due_at).weekday() == [1, 5][which]


@pytest.mark.parametrize("which,start", STARTS)
def test_calendar_day_clocks_count_the_holiday_days(county, which, start):
    """15 days from 30 Sep is 15 Oct: the seven holiday days count like any other."""
    case = make_case(acting_user=county.center, region=county.grid, process="petition", received_at=at(start))
    assert local_date(case.due_at) == start + dt.timedelta(days=15)
    assert local_date(case.due_at) == [D(2026, 2, 27), D(2026, 10, 15)][which]


# --- extensions and pauses -------------------------------------------------------------------------------------

EXTENDED = {
    # step: (extension, due after it from 12 Feb, from 30 Sep)
    ("petition", "accepted"): (30, D(2026, 5, 13), D(2026, 12, 29)),  # 60 + 30 days (Art. 34)
    ("dispute", "registered"): (5, D(2026, 3, 4), D(2026, 10, 20)),  # 10 working days when complex (深圳 46)
    ("workorder", "handling"): (5, D(2026, 3, 4), D(2026, 10, 20)),  # 5 + 5 working days
}


@pytest.mark.parametrize("which,start", STARTS)
@pytest.mark.parametrize("process,state_code", list(EXTENDED))
def test_the_longest_extension_the_rule_allows(county, fresh, process, state_code, which, start):
    extra, *dues = EXTENDED[(process, state_code)]
    Membership.objects.filter(user=county.leader).update(is_head=True)  # a petition's needs a 负责人 (Art. 34)
    case = case_in_step(county, process, state_code, start)
    with pytest.raises(ValidationFailed):
        case_extension_request(case=case, acting_user=fresh(county.center), days=extra + 1, reason="情况复杂")
    extension = case_extension_request(case=case, acting_user=fresh(county.center), days=extra, reason="情况复杂")
    case_extension_decide(extension=extension, acting_user=fresh(county.leader), approve=True, note="同意延期")
    case.refresh_from_db()
    assert local_date(case.due_at) == dues[which]


@pytest.mark.parametrize("which,start", STARTS)
def test_hearing_time_is_not_counted_in_the_re_review_clock(county, fresh, which, start):
    """复核 opinion within 30 days, the hearing not counted (信访工作条例 Art. 36): a week of hearing moves the
    due date a week later."""
    case = case_in_step(county, "petition", "re_review", start)
    assert local_date(case.due_at) == [D(2026, 3, 14), D(2026, 10, 30)][which]
    hearing = [D(2026, 2, 24), D(2026, 10, 9)][which]
    case_clock_pause(case=case, acting_user=fresh(county.center), ground="hearing", reason="举行听证",
                     paused_at=at(hearing))
    case.refresh_from_db()
    case_clock_resume(case=case, acting_user=fresh(county.center), note="听证结束",
                      resumed_at=at(hearing + dt.timedelta(days=7)))
    case.refresh_from_db()
    assert local_date(case.due_at) == [D(2026, 3, 21), D(2026, 11, 6)][which]


# --- 浙江 jurisdiction rules ------------------------------------------------------------------------------------

@pytest.mark.parametrize("which,start", STARTS)
@pytest.mark.parametrize("state_code", list(ZHEJIANG_CLOCKS))
def test_a_zhejiang_template_attached_to_a_county_wins_there(county, other_county, state_code, which, start):
    days, unit, _start_event, _max_ext, *dues = ZHEJIANG_CLOCKS[state_code]
    DeadlineRule.objects.filter(process__code="petition", state__code=state_code,
                                legal_basis__startswith="浙江省信访条例").update(region=county.county, is_active=True)
    state = State.objects.get(process__code="petition", code=state_code)
    inside = make_case(acting_user=county.center, region=county.grid, process="petition", received_at=at(start))
    clock = clock_for(case=inside, state=state, entered_at=at(start))
    assert (clock.rule.region, clock.rule.duration, clock.rule.unit) == (county.county, days, unit)
    assert local_date(clock.due_at) == dues[which]
    outside = make_case(acting_user=other_county.center, region=other_county.grid, process="petition",
                        received_at=at(start))
    assert rule_for(case=outside, state=state).region is None


# --- mediation clocks ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("which,start", STARTS)
@pytest.mark.parametrize("kind", list(MEDIATION_CLOCKS))
def test_mediation_clock_across_the_holiday(db, kind, which, start):
    days, unit, _codes, *dues = MEDIATION_CLOCKS[kind]
    clock = compute_clock(kind=kind, start_on=start, rule=clock_rule(kind))
    assert (clock.duration, clock.unit) == (days, unit)
    assert clock.end_on == dues[which]
    if clock.end_on.year == 2026:
        assert clock.calendar_warning == ""


# --- follow-up -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("which,start", STARTS)
def test_followup_due_three_working_days_after_resolution(county, fresh, which, start):
    case = make_case(acting_user=county.center, region=county.grid, received_at=at(start))
    case = case_transition(case=case, action="accept", acting_user=fresh(county.center))
    case = case_transition(case=case, action="succeed", acting_user=fresh(county.center))
    CaseEvent.objects.filter(case=case).update(created_at=at(start))
    followup = followup_create_for(case=case, now=at(start + dt.timedelta(days=1)))
    assert local_date(followup.due_at) == [D(2026, 2, 24), D(2026, 10, 10)][which]
