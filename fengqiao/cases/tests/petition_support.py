"""Set-up shared by the petition tests of issue 9 (信访工作条例 第二十九条 to 第三十六条).

Real dates (Asia/Shanghai) around National Day 2026 (holidays 1-7 Oct, 10 Oct a working Saturday). The service
clock is set with a patched `timezone.now` so that an answer can be issued in August and received in September."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

from fengqiao.cases.models import PetitionAnswer
from fengqiao.cases.services import case_transition
from fengqiao.cases.services.petition import PetitionInput
from fengqiao.cases.services.petition_answers import AnswerInput, petition_delivery_record
from fengqiao.cases.services.review import ReviewRequestInput
from fengqiao.cases.tests.helpers import ANSWER_TEXT
from fengqiao.testing.factories import DepartmentFactory, make_case

D = dt.date


@contextmanager
def on(day: dt.date, hour: int = 10):
    """Run the services as if it were `day` (Asia/Shanghai)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def local(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def answer(body=None, *, outcome="not_support", method="", delivered_on=None, text=ANSWER_TEXT, note="仍出具"):
    return AnswerInput(text=text, outcome=outcome, body=body, override_note=note, delivery_method=method,
                       delivered_on=delivered_on)


def county_office(county):
    """The county government's office: the level above a county department (复核 of the 人社局's 复查)."""
    return DepartmentFactory(code="A-zfb", name="A县人民政府办公室", home_region=county.county, covers=[county.county])


def accepted(county, fresh, *, kind=None, **petition):
    with on(D(2026, 8, 3)):
        data = PetitionInput(kind=kind, **petition) if kind else None
        case = make_case(acting_user=county.center, region=county.grid, process="petition",
                         title="青石街道承包地征收补偿标准偏低", petition=data)
        return case_transition(case=case, action="accept", acting_user=fresh(county.center))


def answered_by_police(county, fresh):
    """Answered on 28 Aug 2026 by the street's 派出所, its delivery not yet known."""
    case = accepted(county, fresh)
    with on(D(2026, 8, 28)):
        return case_transition(case=case, action="answer", acting_user=fresh(county.center), note="书面答复",
                               answer=answer(county.police))


RECEIPT_SIGNED = D(2026, 9, 5)


def deliver(case, county, fresh, day=RECEIPT_SIGNED, method="post"):
    """The post receipt signed on `day`, recorded the day after (or later)."""
    row = PetitionAnswer.objects.filter(case=case).latest("issued_at")
    with on(max(day, D(2026, 9, 6))):
        petition_delivery_record(answer=row, acting_user=fresh(county.center), method=method, delivered_on=day,
                                 note="EMS回执")
    case.refresh_from_db()
    return case


def request_review(case, county, fresh, received, body=None):
    with on(received):
        return case_transition(case=case, action="request_review", acting_user=fresh(county.center), note="申请复查",
                               review_request=ReviewRequestInput(received_on=received, body=body or county.labour))


