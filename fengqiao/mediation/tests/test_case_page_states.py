"""Issue 13, the case page's states never contradict each other: a case in 调解中 is not also "尚未开始调解", and an
active mediation's 调解不成 / 当事人拒绝调解 forms are not offered twice (once as the case's own step beside them)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fengqiao.cases.models import Case
from fengqiao.cases.services import case_transition
from fengqiao.mediation.choices import Channel
from fengqiao.mediation.services import mediation_start

pytestmark = pytest.mark.django_db


def page(client, user, case: Case) -> str:
    client.force_login(user)
    return client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def step_url(case: Case, action: str) -> str:
    return reverse("cases:transition", args=[case.pk, action])


def test_a_case_accepted_into_mediation_on_its_page_is_not_also_not_started(client, county, case):
    assert "尚未开始调解" in page(client, county.center, case)  # registered: nothing started, and it says so
    case_transition(case=case, action="accept", acting_user=county.center)
    html = page(client, county.center, case)
    assert "调解中" in html
    assert "尚未开始调解" not in html
    assert "案件已进入“调解中”环节，调解组织和调解员尚未登记" in html


def test_an_active_mediation_ends_through_its_own_forms_only(client, county, directory, case):
    mediation = mediation_start(case=case, acting_user=county.mediator, channel=Channel.PEOPLE,
                                organisation=directory.village, mediator=directory.near,
                                applied_on=dt.date(2026, 9, 2))
    assert Case.objects.get(pk=case.pk).state.code == "mediating"
    html = page(client, county.center, case)
    assert reverse("mediation:fail", args=[mediation.pk]) in html
    assert reverse("mediation:refusal", args=[mediation.pk]) in html
    assert step_url(case, "fail") not in html and step_url(case, "refuse_mediation") not in html
    assert step_url(case, "succeed") in html  # the other steps stay
    assert html.count(">调解不成<") <= 1 and html.count("当事人拒绝调解</") <= 1


def test_without_a_mediation_the_cases_own_steps_are_offered(client, county, case):
    case_transition(case=case, action="accept", acting_user=county.center)
    html = page(client, county.center, case)
    assert step_url(case, "fail") in html and step_url(case, "refuse_mediation") in html
