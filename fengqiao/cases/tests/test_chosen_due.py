"""Issue 13, deadlines a person can steer: 交办 takes an optional due date no later than the rule's. The form says
the rule's date and the county's own legal basis before saving; a later day is refused (zh/en), an earlier one is
kept on the step and the lead's assignment with who chose it (audited), the page says who set the date, and a later
calendar recount never moves a chosen date (it moves a rule's date only with a timeline event old -> new)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.deadlines import clock_for, end_of_day
from fengqiao.cases.limits import step_limits
from fengqiao.cases.models import Assignment, Case, CaseEvent, DeadlineRule, State
from fengqiao.cases.services import case_assign, case_transition
from fengqiao.cases.services.agreed import case_step_due_agreed
from fengqiao.cases.tests.api_support import case_url, token_client
from fengqiao.core.errors import ValidationFailed
from fengqiao.testing.factories import UserFactory, make_case
from fengqiao.worktime.calendar import SpanCalendar
from fengqiao.worktime.services import calendar_day_set, calendar_year_mark_covered

pytestmark = pytest.mark.django_db

COUNTY_BASIS = "本县矛调中心工作规则 第七条：交办后2个工作日内签收"
DEFAULT_BASIS_PART = "交办后3个工作日内签收"


@pytest.fixture
def case(county) -> Case:
    return make_case(acting_user=county.grid_worker, region=county.grid)


@pytest.fixture
def county_rule(county) -> DeadlineRule:
    """The county's own rule for 分流交办 (2 working days), beside the default (3 working days) for all regions."""
    default = DeadlineRule.objects.get(process__code="dispute", state__code="dispatched", region=None, is_active=True)
    return DeadlineRule.objects.create(process=default.process, state=default.state, region=county.county, duration=2,
                                       unit=default.unit, start_event=default.start_event, legal_basis=COUNTY_BASIS)


def rule_day(case: Case) -> dt.date:
    """The day the rule gives the 分流交办 step if the case were handed on now."""
    state = State.objects.get(process_id=case.process_id, code="dispatched")
    due = clock_for(case=case, state=state, entered_at=timezone.now()).due_at
    assert due is not None
    return timezone.localtime(due).date()


def when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _post_assign(client, case: Case, **data):
    data.setdefault("version", Case.objects.get(pk=case.pk).version)
    return client.post(reverse("cases:transition", args=[case.pk, "assign"]), data)


def test_the_form_shows_the_rules_day_and_the_countys_own_basis_before_saving(client, county, case, county_rule):
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    limit = rule_day(case).isoformat()
    assert 'name="due_on"' in page
    assert f"按规则为 {limit}（{COUNTY_BASIS}）" in page
    assert f'max="{limit}"' in page
    assert DEFAULT_BASIS_PART not in page  # the national/default row is not cited where the county has its own


def test_an_earlier_day_is_kept_with_who_chose_it_and_audited(client, county, case):
    chosen = rule_day(case) - dt.timedelta(days=1)
    client.force_login(county.center)
    response = _post_assign(client, case, to_department=county.labour.pk, due_on=chosen.isoformat())
    assert response.status_code == 303, response.content.decode()[:500]
    case = Case.objects.get(pk=case.pk)
    assert case.state.code == "dispatched"
    assert case.due_at == end_of_day(chosen) and case.due_set_by == county.center
    assert case.warn_at is not None and case.clock_started_at < case.warn_at <= case.due_at
    lead = Assignment.objects.get(case=case, role="lead", status="active")
    assert lead.due_at == case.due_at and lead.due_set_by == county.center
    event = CaseEvent.objects.filter(case=case, action="assign").latest("pk")
    assert when(event.data["due_at"]) == case.due_at and event.data["due_set_by"] == county.center.pk
    assert when(event.data["rule_due_at"]) == end_of_day(rule_day(case))
    audit = AuditEntry.objects.filter(action="case.assign", object_id=str(case.pk)).latest("pk")
    assert audit.after["due_set_by"] == county.center.pk and when(audit.after["due_at"]) == case.due_at
    assert audit.after["rule_due_at"] == event.data["rule_due_at"]
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f"由 {county.center} 设定（不按规则重新计算）" in page and f"{county.center} 设定</small>" in page


