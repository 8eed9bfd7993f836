"""The resident's rating through the portal: submit → staff close → track → rate, once; 不满意 → center reopens."""
from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from fengqiao.cases.models import Case
from fengqiao.cases.services import case_transition
from fengqiao.cases.services.create import PartyInput
from fengqiao.followup.choices import AnswerChannel, FollowUpStatus, ReviewStatus
from fengqiao.followup.figures import followup_figures
from fengqiao.followup.models import FollowUp
from fengqiao.notifications.models import Notification
from fengqiao.portal.tests.helpers import RESIDENT_PHONE, submission
from fengqiao.testing.factories import make_case


def submit_and_close(client, county, fresh):
    assert client.post(reverse("portal:submit"), submission(county)).status_code == 302
    case = Case.objects.latest("id")
    return case_transition(case=case, action="close", acting_user=fresh(county.center),
                           note="网格员上门协调，双方约定晚十点后不再搬动家具", public_note="已上门协调，双方达成一致。")


def track(client, case):
    response = client.post(reverse("portal:track"), {"code": case.tracking_code, "phone": RESIDENT_PHONE})
    assert response.status_code == 302
    return client.get(reverse("portal:track_result")).content.decode()


def test_the_resident_rates_once(client, county, fresh):
    case = submit_and_close(client, county, fresh)
    page = track(client, case)
    assert 'id="rating"' in page and reverse("followup:rate") in page and 'name="satisfaction"' in page
    rated = client.post(reverse("followup:rate"), {"settled": "yes", "satisfaction": "satisfied", "words": "很快就解决了"})
    assert rated.status_code == 302 and rated["Location"].startswith(reverse("portal:track_result"))
    followup = FollowUp.objects.get(case=case)
    assert followup.status == FollowUpStatus.ANSWERED and followup.channel == AnswerChannel.PORTAL
    assert followup.answered_by is None and followup.resident_words == "很快就解决了"
    assert followup.review_status == ""
    page = client.get(reverse("portal:track_result")).content.decode()
    assert "您已评价" in page and 'name="satisfaction"' not in page
    again = client.post(reverse("followup:rate"), {"settled": "no", "satisfaction": "dissatisfied"})
    assert again.status_code == 409 and "不能重复评价" in again.content.decode()
    followup.refresh_from_db()
    assert followup.satisfaction == "satisfied"


def test_dissatisfied_leads_to_review_reopening_and_the_figures_count_it(client, county, fresh):
    case = submit_and_close(client, county, fresh)
    track(client, case)
    client.post(reverse("followup:rate"), {"settled": "no", "satisfaction": "dissatisfied", "words": "楼上还是很吵"})
    followup = FollowUp.objects.get(case=case)
    assert followup.review_status == ReviewStatus.REQUESTED
    assert Notification.objects.filter(case=case, recipient=county.center).exists()
    assert "中心将复核" in client.get(reverse("portal:track_result")).content.decode()

    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("followup:reopen", args=[case.pk]) in page
    reopened = client.post(reverse("followup:reopen", args=[case.pk]), {"followup": followup.pk, "note": "重新上门调解"},
                           HTTP_HX_REQUEST="true")
    assert reopened.status_code == 200 and "HX-Redirect" in reopened
    assert Case.objects.get(pk=case.pk).state.code == "mediating"
    followup.refresh_from_db()
    assert followup.review_status == ReviewStatus.REOPENED

    total = followup_figures(user=fresh(county.center)).total
    assert (total.satisfied, total.dissatisfied, total.answered, total.reopened) == (0, 1, 1, 1)
    assert total.satisfaction_rate == 0.0 and total.settlement_rate == 0.0


def test_no_rating_while_the_case_is_open(client, county, fresh):
    assert client.post(reverse("portal:submit"), submission(county)).status_code == 302
    case = Case.objects.latest("id")
    page = track(client, case)
    assert 'id="rating"' not in page
    refused = client.post(reverse("followup:rate"), {"settled": "yes", "satisfaction": "satisfied"})
    assert refused.status_code == 409 and not FollowUp.objects.filter(case=case).exists()


def test_rating_needs_a_verified_lookup(client, county, fresh):
    case = submit_and_close(client, county, fresh)
    response = client.post(reverse("followup:rate"), {"settled": "yes", "satisfaction": "satisfied"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:track")
    assert not FollowUp.objects.filter(case=case, status=FollowUpStatus.ANSWERED).exists()
    assert client.get(reverse("followup:rate")).status_code == 405


def test_an_incomplete_rating_is_shown_again_with_errors(client, county, fresh):
    case = submit_and_close(client, county, fresh)
    track(client, case)
    response = client.post(reverse("followup:rate"), {"settled": "yes"})
    assert response.status_code == 400 and "请选择满意程度" in response.content.decode()
    assert not FollowUp.objects.filter(case=case, status=FollowUpStatus.ANSWERED).exists()


def test_the_rating_form_carries_a_csrf_token(county, fresh):
    browser = Client(enforce_csrf_checks=True)
    case = case_transition(case=make_closed_case(county), action="close", acting_user=fresh(county.center), note="已办结")
    browser.get(reverse("portal:track"))
    token = browser.cookies["csrftoken"].value
    browser.post(reverse("portal:track"), {"code": case.tracking_code, "phone": RESIDENT_PHONE, "csrfmiddlewaretoken": token})
    page = browser.get(reverse("portal:track_result")).content.decode()
    form_token = re.search(r'id="rating".*?name="csrfmiddlewaretoken" value="([^"]+)"', page, re.S).group(1)
    rated = browser.post(reverse("followup:rate"), {"settled": "yes", "satisfaction": "satisfied",
                                                    "csrfmiddlewaretoken": form_token})
    assert rated.status_code == 302
    assert FollowUp.objects.get(case=case).channel == AnswerChannel.PORTAL


def make_closed_case(county):
    return make_case(acting_user=county.center, region=county.grid,
                     parties=[PartyInput(name="王秀英", phone=RESIDENT_PHONE)])
