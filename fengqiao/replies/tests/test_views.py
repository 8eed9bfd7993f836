"""The answer editor on the case page: HTMX check, send, send anyway; scope; the resident sees the answer masked."""
from __future__ import annotations

import re

import pytest
from django.urls import reverse

from fengqiao.replies.choices import ReplyStatus
from fengqiao.replies.models import WrittenReply
from fengqiao.replies.tests.conftest import RESIDENT_PHONE
from fengqiao.replies.tests.examples import LAND_GOOD_ANSWER, NOISE_EMPTY_ANSWER

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_case_page_shows_the_editor_to_those_who_work_on_the_case(client, petition, county):
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[petition.pk])).content.decode()
    assert 'id="replies"' in page and 'id="reply-editor"' in page
    assert reverse("replies:send", args=[petition.pk]) in page
    assert "<script>" not in page and "onclick" not in page


def test_check_answers_htmx_with_what_is_missing(client, petition, county):
    client.force_login(county.center)
    response = client.post(reverse("replies:check", args=[petition.pk]), {"text": NOISE_EMPTY_ANSWER}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="reply-editor"' in body and "缺失" in body and "针对诉求地点" in body
    assert 'name="override_note"' in body  # the note field opens when something is missing
    assert WrittenReply.objects.get(case=petition).status == ReplyStatus.DRAFT


def test_check_without_htmx_goes_back_to_the_case_page(client, petition, county):
    client.force_login(county.center)
    response = client.post(reverse("replies:check", args=[petition.pk]), {"text": LAND_GOOD_ANSWER})
    assert response.status_code == 302 and response["Location"].startswith(reverse("cases:detail", args=[petition.pk]))


def test_send_with_gaps_is_refused_then_sent_anyway_with_a_note(client, petition, county):
    client.force_login(county.center)
    url = reverse("replies:send", args=[petition.pk])
    refused = client.post(url, {"text": NOISE_EMPTY_ANSWER}, **HTMX)
    assert refused.status_code == 400
    assert "未通过检查的答复须填写仍要发送的理由" in refused.content.decode()
    version = WrittenReply.objects.get(case=petition).version
    sent = client.post(url, {"text": NOISE_EMPTY_ANSWER, "override_note": "先行告知受理情况", "version": version}, **HTMX)
    assert sent.status_code == 200 and sent["HX-Redirect"].startswith(reverse("cases:detail", args=[petition.pk]))
    reply = WrittenReply.objects.get(case=petition)
    assert reply.status == ReplyStatus.SENT and reply.sent_anyway and reply.override_note == "先行告知受理情况"


def test_an_empty_text_is_a_form_error(client, petition, county):
    client.force_login(county.center)
    response = client.post(reverse("replies:check", args=[petition.pk]), {"text": ""}, **HTMX)
    assert response.status_code == 400 and "请填写答复内容" in response.content.decode()


@pytest.mark.parametrize("name", ["check", "send"])
def test_other_county_gets_404_and_get_is_not_allowed(client, petition, other_county, county, name):
    url = reverse(f"replies:{name}", args=[petition.pk])
    client.force_login(other_county.center)
    assert client.post(url, {"text": LAND_GOOD_ANSWER}).status_code == 404
    assert client.post(reverse(f"replies:{name}", args=[987654321]), {"text": "x"}).status_code == 404
    client.force_login(county.center)
    assert client.get(url).status_code == 405
    assert not WrittenReply.objects.filter(case=petition).exists()


def test_anonymous_is_sent_to_login(client, petition):
    response = client.post(reverse("replies:send", args=[petition.pk]), {"text": LAND_GOOD_ANSWER})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_resident_reads_the_answer_masked_on_the_portal(client, petition, county):
    client.force_login(county.center)
    answer = LAND_GOOD_ANSWER + "联系人手机13987654321。"
    client.post(reverse("replies:send", args=[petition.pk]), {"text": answer, "override_note": "附联系人"})
    assert WrittenReply.objects.get(case=petition).status == ReplyStatus.SENT
    client.logout()
    client.post(reverse("portal:track"), {"code": petition.tracking_code, "phone": RESIDENT_PHONE})
    page = client.get(reverse("portal:track_result")).content.decode()
    assert "依据《中华人民共和国土地管理法》第四十八条" in page
    assert "13987654321" not in page and "139****4321" in page
    assert not re.search(r"1[3-9]\d{9}", page)