def test_without_a_day_the_rule_sets_it_and_the_page_says_so(client, county, case):
    client.force_login(county.center)
    assert _post_assign(client, case, to_department=county.labour.pk).status_code == 303
    case = Case.objects.get(pk=case.pk)
    assert case.due_set_by is None and timezone.localtime(case.due_at).date() == rule_day(case)
    assert Assignment.objects.get(case=case, role="lead", status="active").due_set_by is None
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "按规则" in page and "不按规则重新计算" not in page


def test_a_day_later_than_the_rules_is_refused_and_nothing_is_saved(client, county, case, county_rule):
    limit = rule_day(case)
    client.force_login(county.center)
    response = _post_assign(client, case, to_department=county.labour.pk,
                            due_on=(limit + dt.timedelta(days=1)).isoformat())
    assert response.status_code == 400
    text = response.content.decode()
    assert f"晚于规则规定的期限 {limit.isoformat()}（{COUNTY_BASIS}）" in text
    case = Case.objects.get(pk=case.pk)
    assert case.state.code == "registered" and case.due_set_by is None
    assert not Assignment.objects.filter(case=case).exists()


def test_the_refusal_reads_in_english_too(county, case):
    late = rule_day(case) + dt.timedelta(days=5)
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        case_transition(case=case, action="assign", acting_user=county.center, to_department=county.labour,
                        due_on=late)
    assert "later than" in str(refused.value.message) and "only be earlier" in str(refused.value.message)


@pytest.mark.parametrize("days", [-1])
def test_a_past_day_is_refused(county, case, days):
    with pytest.raises(ValidationFailed) as refused:
        case_transition(case=case, action="assign", acting_user=county.center, to_department=county.labour,
                        due_on=timezone.localdate() + dt.timedelta(days=days))
    assert "due_on" in refused.value.field_errors


def test_a_day_only_on_steps_that_hand_the_case_on(county, case):
    with pytest.raises(ValidationFailed) as refused:
        case_transition(case=case, action="accept", acting_user=county.center, due_on=timezone.localdate())
    assert "due_on" in refused.value.field_errors
    assert Case.objects.get(pk=case.pk).state.code == "registered"


