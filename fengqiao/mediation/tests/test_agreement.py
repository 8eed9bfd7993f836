"""Sessions that fail, then an agreement: the case succeeds through its workflow, the PDF names the parties, the
judicial-confirmation window runs 30 calendar days from the effective date, performance is followed up."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.audit.models import AuditEntry, PersonalDataAccess
from fengqiao.cases.models import Case
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.mediation.choices import (
    AgreementStatus,
    Channel,
    ClockKind,
    ClockStatus,
    ConfirmationResult,
    InstalmentStatus,
    MediationStatus,
    PerformanceResult,
    SessionOutcome,
)
from fengqiao.mediation.display import judicial_confirmation_view
from fengqiao.mediation.models import Agreement, ClockRule, Instalment, Mediation
from fengqiao.mediation.panel import mediation_view
from fengqiao.mediation.pdf import agreement_pdf
from fengqiao.mediation.selectors import mediations_for_case
from fengqiao.mediation.services import (
    InstalmentInput,
    agreement_draft,
    agreement_record_confirmation,
    agreement_sign,
    mediation_start,
    performance_check_record,
    performance_overdue_sweep,
    session_minute,
    session_schedule,
)
from fengqiao.mediation.tests.pdf_text import pdf_text
from fengqiao.notifications.models import Notification
from fengqiao.testing.factories import valid_id_number

FACTS = "申请人张某在被申请人承建的工地务工五个月，被拖欠工资三万元，多次讨要无果。"
TERMS = ["被申请人某建筑公司支付申请人张某工资人民币30000元。", "申请人放弃其他请求，双方就本纠纷再无其他争议。"]
TODAY = timezone.localdate


def start(county, directory, case, applied_on: dt.date) -> Mediation:
    return mediation_start(case=case, acting_user=county.mediator, channel=Channel.PEOPLE, organisation=directory.village,
                           mediator=directory.near, applied_on=applied_on)


def draft(mediation: Mediation, user, **overrides) -> Agreement:
    data = {"facts": FACTS, "terms": TERMS, "performance_method": "银行转账至申请人账户"} | overrides
    return agreement_draft(mediation=mediation, acting_user=user, **data)


def test_two_failed_sessions_then_an_agreement(county, directory, case, client):
    today = TODAY()
    mediation = start(county, directory, case, today - dt.timedelta(days=10))
    parties = list(case.parties.all())
    for days_ago in (8, 5):
        session = session_schedule(mediation=mediation, acting_user=county.mediator, place="柳湾社区调解室",
                                   scheduled_at=timezone.now() - dt.timedelta(days=days_ago), parties=parties)
        session_minute(session=session, acting_user=county.mediator, minutes="双方对金额分歧较大。",
                       outcome=SessionOutcome.NO_AGREEMENT, attended_parties=parties)
    assert Case.objects.get(pk=case.pk).state.code == "mediating"

    agreement = draft(mediation, county.mediator, performance_deadline=today + dt.timedelta(days=20))
    assert agreement.status == AgreementStatus.DRAFT and agreement.number == f"（{today.year}）柳湾调字第0001号"
    assert Case.objects.get(pk=case.pk).state.code == "mediating"  # not effective until signed

    agreement = agreement_sign(agreement=agreement, acting_user=county.mediator, signed_on=today - dt.timedelta(days=1))
    case = Case.objects.select_related("state").get(pk=case.pk)
    assert case.state.code == "mediated" and case.state.name == "调解成功"
    succeeded = case.events.get(kind="transition", action="succeed")
    assert agreement.number in succeeded.note and succeeded.public_note
    assert Mediation.objects.get(pk=mediation.pk).status == MediationStatus.SUCCEEDED
    assert agreement.judicial_confirmation_due == today - dt.timedelta(days=1) + dt.timedelta(days=30)
    assert "第33条" in agreement.judicial_confirmation_basis
    assert AuditEntry.objects.filter(action="mediation.agreement_sign", object_id=str(agreement.pk)).exists()

    client.force_login(county.mediator)
    response = client.get(reverse("mediation:agreement_pdf", args=[mediation.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-") and response.content.rstrip().endswith(b"%%EOF")
    assert PersonalDataAccess.objects.filter(user=county.mediator, kind="export", object_id=str(agreement.pk)).exists()


def test_the_pdf_names_the_parties_and_masks_their_ids(county, directory, case, settings):
    settings.FENGQIAO_PDF_FONTS = []  # the built-in CID font, whose text can be read back without a PDF library
    mediation = start(county, directory, case, dt.date(2026, 9, 2))
    agreement = draft(mediation, county.mediator, performance_deadline=dt.date(2026, 10, 15))
    data = agreement_pdf(agreement=agreement, invariant=True, compress=False)
    text = pdf_text(data)
    full_id = valid_id_number()
    for expected in ("人民调解协议书", agreement.number, "申请人：张某", "被申请人：某建筑公司", "330***********" + full_id[-4:],
                     "138****5678", "1．被申请人某建筑公司支付申请人张某工资人民币30000元。", "王调解",
                     "A柳湾社区人民调解委员会", "人民调解委员会（印章）", "2026年10月15日"):
        assert expected in text, expected
    assert full_id not in text and "13812345678" not in text
    assert not re.search(r"\d{17}[\dXx]", text)
    assert agreement_pdf(agreement=agreement, invariant=True, compress=False) == data  # reproducible


@pytest.mark.parametrize(("signed_on", "due"), [
    (dt.date(2026, 9, 28), dt.date(2026, 10, 28)),
    # issue 9: the 30th day falls in the National Day holiday (1-7 October 2026); 民事诉讼法 第八十五条 moves it to
    # the first day after the holiday, 8 October (seeded: the rule rolls)
    (dt.date(2026, 9, 3), dt.date(2026, 10, 8)),
])
def test_judicial_confirmation_due_is_thirty_calendar_days_after_the_effective_date(county, directory, case, signed_on, due):
    mediation = start(county, directory, case, dt.date(2026, 9, 2))
    agreement = draft(mediation, county.mediator, performance_deadline=dt.date(2026, 10, 31))
    agreement = agreement_sign(agreement=agreement, acting_user=county.mediator, signed_on=signed_on)
    assert agreement.judicial_confirmation_due == due
    span = (due - signed_on).days
    assert agreement.judicial_confirmation_warn_on == signed_on + dt.timedelta(days=span * 8 // 10)  # yellow from 80 %


def test_rolling_a_last_day_off_the_holiday_is_a_rule_setting(county, directory, case):
    # issue 9: seeded to roll (民事诉讼法 第八十五条); an administrator who switches it off counts straight through
    assert ClockRule.objects.get(kind=ClockKind.JUDICIAL_CONFIRMATION).roll_to_workday
    ClockRule.objects.filter(kind=ClockKind.JUDICIAL_CONFIRMATION).update(roll_to_workday=False)
    mediation = start(county, directory, case, dt.date(2026, 9, 2))
    agreement = draft(mediation, county.mediator, performance_deadline=dt.date(2026, 10, 31))
    agreement = agreement_sign(agreement=agreement, acting_user=county.mediator, signed_on=dt.date(2026, 9, 3))
    assert agreement.judicial_confirmation_due == dt.date(2026, 10, 3)  # inside the holiday: not moved


def test_judicial_confirmation_window_colours_and_application(county, directory, case):
    mediation = start(county, directory, case, dt.date(2026, 9, 2))
    agreement = draft(mediation, county.mediator, performance_deadline=dt.date(2026, 10, 31))
    agreement = agreement_sign(agreement=agreement, acting_user=county.mediator, signed_on=dt.date(2026, 9, 28))

    def status(day: dt.date) -> str:
        return judicial_confirmation_view(agreement, today=day).status

    assert status(dt.date(2026, 10, 10)) == ClockStatus.GREEN
    assert status(dt.date(2026, 10, 22)) == ClockStatus.YELLOW
    assert status(dt.date(2026, 10, 28)) == ClockStatus.YELLOW
    assert status(dt.date(2026, 10, 29)) == ClockStatus.RED
    with pytest.raises(ValidationFailed):
        agreement_record_confirmation(agreement=agreement, acting_user=county.mediator, applied_on=dt.date(2026, 9, 1),
                                      court="A县人民法院")
    agreement = agreement_record_confirmation(agreement=agreement, acting_user=county.mediator,
                                              applied_on=dt.date(2026, 10, 12), court="A县人民法院",
                                              result=ConfirmationResult.CONFIRMED, result_on=dt.date(2026, 10, 20))
    assert status(dt.date(2026, 11, 29)) == ClockStatus.DONE
    assert agreement.confirmation_court == "A县人民法院" and agreement.confirmation_result == "confirmed"
    assert AuditEntry.objects.filter(action="mediation.judicial_confirmation", object_id=str(agreement.pk)).exists()


def test_a_missed_instalment_turns_red_and_raises_supervision(county, directory, case, client):
    today = TODAY()
    mediation = start(county, directory, case, today - dt.timedelta(days=60))
    agreement = draft(mediation, county.mediator, performance_deadline=today + dt.timedelta(days=40), instalments=[
        InstalmentInput(due_on=today - dt.timedelta(days=20), description="支付第一期10000元"),
        InstalmentInput(due_on=today + dt.timedelta(days=40), description="支付第二期20000元"),
    ])
    agreement_sign(agreement=agreement, acting_user=county.mediator, signed_on=today - dt.timedelta(days=50))
    [view] = [mediation_view(m, can_act=True) for m in mediations_for_case(case=case)]
    assert [i.status for i in view.instalments] == [ClockStatus.RED, ClockStatus.GREEN]
    assert view.overdue_instalments == 1

    assert performance_overdue_sweep() == 1
    assert performance_overdue_sweep() == 0  # once per instalment
    notice = Notification.objects.get(recipient=county.center, case=case, kind="supervision")
    assert notice.urgent and "第1期" in notice.body
    assert case.events.filter(action="mediation_performance_overdue").exists()

    first, second = Instalment.objects.filter(agreement=agreement).order_by("number")
    with pytest.raises(ValidationFailed):  # a shortfall needs a note
        performance_check_record(instalment=first, acting_user=county.mediator, result=PerformanceResult.NOT_PERFORMED)
    performance_check_record(instalment=first, acting_user=county.mediator, result=PerformanceResult.PARTLY,
                             note="已支付5000元，余款承诺月底前付清")
    performance_check_record(instalment=second, acting_user=county.mediator, result=PerformanceResult.PERFORMED)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == InstalmentStatus.PARTLY and second.status == InstalmentStatus.PERFORMED
    assert Notification.objects.filter(recipient=county.center, case=case, kind="supervision").count() == 2
    assert AuditEntry.objects.filter(action="mediation.performance_check").count() >= 2

    client.force_login(county.mediator)
    page = client.get(reverse("mediation:detail", args=[mediation.pk])).content.decode()
    assert 'class="instalment instalment-red"' in page and 'class="instalment instalment-done"' in page
    assert "部分履行（已逾期）" in page


def test_an_agreement_without_terms_is_refused_and_nothing_saved(county, directory, case):
    mediation = start(county, directory, case, dt.date(2026, 9, 2))
    with pytest.raises(ValidationFailed) as err:
        draft(mediation, county.mediator, terms=["  ", ""], performance_deadline=dt.date(2026, 10, 15))
    assert "terms" in err.value.field_errors and "至少" in str(err.value.message)
    with pytest.raises(ValidationFailed) as no_date:
        draft(mediation, county.mediator)
    assert "performance_deadline" in no_date.value.field_errors
    with pytest.raises(ValidationFailed):
        draft(mediation, county.mediator, facts=" ", performance_deadline=dt.date(2026, 10, 15))
    with pytest.raises(ValidationFailed):
        draft(mediation, county.mediator, performance_deadline=dt.date(2040, 1, 1))
    assert not Agreement.objects.filter(mediation=mediation).exists() and not Instalment.objects.exists()


def test_signing_needs_a_sensible_date_and_is_final(county, directory, case):
    mediation = start(county, directory, case, dt.date(2026, 9, 2))
    agreement = draft(mediation, county.mediator, performance_deadline=dt.date(2026, 10, 15))
    for bad in (TODAY() + dt.timedelta(days=1), dt.date(2026, 9, 1), dt.date(2026, 10, 16)):
        with pytest.raises(ValidationFailed):
            agreement_sign(agreement=agreement, acting_user=county.mediator, signed_on=bad)
    assert Agreement.objects.get(pk=agreement.pk).status == AgreementStatus.DRAFT
    agreement_sign(agreement=agreement, acting_user=county.mediator, signed_on=dt.date(2026, 9, 28))
    with pytest.raises(TransitionRefused):
        draft(mediation, county.mediator, performance_deadline=dt.date(2026, 10, 15))


def test_pdf_of_a_missing_agreement_is_a_clear_404(county, directory, case, client):
    mediation = start(county, directory, case, dt.date(2026, 9, 2))
    client.force_login(county.mediator)
    response = client.get(reverse("mediation:agreement_pdf", args=[mediation.pk]))
    assert response.status_code == 404 and "尚未制作调解协议书" in response.content.decode()
    assert client.get(reverse("mediation:agreement_pdf", args=[987654321])).status_code == 404


def test_entering_2027_moves_the_judicial_confirmation_window_off_new_years_day(
        county, directory, case, django_capture_on_commit_callbacks):
    """Issue 9: signed 2 Dec 2026, the 30th day is Fri 1 Jan 2027; 2027 not yet entered, it is a weekday and the
    window warns. Once 2027's holidays are entered, 1 Jan is a holiday and the window rolls to Mon 4 Jan, with an
    event on the case."""
    from fengqiao.cases.models import CaseEvent
    from fengqiao.worktime.models import CalendarDay, CalendarYear
    from fengqiao.worktime.services import calendar_day_set, calendar_year_mark_covered

    CalendarDay.objects.filter(date__year=2027).delete()
    CalendarYear.objects.filter(year=2027).delete()
    mediation = start(county, directory, case, dt.date(2026, 12, 1))
    agreement = draft(mediation, county.mediator, performance_deadline=dt.date(2027, 1, 31))
    agreement = agreement_sign(agreement=agreement, acting_user=county.mediator, signed_on=dt.date(2026, 12, 2))
    assert agreement.judicial_confirmation_due == dt.date(2027, 1, 1) and "2027" in agreement.calendar_warning
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_set(acting_user=None, date=dt.date(2027, 1, 1), is_workday=False, name="元旦")
        calendar_year_mark_covered(acting_user=None, year=2027)
    agreement.refresh_from_db()
    assert agreement.judicial_confirmation_due == dt.date(2027, 1, 4) and agreement.calendar_warning == ""
    event = CaseEvent.objects.get(case=case, action="mediation_clock_recomputed")
    assert "2027-01-01" in event.note and "2027-01-04" in event.note
