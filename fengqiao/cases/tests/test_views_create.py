"""Registering a case through the form: success, field errors, and nothing half-saved."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fengqiao.cases.models import Attachment, Case, Party, Process
from fengqiao.testing.factories import valid_id_number

URL = reverse("cases:create")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ID_NUMBER = valid_id_number("19880808", "330106", "331")


def _form(county, **overrides):
    data = {
        "process": Process.objects.get(code="dispute").pk, "channel": "grid", "title": "楼上深夜噪声",
        "narrative": "住户反映楼上每晚零点后拖动家具，多次沟通无果。", "region": county.grid.pk, "address": "柳湾社区5幢",
        "latitude": "", "longitude": "", "category": "", "dispute_type": "", "urgency": "normal",
        "received_at": "2026-01-12T09:30", "party_count": "",
        "parties-TOTAL_FORMS": "2", "parties-INITIAL_FORMS": "0", "parties-MIN_NUM_FORMS": "0", "parties-MAX_NUM_FORMS": "60",
        "parties-0-name": "李某", "parties-0-role": "applicant", "parties-0-kind": "person",
        "parties-0-id_number": ID_NUMBER, "parties-0-phone": "13712345678", "parties-0-address": "",
        "parties-1-name": "赵某", "parties-1-role": "respondent", "parties-1-kind": "person",
        "parties-1-id_number": "", "parties-1-phone": "", "parties-1-address": "",
    }
    data.update(overrides)
    return data


def test_form_renders_with_the_grid_workers_grid_preselected(client, county):
    client.force_login(county.grid_worker)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["form"]["region"].value() == county.grid.pk
    regions = list(response.context["form"].fields["region"].queryset)
    assert regions == [county.grid]
    html = response.content.decode()
    assert 'name="parties-0-name"' in html and 'name="parties-1-name"' in html and 'name="attachments"' in html
    assert 'enctype="multipart/form-data"' in html and "multiple" in html


def test_register_a_case(client, county):
    client.force_login(county.grid_worker)
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    response = client.post(URL, {**_form(county), "attachments": [photo]})
    assert response.status_code == 303
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.title == "楼上深夜噪声" and case.region == county.grid and case.channel == "grid"
    assert case.registered_by == county.grid_worker and case.party_count == 2
    assert [p.name for p in case.parties.order_by("id")] == ["李某", "赵某"]
    assert case.parties.get(name="李某").id_number == ID_NUMBER
    assert case.attachments.get().original_name == "现场.png"
    page = client.get(response["Location"]).content.decode()
    assert "案件已登记" in page and case.reference in page


def test_blank_party_rows_are_ignored(client, county):
    client.force_login(county.center)
    data = _form(county, **{"parties-1-name": "", "parties-TOTAL_FORMS": "3", "parties-2-role": "respondent",
                            "parties-2-kind": "person", "parties-2-name": ""})
    assert client.post(URL, data).status_code == 303
    assert Case.objects.get().parties.count() == 1


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"title": ""}, "title", "该字段是必填项"),
    ({"parties-0-id_number": "330106198808083310"}, "parties-0-id_number", "证件号码无效"),
    ({"parties-0-phone": "12345"}, "parties-0-phone", "电话号码格式不正确"),
    ({"parties-0-role": "respondent"}, None, "请至少填写一名申请人"),
    ({"party_count": "1"}, "party_count", "当事人数不能少于已填写的当事人"),
    ({"received_at": "2031-01-01T08:00"}, "received_at", "收到时间不能晚于现在"),
    ({"latitude": "95"}, "latitude", ""),
])
def test_bad_input_saves_nothing_and_shows_the_error(client, county, overrides, field, message):
    client.force_login(county.center)
    before = (Case.objects.count(), Party.objects.count())
    response = client.post(URL, _form(county, **overrides))
    assert response.status_code == 400
    assert (Case.objects.count(), Party.objects.count()) == before
    html = response.content.decode()
    assert message in html
    if field:
        # the message sits inside the field's own block
        block = html[html.index(f'name="{field}"'):]
        assert 'class="field-error"' in block[: block.index("</div>")]


def test_a_ten_megabyte_narrative_is_refused_clearly(client, county):
    client.force_login(county.center)
    huge = "纠" * (10 * 1024 * 1024 // 3)
    response = client.post(URL, _form(county, narrative=huge))
    assert response.status_code == 400
    html = response.content.decode()
    assert "诉求内容过长" in html and Case.objects.count() == 0
    assert len(response.content) < 200_000  # the text is not sent back in full


def test_a_file_that_lies_about_its_type_is_refused_and_nothing_saved(client, county):
    client.force_login(county.center)
    fake = SimpleUploadedFile("照片.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg")
    good = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    response = client.post(URL, {**_form(county), "attachments": [good, fake]})
    assert response.status_code == 400
    assert "内容与扩展名不符" in response.content.decode()
    assert Case.objects.count() == 0 and Attachment.objects.count() == 0


def test_a_region_outside_the_users_area_is_not_a_choice(client, county, other_county):
    client.force_login(county.grid_worker)
    response = client.post(URL, _form(county, region=county.other_grid.pk))
    assert response.status_code == 400 and Case.objects.count() == 0
    assert "region" in response.context["form"].errors


def test_more_party_rows_without_javascript(client, county):
    client.force_login(county.center)
    response = client.post(URL, {**_form(county), "add_party": "1"})
    assert response.status_code == 200 and Case.objects.count() == 0
    html = response.content.decode()
    assert 'name="parties-2-name"' in html and 'value="李某"' in html and 'value="楼上深夜噪声"' in html
    assert 'class="field-error"' not in html


def test_more_party_rows_with_htmx(client, county):
    client.force_login(county.center)
    response = client.get(reverse("cases:party_row"), {"index": 2}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'name="parties-2-name"' in html
    assert 'id="id_parties-TOTAL_FORMS"' in html and 'value="3"' in html and 'hx-swap-oob="true"' in html
    assert "index=3" in html
    assert client.get(reverse("cases:party_row"), {"index": 60}).status_code == 400
    assert client.get(reverse("cases:party_row"), {"index": "x"}).status_code == 400