def test_the_api_assign_takes_the_same_day(county, case):
    chosen = timezone.localdate()
    client = token_client(county.center)
    late = client.post(case_url(case.pk, "assign"), {"role": "lead", "to_department": county.labour.code,
                                                      "due_on": (rule_day(case) + dt.timedelta(days=1)).isoformat()},
                       format="json")
    assert late.status_code == 400 and "due_on" in str(late.json())
    response = client.post(case_url(case.pk, "assign"), {"role": "lead", "to_department": county.labour.code,
                                                          "due_on": chosen.isoformat()}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["due_chosen"] is True and body["assignments"][-1]["due_chosen"] is True
    assert Case.objects.get(pk=case.pk).due_at == end_of_day(chosen)


def test_a_co_handler_takes_days_not_a_day(county, case):
    with pytest.raises(ValidationFailed) as refused:
        case_assign(case=case, acting_user=county.center, to_department=county.labour, role="co",
                    due_on=timezone.localdate())
    assert "due_on" in refused.value.field_errors


def is_workday(day: dt.date) -> bool:
    return SpanCalendar(day, day).is_workday(day)


def _next_workday_after(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not is_workday(day):
        day += dt.timedelta(days=1)
    return day


def test_a_calendar_edit_moves_the_rules_date_with_an_event_and_never_a_chosen_one(
        county, django_capture_on_commit_callbacks):
    by_rule = case_transition(case=make_case(acting_user=county.grid_worker, region=county.grid), action="assign",
                              acting_user=county.center, to_department=county.labour)
    chosen = case_transition(case=make_case(acting_user=county.grid_worker, region=county.grid), action="assign",
                             acting_user=county.center, to_department=county.labour, due_on=timezone.localdate())
    rule_due, chosen_due = by_rule.due_at, chosen.due_at
    holiday = _next_workday_after(timezone.localdate())  # a working day inside both steps' periods
    admin = UserFactory(is_superuser=True, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_set(acting_user=admin, date=holiday, is_workday=False, name="临时调休")
        calendar_year_mark_covered(acting_user=admin, year=holiday.year, note="测试")
    by_rule, chosen = Case.objects.get(pk=by_rule.pk), Case.objects.get(pk=chosen.pk)
    assert by_rule.due_at > rule_due  # one working day fewer in the period: the rule's date moves ...
    moved = CaseEvent.objects.get(case=by_rule, action="deadline_recomputed")  # ... and says so on the timeline
    assert when(moved.data["old_due_at"]) == rule_due and when(moved.data["due_at"]) == by_rule.due_at
    assert timezone.localtime(rule_due).date().isoformat() in moved.note
    assert chosen.due_at == chosen_due and chosen.due_set_by == county.center  # the person's day stays
    assert not CaseEvent.objects.filter(case=chosen, action="deadline_recomputed").exists()


def test_an_edited_calendar_day_outside_the_period_moves_no_existing_due_date(county,
                                                                              django_capture_on_commit_callbacks):
    case = case_transition(case=make_case(acting_user=county.grid_worker, region=county.grid), action="assign",
                           acting_user=county.center, to_department=county.labour)
    before = case.due_at
    later = timezone.localtime(before).date() + dt.timedelta(days=40)
    admin = UserFactory(is_superuser=True, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_set(acting_user=admin, date=later, is_workday=not is_workday(later), name="调整")
    assert Case.objects.get(pk=case.pk).due_at == before
    assert not CaseEvent.objects.filter(case=case, action="deadline_recomputed").exists()


def test_a_new_step_runs_on_its_rule_again(county, case):
    case = case_transition(case=case, action="assign", acting_user=county.center, to_department=county.labour,
                           due_on=timezone.localdate())
    assert case.due_set_by == county.center
    case = case_transition(case=case, action="accept", acting_user=county.handler)
    assert case.state.code == "mediating" and case.due_set_by is None


def test_the_statutory_limit_still_runs_on_the_rule_under_a_chosen_day(county, case):
    limit = rule_day(case)
    case = case_transition(case=case, action="assign", acting_user=county.center, to_department=county.labour,
                           due_on=timezone.localdate())
    shown = step_limits(case=Case.objects.get(pk=case.pk))
    assert shown is not None and timezone.localtime(shown.latest).date() == limit


def test_a_day_the_parties_agreed_is_not_recounted_either(county, case, django_capture_on_commit_callbacks):
    case = case_transition(case=case, action="accept", acting_user=county.center)  # 调解中, 30 calendar days
    agreed_on = timezone.localtime(case.due_at).date() + dt.timedelta(days=20)
    case = case_step_due_agreed(case=case, acting_user=county.center, due_on=agreed_on, consent="双方当场书面同意")
    assert case.due_set_by == county.center
    edited = agreed_on - dt.timedelta(days=1)  # a day in the year of the agreed date: its open due dates recount
    admin = UserFactory(is_superuser=True, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_set(acting_user=admin, date=edited, is_workday=not is_workday(edited), name="调整")
        calendar_year_mark_covered(acting_user=admin, year=agreed_on.year, note="测试")
    assert Case.objects.get(pk=case.pk).due_at == end_of_day(agreed_on)
    assert not CaseEvent.objects.filter(case=case, action="deadline_recomputed").exists()
