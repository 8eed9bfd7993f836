"""Court-entrusted mediation through the pages: the start form's court fieldset (pre-filled for a case the court
sent), the clocks with their badges, the 确认接受 form, and 404 for another county."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.cases.models import Case
from fengqiao.mediation.choices import ClockKind, CourtReferralKind
from fengqiao.mediation.models import Mediation, MediationClock
from fengqiao.mediation.services import CourtReferralInput, mediation_start
from fengqiao.testing.factories import make_case

HX = {"HTTP_HX_REQUEST": "true"}
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
COURT = "A县人民法院"


@pytest.fixture
def court_case(county) -> Case:
    return make_case(acting_user=county.center, region=county.grid, channel="court", title="相邻通行纠纷",
                     narrative="邻居在共用通道堆放杂物，影响通行。",
                     received_at=timezone.make_aware(dt.datetime(2026, 9, 30, 9, 0)))


@pytest.fixture
def entrusted(county, directory, court_case) -> Mediation:
    return mediation_start(case=court_case, acting_user=county.mediator, channel="people", organisation=directory.village,
                           applied_on=dt.date(2026, 9, 30),
                           court_referral=CourtReferralInput(kind=CourtReferralKind.POST_FILING_SIMPLIFIED,
                                                             court_name=COURT, received_on=dt.date(2026, 9, 30),
                                                             applied_on=dt.date(2026, 9, 25)))


def _date_value(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="date" name="{name}" value="([^"]*)"', html)


def _selected(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, name
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select.group(1))


def test_the_start_form_offers_the_court_fieldset_prefilled_for_a_court_case(client, county, directory, court_case,
                                                                              case):
    client.force_login(county.mediator)
    page = client.get(reverse("cases:detail", args=[court_case.pk]), **ZH).content.decode()
    assert "<legend>法院委派/委托调解（可选）</legend>" in page
    assert _selected(page, "court_referral_kind") == ["pre_filing"]
    assert _date_value(page, "court_received_on") == ["2026-09-30"]
    assert 'type="date" name="court_applied_on"' in page and not _date_value(page, "court_applied_on")

    visit = client.get(reverse("cases:detail", args=[case.pk]), **ZH).content.decode()
    assert "法院委派/委托调解（可选）" in visit and _selected(visit, "court_referral_kind") == [""]
    assert not _date_value(visit, "court_received_on")


def test_starting_with_a_referral_through_the_form(client, county, directory, court_case):
    client.force_login(county.mediator)
    url = reverse("mediation:start", args=[court_case.pk])
    form = {"channel": "people", "organisation": directory.village.pk, "applied_on": "2026-09-30", "return_to": "case",
            "court_referral_kind": "pre_filing", "court_name": "", "court_received_on": "2026-09-30",
            "court_applied_on": "2026-09-25"}
    refused = client.post(url, form, **HX, **ZH)
    assert refused.status_code == 400 and "请填写委派/委托法院。" in refused.content.decode()
    no_kind = client.post(url, {**form, "court_referral_kind": "", "court_name": COURT}, **HX, **ZH)
    assert no_kind.status_code == 400 and "请选择委派/委托类型" in no_kind.content.decode()
    assert not Mediation.objects.filter(case=court_case).exists()

    response = client.post(url, {**form, "court_name": COURT}, **HX)
    assert response.status_code == 200 and response["HX-Redirect"] == reverse("cases:detail", args=[court_case.pk])
    mediation = Mediation.objects.get(case=court_case)
    assert (mediation.court_referral_kind, mediation.referring_court, mediation.court_received_on) == (
        "pre_filing", COURT, dt.date(2026, 9, 30))
    assert MediationClock.objects.get(mediation=mediation, kind=ClockKind.COURT_ACCEPTANCE).end_on == dt.date(2026, 10, 10)


def test_confirming_acceptance_on_the_mediation_page(client, county, entrusted):
    client.force_login(county.mediator)
    detail = reverse("mediation:detail", args=[entrusted.pk])
    page = client.get(detail, **ZH).content.decode()
    assert f'id="panel-m{entrusted.pk}-court-acceptance"' in page and "确认接受委派/委托" in page
    assert _date_value(page, "accepted_on") == [timezone.localdate().isoformat()]
    assert "立案后委托调解（简易程序）" in page and "尚未确认接受" in page
    assert "确认接受委派期限" in page and "法院指定调解员期限" in page
    assert 'badge badge-green">已于 2026-09-30 完成</span>' in page  # the court appointed in time
    assert 'name="refer_to_court"' not in page  # a failure goes back to the court, never referred again

    url = reverse("mediation:court_acceptance", args=[entrusted.pk])
    too_early = client.post(url, {"accepted_on": "2026-09-29", "return_to": "mediation"}, **HX, **ZH)
    assert too_early.status_code == 400 and "不能早于2026-09-30" in too_early.content.decode()
    response = client.post(url, {"accepted_on": "2026-10-09", "return_to": "mediation"})
    assert response.status_code == 303 and response["Location"] == detail
    entrusted.refresh_from_db()
    assert entrusted.court_accepted_on == dt.date(2026, 10, 9)
    period = MediationClock.objects.get(mediation=entrusted, kind=ClockKind.COURT_POST_FILING_SIMPLIFIED)
    assert (period.start_on, period.end_on) == (dt.date(2026, 10, 9), dt.date(2026, 10, 16))

    page = client.get(detail, **ZH).content.decode()
    assert f'id="panel-m{entrusted.pk}-court-acceptance"' not in page
    assert "已于 2026-10-09 完成" in page and "立案后调解期限（简易程序）" in page and "2026-10-16" in page
    again = client.post(url, {"accepted_on": "2026-10-09", "return_to": "mediation"}, **HX, **ZH)
    assert again.status_code == 409 and "不能重复确认" in again.content.decode()


def test_another_county_gets_404_on_the_acceptance_url(client, other_county, entrusted):
    client.force_login(other_county.mediator)
    response = client.post(reverse("mediation:court_acceptance", args=[entrusted.pk]), {"accepted_on": "2026-10-09"})
    assert response.status_code == 404
    entrusted.refresh_from_db()
    assert entrusted.court_accepted_on is None
    assert not MediationClock.objects.filter(mediation=entrusted, kind=ClockKind.COURT_POST_FILING_SIMPLIFIED).exists()


def test_the_admin_lists_mediations_by_court_referral(admin_client, entrusted, county, directory, case):
    ordinary = mediation_start(case=case, acting_user=county.mediator, channel="people", organisation=directory.village,
                               applied_on=timezone.localtime(case.received_at).date())
    url = reverse("admin:mediation_mediation_changelist")
    simplified = admin_client.get(url, {"court_referral_kind": CourtReferralKind.POST_FILING_SIMPLIFIED}).content.decode()
    assert reverse("admin:mediation_mediation_change", args=[entrusted.pk]) in simplified
    assert reverse("admin:mediation_mediation_change", args=[ordinary.pk]) not in simplified
    detail = admin_client.get(reverse("admin:mediation_mediation_change", args=[entrusted.pk])).content.decode()
    assert COURT in detail and "2026年9月25日" in detail  # the referral fields, read-only
